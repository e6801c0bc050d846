import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Sync } from './sha256-sync.ts';
import { toHex } from './bytes.ts';
import { prng } from '../../../test/support/prng.ts';

const node = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const ascii = (s: string) => new TextEncoder().encode(s);

describe('sha256Sync', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(toHex(sha256Sync(ascii('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256Sync(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // 448 bits: the padding needs a second block.
    expect(toHex(sha256Sync(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(toHex(sha256Sync(new Uint8Array(1_000_000).fill(0x61)))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('matches node:crypto at every length around the block and padding edges, and on random data', () => {
    const rand = prng(256);
    for (let n = 0; n <= 300; n++) {
      const b = Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
      expect(toHex(sha256Sync(b)), `length ${n}`).toBe(node(b));
    }
  });

  it('hashes a view into a larger buffer as its own bytes, and a call leaves no state for the next', () => {
    const buf = ascii('xxabcxx');
    const view = buf.subarray(2, 5);
    expect(toHex(sha256Sync(view))).toBe(node(ascii('abc')));
    const first = sha256Sync(ascii('gatecheck'));
    sha256Sync(new Uint8Array(200).fill(7));
    expect(sha256Sync(ascii('gatecheck'))).toEqual(first);
  });
});
