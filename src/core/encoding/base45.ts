/**
 * Base45 (RFC 9285), strict: the decoder rejects characters outside the 45-character alphabet,
 * a length that leaves one dangling character, and triplets/pairs whose value overflows.
 */
import { fail, ok, type Result } from '../result.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += ALPHABET[c]! + ALPHABET[d]! + ALPHABET[e]!;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

export function decodeBase45(text: string): Result<Uint8Array> {
  if (text.length % 3 === 1) return fail('MALFORMED_BASE45', `length ${text.length} leaves a dangling character`);
  const digits = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? VALUE[code]! : -1;
    if (v < 0) return fail('MALFORMED_BASE45', `character at position ${i} is not in the base45 alphabet`);
    digits[i] = v;
  }
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i + 2 < text.length; i += 3) {
    const n = digits[i]! + digits[i + 1]! * 45 + digits[i + 2]! * 2025;
    if (n > 0xffff) return fail('MALFORMED_BASE45', `triplet at position ${i} exceeds 65535`);
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (text.length % 3 === 2) {
    const i = text.length - 2;
    const n = digits[i]! + digits[i + 1]! * 45;
    if (n > 0xff) return fail('MALFORMED_BASE45', `final pair exceeds 255`);
    out[o++] = n;
  }
  return ok(out);
}
