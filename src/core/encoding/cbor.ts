/**
 * CBOR through cborg: it refuses unknown tags, can reject duplicate map keys and non-preferred
 * integer encodings, and encodes deterministically — the properties COSE needs (see
 * docs/libraries.md for why not cbor-x).
 */
import { decode, encode } from 'cborg';
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

export function decodeCbor(bytes: Uint8Array, opts: CborDecodeOptions = {}): Result<unknown> {
  const tags: Record<number, (d: () => unknown) => unknown> = {};
  for (const t of opts.tags ?? []) tags[t] = (d) => new Tagged(t, d());
  try {
    return ok(
      decode(bytes, {
        useMaps: true,
        rejectDuplicateMapKeys: true,
        allowIndefinite: !opts.strict,
        allowUndefined: false,
        allowInfinity: false,
        allowNaN: false,
        strict: opts.strict ?? false,
        tags,
      }),
    );
  } catch (e) {
    // Includes RangeError from hostile nesting depth: still just bad CBOR.
    return fail('MALFORMED_CBOR', e instanceof Error ? e.message.slice(0, 120) : 'invalid CBOR');
  }
}

export function encodeCbor(value: unknown): Uint8Array {
  return encode(value);
}
