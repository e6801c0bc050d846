import { describe, expect, it } from 'vitest';
import { base64UrlBytes, fromBase64Url, toBase64Url, utf8, utf8Text } from './bytes.ts';

describe('base64url', () => {
  it('encodes every length and byte value as RFC 4648 §5 without padding (Node Buffer as the reference)', () => {
    for (let len = 0; len <= 70; len++) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 97 + len * 31) & 0xff);
      const expected = Buffer.from(bytes).toString('base64url');
      expect(toBase64Url(bytes), `length ${len}`).toBe(expected);
      expect(fromBase64Url(expected)).toEqual(bytes);
      expect(base64UrlBytes(expected)).toEqual(bytes);
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toBase64Url(all)).toBe(Buffer.from(all).toString('base64url'));
  });

  it('base64UrlBytes: undefined for what is not unpadded base64url, where fromBase64Url would throw', () => {
    for (const bad of ['a', 'abcde', 'ab+c', 'ab/c', 'ab==', 'a b', 'é']) {
      expect(base64UrlBytes(bad), bad).toBeUndefined();
      expect(() => fromBase64Url(bad.replace(/=/g, '*')), bad).toThrow();
    }
    expect(base64UrlBytes('')).toEqual(new Uint8Array(0));
  });
});

describe('utf8Text', () => {
  it('decodes UTF-8, and gives undefined for invalid sequences instead of U+FFFD', () => {
    expect(utf8Text(utf8('grüß 乌托邦'))).toBe('grüß 乌托邦');
    for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xe4, 0xb9]]) expect(utf8Text(Uint8Array.from(bad)), String(bad)).toBeUndefined();
  });
});
