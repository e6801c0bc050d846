import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './bytes.ts';

describe('base64url', () => {
  it('encodes every length and byte value as RFC 4648 §5 without padding (Node Buffer as the reference)', () => {
    for (let len = 0; len <= 70; len++) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 97 + len * 31) & 0xff);
      const expected = Buffer.from(bytes).toString('base64url');
      expect(toBase64Url(bytes), `length ${len}`).toBe(expected);
      expect(fromBase64Url(expected)).toEqual(bytes);
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toBase64Url(all)).toBe(Buffer.from(all).toString('base64url'));
  });
});
