import { describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45 } from './base45.ts';
import { prng } from '../../../test/support/prng.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const ascii = (s: string) => new TextEncoder().encode(s);


function expectDecodes(text: string): Uint8Array {
  const r = decodeBase45(text);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to decode, got ${r.reason.code}: ${r.reason.detail}`);
  return r.value;
}

function expectRejected(text: string): void {
  const r = decodeBase45(text);
  expect(r.ok, `${JSON.stringify(text)} must be rejected`).toBe(false);
  if (!r.ok) expect(r.reason.code).toBe('MALFORMED_BASE45');
}

describe('base45: RFC 9285 examples', () => {
  const examples: [string, string][] = [
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
  ];
  for (const [plain, encoded] of examples) {
    it(`encodes ${JSON.stringify(plain)} as ${JSON.stringify(encoded)}`, () => {
      expect(encodeBase45(ascii(plain))).toBe(encoded);
    });
    it(`decodes ${JSON.stringify(encoded)} to ${JSON.stringify(plain)}`, () => {
      expect(new TextDecoder().decode(expectDecodes(encoded))).toBe(plain);
    });
  }

  it('maps the empty string to no bytes and back', () => {
    expect(encodeBase45(new Uint8Array(0))).toBe('');
    expect(expectDecodes('')).toEqual(new Uint8Array(0));
  });
});

describe('base45: round trip', () => {
  it('round-trips random byte strings of every length 0..300 (fixed seed)', () => {
    const rand = prng(0x45_45_45);
    for (let len = 0; len <= 300; len++) {
      const bytes = new Uint8Array(len);
      for (let i = 0; i < len; i++) bytes[i] = Math.floor(rand() * 256);
      const text = encodeBase45(bytes);
      // RFC 9285 §4: every 2 bytes become 3 characters, a final odd byte becomes 2.
      expect(text.length).toBe(Math.floor(len / 2) * 3 + (len % 2) * 2);
      expect([...text].filter((ch) => !ALPHABET.includes(ch))).toEqual([]);
      expect(expectDecodes(text)).toEqual(bytes);
    }
  });

  it('round-trips the extreme byte values', () => {
    for (const bytes of [Uint8Array.of(0), Uint8Array.of(255), Uint8Array.of(0, 0), Uint8Array.of(255, 255), Uint8Array.of(255, 255, 255)]) {
      expect(expectDecodes(encodeBase45(bytes))).toEqual(bytes);
    }
  });
});

describe('base45: strict decoding', () => {
  it('accepts the largest legal triplet and pair', () => {
    // 65535 = 15 + 16*45 + 32*45^2 -> "F","G","W"; 255 = 30 + 5*45 -> "U","5".
    expect(expectDecodes('FGW')).toEqual(Uint8Array.of(0xff, 0xff));
    expect(expectDecodes('U5')).toEqual(Uint8Array.of(0xff));
  });

  it('rejects a triplet whose value exceeds 65535 ("GGW" = 65536)', () => {
    // G = 16, W = 32: 16 + 16*45 + 32*2025 = 65536.
    expectRejected('GGW');
    expectRejected(':::'); // 44 + 44*45 + 44*2025 = 91124
    expectRejected('BB8GGW'); // a valid first triplet does not excuse a bad second one
  });

  it('names the first character outside the alphabet, even when an earlier triplet overflows', () => {
    const r = decodeBase45('GGWAbC');
    expect(r.ok ? 'ok' : r.reason.detail).toBe('character at position 4 is not in the base45 alphabet');
    const s = decodeBase45('GGWABC');
    expect(s.ok ? 'ok' : s.reason.detail).toBe('triplet at position 0 exceeds 65535');
  });

  it('rejects a final pair whose value exceeds 255 ("GG" = 736, "V5" = 256)', () => {
    expectRejected('GG'); // 16 + 16*45
    expectRejected('V5'); // 31 + 5*45 = 256, one past the largest byte
    expectRejected('BB8V5');
  });

  it('rejects a length that leaves one dangling character (length ≡ 1 mod 3)', () => {
    expectRejected('A');
    expectRejected('BB8A');
    expectRejected('QED8WEX'); // 'ietf!' with its last character lost
  });

  it('rejects lowercase letters', () => {
    expectRejected('bb8');
    expectRejected('%69 vD92EX0');
  });

  it('rejects non-ASCII characters, including ones whose low 7 bits are in the alphabet', () => {
    expectRejected('BBé');
    expectRejected('ＢＢ８'); // full-width letters
    expectRejected('B\u{1F600}'); // a surrogate pair is two UTF-16 units: length 3
    // U+0141 and U+00C1 have 'A' (0x41) in their low 7 bits: a masking decoder would accept them.
    expectRejected('BB' + String.fromCharCode(0x141));
    expectRejected('BB' + String.fromCharCode(0xc1));
  });

  it('rejects ASCII characters outside the alphabet', () => {
    for (const ch of ['!', '#', '=', '_', '\n', '\t', '\0', '"', ',', ';', '@', '[', '~']) expectRejected('BB' + ch);
  });
});
