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

/** The digit value of the character at i, or -1 outside the alphabet. */
const digit = (text: string, i: number): number => {
  const code = text.charCodeAt(i);
  return code < 128 ? VALUE[code]! : -1;
};

const notInAlphabet = (text: string, from: number) => {
  let i = from;
  while (digit(text, i) >= 0) i++;
  return fail('MALFORMED_BASE45', `character at position ${i} is not in the base45 alphabet`);
};

/** One pass over the text, no intermediate digit array: every scan runs through here. */
export function decodeBase45(text: string): Result<Uint8Array> {
  const len = text.length;
  if (len % 3 === 1) return fail('MALFORMED_BASE45', `length ${len} leaves a dangling character`);
  const out = new Uint8Array(Math.floor(len / 3) * 2 + (len % 3 === 2 ? 1 : 0));
  let o = 0;
  let i = 0;
  for (; i + 2 < len; i += 3) {
    const a = digit(text, i);
    const b = digit(text, i + 1);
    const c = digit(text, i + 2);
    if ((a | b | c) < 0) return notInAlphabet(text, i);
    const n = a + b * 45 + c * 2025;
    if (n > 0xffff) return overflowAfter(text, i, `triplet at position ${i} exceeds 65535`);
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (len % 3 === 2) {
    const a = digit(text, i);
    const b = digit(text, i + 1);
    if ((a | b) < 0) return notInAlphabet(text, i);
    const n = a + b * 45;
    if (n > 0xff) return fail('MALFORMED_BASE45', `final pair exceeds 255`);
    out[o++] = n;
  }
  return ok(out);
}

/** A bad character later in the text is reported before an overflow, as a check of the whole alphabet first would. */
function overflowAfter(text: string, i: number, detail: string) {
  for (let j = i + 3; j < text.length; j++) if (digit(text, j) < 0) return notInAlphabet(text, j);
  return fail('MALFORMED_BASE45', detail);
}
