/**
 * RFC 4648 base32 without padding, the body of an `NZCP:/1/` code: the QR alphanumeric mode has
 * no `=`, so the spec drops it (§2D Barcode Encoding). Encoding only; the verifier decodes.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function encodeBase32NoPad(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = ((buffer << 8) | b) & 0xfff; // 12 bits are enough: at most 4 carried over + 8 new
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
