/**
 * CBOR through cborg: it refuses unknown tags, can reject duplicate map keys and non-preferred
 * integer encodings, and encodes deterministically — the properties COSE needs (see
 * docs/libraries.md for why not cbor-x).
 */
import { decode, encode, Tokenizer, Type } from 'cborg';
import { fail, ok, type Result } from '../result.ts';

/** A tagged item the caller asked to keep (only COSE_Sign1's tag 18 here). */
export class Tagged {
  constructor(
    readonly tag: number,
    readonly value: unknown,
  ) {}
}

export interface CborDecodeOptions {
  /** Require preferred (shortest) encodings, as a deterministic format should. */
  strict?: boolean;
  /** Tags to accept; each is returned as a Tagged value. Any other tag is an error. */
  tags?: number[];
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Nesting limit (arrays, maps, tags). A credential needs under ten levels (tag 18 → COSE array →
 * claims → hcert → v → entry); far deeper input only attacks recursive code downstream, where
 * the stack depth left decides what throws (found by the fuzzer: a few thousand levels decoded,
 * then re-encoding them overflowed the stack).
 */
export const MAX_CBOR_DEPTH = 64;

/**
 * Checks cborg's token stream for what its decoder lets through:
 * - invalid UTF-8 in a text string, which cborg turns into U+FFFD. RFC 8949 §3.1 makes such a
 *   string invalid and a signed code must mean one text only, so a string showing U+FFFD is re-read
 *   from its bytes (found by the fuzzer: an issuer-signed DCC with broken UTF-8 in a name passed);
 * - nesting deeper than MAX_CBOR_DEPTH, refused before any recursion.
 */
class CheckingTokenizer extends Tokenizer {
  /** Items still due in each open container (Infinity for indefinite lengths). */
  private readonly open: number[] = [];

  override next() {
    const t = super.next();
    if (t.type === Type.break) {
      this.open.pop();
      return t;
    }
    if (this.open.length) this.open[this.open.length - 1]!--;
    if (t.type === Type.string && typeof t.value === 'string' && t.value.includes('\uFFFD') && t.byteValue) STRICT_UTF8.decode(t.byteValue);
    const items = t.type === Type.array ? (t.value as number) : t.type === Type.map ? (t.value as number) * 2 : t.type === Type.tag ? 1 : 0;
    if (items > 0) {
      if (this.open.length >= MAX_CBOR_DEPTH) throw new Error(`nested deeper than ${MAX_CBOR_DEPTH} levels`);
      this.open.push(items);
    }
    while (this.open.length && this.open[this.open.length - 1] === 0) this.open.pop();
    return t;
  }
}

export function decodeCbor(bytes: Uint8Array, opts: CborDecodeOptions = {}): Result<unknown> {
  const tags: Record<number, (d: () => unknown) => unknown> = {};
  for (const t of opts.tags ?? []) tags[t] = (d) => new Tagged(t, d());
  // The tokenizer reads these too (integer widths, indefinite lengths, simple values), so both get them all.
  const options = {
    useMaps: true,
    rejectDuplicateMapKeys: true,
    allowIndefinite: !opts.strict,
    allowUndefined: false,
    allowInfinity: false,
    allowNaN: false,
    allowBigInt: true,
    strict: opts.strict ?? false,
    tags,
    retainStringBytes: true,
  };
  try {
    return ok(decode(bytes, { ...options, tokenizer: new CheckingTokenizer(bytes, options) }));
  } catch (e) {
    // cborg and the tokenizer above report bad input only by throwing, from deep in the decode; contained here.
    // Includes RangeError from hostile nesting depth: still just bad CBOR.
    return fail('MALFORMED_CBOR', e instanceof Error ? e.message.slice(0, 120) : 'invalid CBOR');
  }
}

export function encodeCbor(value: unknown): Uint8Array {
  return encode(value);
}
