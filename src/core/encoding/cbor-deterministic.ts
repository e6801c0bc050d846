/**
 * Whether CBOR bytes that decodeCbor accepted in strict mode (shortest integers and lengths,
 * definite lengths, no duplicate keys, valid UTF-8, no undefined, NaN or infinities, no trailing
 * bytes) are also in the deterministic form the CN health code requires (docs/formats/
 * cn-health-code.md §2.4, RFC 8949 §4.2.1): map keys in the bytewise order of their encodings,
 * no array or map as a key, numbers with an integral value written as integers (never floats),
 * and every other float in its shortest exact width.
 *
 * One pass over the bytes, allocating nothing: a verdict checks its claims once, cold, and
 * re-encoding them with cborg to compare cost ≈ 0.7 ms of the page's thread at 6× CPU. Held to
 * that re-encoding by cbor-deterministic.test.ts.
 */
import { half } from './cbor-scalars.ts';

/** The end of the item at `at`, or -1 where it is not deterministic. */
function item(b: Uint8Array, at: number): number {
  const major = b[at]! >> 5;
  const info = b[at]! & 31;
  at++;
  let arg = info;
  if (info >= 24) {
    const size = 1 << (info - 24);
    if (major === 7) return info === 24 ? -1 : float(b, at, size);
    arg = 0;
    // Lengths and counts only: an 8-byte argument is an integer (major 0 or 1) or too long to follow.
    for (let i = 0; i < size; i++) arg = arg * 256 + b[at + i]!;
    at += size;
  }
  switch (major) {
    case 0:
    case 1:
      return at;
    case 2:
    case 3:
      return at + arg;
    case 4:
      for (let i = 0; i < arg && at >= 0; i++) at = item(b, at);
      return at;
    case 5: {
      let prevStart = -1;
      let prevEnd = -1;
      for (let i = 0; i < arg; i++) {
        const keyMajor = b[at]! >> 5;
        if (keyMajor === 4 || keyMajor === 5) return -1;
        const end = item(b, at);
        if (end < 0 || (prevStart >= 0 && !before(b, prevStart, prevEnd, at, end))) return -1;
        prevStart = at;
        prevEnd = end;
        at = item(b, end);
        if (at < 0) return -1;
      }
      return at;
    }
    case 7:
      return at; // false, true, null (strict decoding refused every other simple value)
    default:
      return -1; // a tag: the claims carry none
  }
}

/** Whether bytes [a, aEnd) sort strictly before [c, cEnd): bytewise, a prefix first. */
function before(b: Uint8Array, a: number, aEnd: number, c: number, cEnd: number): boolean {
  for (; a < aEnd && c < cEnd; a++, c++) if (b[a] !== b[c]) return b[a]! < b[c]!;
  return aEnd - a < cEnd - c;
}

/** A float of `size` bytes at `at`: its end, or -1 when an integer or a narrower float would hold it. */
function float(b: Uint8Array, at: number, size: number): number {
  const view = new DataView(b.buffer, b.byteOffset + at, size);
  const v = size === 2 ? half(view.getUint16(0)) : size === 4 ? view.getFloat32(0) : view.getFloat64(0);
  if (Number.isInteger(v)) return -1;
  if (size === 4 && fitsHalf(v)) return -1;
  if (size === 8 && Math.fround(v) === v) return -1;
  return at + size;
}

/** Whether binary16 holds `v` exactly (11 significant bits, exponents -14..15, subnormals in steps of 2^-24). */
function fitsHalf(v: number): boolean {
  const a = Math.abs(v);
  if (a >= 65536) return false;
  if (a < 2 ** -14) return Number.isInteger(a * 2 ** 24);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  return Number.isInteger(a * 2 ** (10 - e));
}

/** See the module comment; `bytes` must have passed decodeCbor(bytes, { strict: true }). */
export function isDeterministicCbor(bytes: Uint8Array): boolean {
  return bytes.length > 0 && item(bytes, 0) === bytes.length;
}
