/** The CBOR decoder's (cbor-decode.ts) error and its scalar helpers: half floats, finite numbers, byte-string keys. */

export class CborError extends Error {}

export const bad = (why: string): CborError => new CborError(why);

/** A byte string key as a string of its bytes (U+0000–U+00FF), for the per-map duplicate set. */
export function byteKey(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

/** IEEE 754 binary16 (RFC 8949 Appendix D). */
export function half(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  const v = exp === 0 ? mant * 2 ** -24 : exp === 31 ? (mant === 0 ? Infinity : NaN) : (mant + 1024) * 2 ** (exp - 25);
  return h & 0x8000 ? -v : v;
}

/** NaN and the infinities are refused (cbor.ts: a health code has no use for them). */
export function finite(v: number): number {
  if (v !== v) throw bad('NaN values are not supported');
  if (v === Infinity || v === -Infinity) throw bad('Infinity values are not supported');
  return v;
}
