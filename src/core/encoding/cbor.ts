/**
 * CBOR: decoding by our own single-pass decoder (cbor-decode.ts), held to cborg's accept/refuse
 * behaviour by a differential test (cbor-decode.test.ts); encoding through cborg, which writes
 * deterministically — the properties COSE needs (see docs/libraries.md for why not cbor-x).
 */
import { encode } from 'cborg';
import { fail, ok, type Result } from '../result.ts';
import { decodeItem, type DecodeSettings } from './cbor-decode.ts';

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

/**
 * Nesting limit (arrays, maps, tags). A credential needs under ten levels (tag 18 → COSE array →
 * claims → hcert → v → entry); far deeper input only attacks recursive code downstream, where
 * the stack depth left decides what throws (found by the fuzzer: a few thousand levels decoded,
 * then re-encoding them overflowed the stack).
 */
export const MAX_CBOR_DEPTH = 64;

const tagged = (tag: number, value: unknown) => new Tagged(tag, value);
const LAX: DecodeSettings = { strict: false, tags: [], tagged, maxDepth: MAX_CBOR_DEPTH };
const STRICT: DecodeSettings = { ...LAX, strict: true };

/**
 * One CBOR item, the whole input: maps as Map with duplicate keys refused, only the listed tags,
 * no undefined, NaN or Infinity, valid UTF-8 only, integers beyond 2^53 as bigint, nesting up to
 * MAX_CBOR_DEPTH; `strict` also refuses non-preferred integer and length encodings and indefinite
 * lengths. Every refusal is MALFORMED_CBOR, never a throw.
 */
export function decodeCbor(bytes: Uint8Array, opts: CborDecodeOptions = {}): Result<unknown> {
  if (!(bytes instanceof Uint8Array)) return fail('MALFORMED_CBOR', 'not a byte array');
  // A Buffer's slice() is a view: decode from a plain Uint8Array so byte strings come back as copies.
  if (Object.getPrototypeOf(bytes) !== Uint8Array.prototype) bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const base = opts.strict ? STRICT : LAX;
  try {
    return ok(decodeItem(bytes, opts.tags?.length ? { ...base, tags: opts.tags } : base));
  } catch (e) {
    return fail('MALFORMED_CBOR', e instanceof Error ? e.message.slice(0, 120) : 'invalid CBOR');
  }
}

export function encodeCbor(value: unknown): Uint8Array {
  return encode(value);
}
