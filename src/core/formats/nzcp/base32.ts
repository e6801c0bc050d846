/**
 * RFC 4648 base32, as an NZCP code carries it: upper-case alphabet A–Z 2–7, no padding (the QR
 * alphanumeric mode has no `=`). Decoding re-pads as the spec says (length to a multiple of 8),
 * so a length no padding can complete (1, 3 or 6 characters over a multiple of 8) is refused, as
 * are any other character and non-zero bits left over at the end (one code, one text).
 */
import { fail, ok, type Result } from '../../result.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Characters over a multiple of 8 that padding can complete: 2, 4, 5 or 7 (1, 2, 3 or 4 bytes). */
const COMPLETABLE = new Set([0, 2, 4, 5, 7]);

export function decodeBase32(text: string): Result<Uint8Array> {
  if (text.length === 0) return fail('MALFORMED_BASE32', 'no base32 text');
  if (!COMPLETABLE.has(text.length % 8)) return fail('MALFORMED_BASE32', `length ${text.length} cannot be padded to base32`);
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? VALUE[c]! : -1;
    if (v < 0) return fail('MALFORMED_BASE32', `character ${i} is outside the base32 alphabet`);
    buffer = ((buffer << 5) | v) & 0xfff; // at most 7 bits carried + 5 new
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return fail('MALFORMED_BASE32', 'non-zero bits after the last byte');
  return ok(out);
}
