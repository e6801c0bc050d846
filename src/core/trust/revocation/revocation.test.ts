import { describe, expect, it } from 'vitest';
import { prng } from '../../../../test/support/prng.ts';
import { toHex } from '../../encoding/bytes.ts';
import { buildRevocationSet, buildRevocationSetFromPrefixes, hashPrefix, setPrefixes } from './build-set.ts';
import { bucketOf, HEADER_BYTES, offsetOf, openRevocationSet, type RevocationSet } from './read-set.ts';
import { revocationHash, revocationHashSync } from './revocation-hash.ts';

const randomHashes = (seed: number, n: number): Uint8Array[] => {
  const r = prng(seed);
  return Array.from({ length: n }, () => Uint8Array.from({ length: 32 }, () => Math.floor(r() * 256)));
};

function open(bytes: Uint8Array): RevocationSet {
  const res = openRevocationSet(bytes);
  if (!res.ok) throw new Error(`open failed: ${res.reason.detail}`);
  return res.value;
}

function malformed(bytes: Uint8Array): string {
  const res = openRevocationSet(bytes);
  if (res.ok) throw new Error('expected REVOCATION_MALFORMED, the set opened');
  expect(res.reason.code).toBe('REVOCATION_MALFORMED');
  return res.reason.detail ?? '';
}

/** A copy with header byte `i` set to `v`. */
const withByte = (bytes: Uint8Array, i: number, v: number): Uint8Array => {
  const c = bytes.slice();
  c[i] = v;
  return c;
};

describe('revocationHash', () => {
  it('is SHA-256 of the domain-tagged, NUL-separated ids, and deterministic', async () => {
    const expected = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('gatecheck-revocation-v1\u0000440000\u0000code-1')));
    const a = await revocationHash('440000', 'code-1');
    expect(a).toHaveLength(32);
    expect(toHex(a)).toBe(toHex(expected));
    expect(toHex(await revocationHash('440000', 'code-1'))).toBe(toHex(a));
  });

  it('the synchronous form (used per scan) gives the same bytes, for non-ASCII ids too', async () => {
    for (const [issuer, id] of [['440000', 'code-1'], ['https://spec.smarthealth.cards/examples/issuer', '3v1T6n…#0'], ['UT', '乌托邦-0001'], ['', '']])
      expect(toHex(revocationHashSync(issuer!, id!))).toBe(toHex(await revocationHash(issuer!, id!)));
  });

  it('separates issuer from code id', async () => {
    expect(toHex(await revocationHash('ab', 'c'))).not.toBe(toHex(await revocationHash('a', 'bc')));
    expect(toHex(await revocationHash('440000', 'x'))).not.toBe(toHex(await revocationHash('310000', 'x')));
  });
});

describe('bucket/offset split', () => {
  it('matches a BigInt reference for every split the format allows', () => {
    const r = prng(11);
    for (let t = 0; t < 5000; t++) {
      const hi = Math.floor(r() * 2 ** 32);
      const lo = Math.floor(r() * 2 ** 32);
      const a = Math.floor(r() * 32);
      const s = 1 + Math.floor(r() * Math.min(53, 64 - a));
      const key = (BigInt(hi) << 32n) | BigInt(lo);
      expect(bucketOf(hi, a)).toBe(Number(key >> BigInt(64 - a)));
      expect(offsetOf(hi, lo, a, s)).toBe(Number((key >> BigInt(64 - a - s)) & ((1n << BigInt(s)) - 1n)));
    }
  });
});

describe('buildRevocationSet / openRevocationSet', () => {
  it('finds every inserted hash', async () => {
    const hashes = randomHashes(1, 20_000);
    const set = open(buildRevocationSet(hashes));
    expect(set.count).toBe(20_000);
    expect(set.fpBits).toBe(24);
    expect(hashes.every((h) => set.has(h))).toBe(true);
    const real = await Promise.all(Array.from({ length: 300 }, (_, i) => revocationHash('440000', `code-${i}`)));
    const small = open(buildRevocationSet(real, { fpBits: 8 }));
    expect(real.every((h) => small.has(h))).toBe(true);
  });

  it('finds every inserted hash for other fpBits and bucket sizes', () => {
    const hashes = randomHashes(2, 3000);
    for (const fpBits of [1, 7, 16, 32])
      for (const bucketSizeLog2 of [0, 3, 7, 12]) {
        const set = open(buildRevocationSet(hashes, { fpBits, bucketSizeLog2 }));
        expect(hashes.every((h) => set.has(h))).toBe(true);
      }
  });

  it('reports non-members at the expected false-positive rate', () => {
    const set = open(buildRevocationSet(randomHashes(3, 5000), { fpBits: 10 }));
    const queries = 400_000;
    const r = prng(4);
    const probe = new Uint8Array(32);
    let hits = 0;
    for (let i = 0; i < queries; i++) {
      for (let j = 0; j < 8; j++) probe[j] = Math.floor(r() * 256);
      if (set.has(probe)) hits++;
    }
    const p = set.falsePositiveRate;
    expect(p).toBeLessThanOrEqual(2 ** -10);
    expect(p).toBeGreaterThan(2 ** -11);
    // Binomial: within 5 standard deviations of queries·p.
    expect(Math.abs(hits - queries * p)).toBeLessThan(5 * Math.sqrt(queries * p * (1 - p)));
  });

  it('works empty', () => {
    const bytes = buildRevocationSet([]);
    const set = open(bytes);
    expect(set.count).toBe(0);
    expect(set.byteLength).toBe(bytes.length);
    expect(randomHashes(5, 100).some((h) => set.has(h))).toBe(false);
    expect([...setPrefixes(set)]).toEqual([]);
  });

  it('collapses duplicates', () => {
    const [h1, h2] = randomHashes(6, 2) as [Uint8Array, Uint8Array];
    const dup = buildRevocationSet([h1, h2, h1.slice(), h2, h2]);
    expect(open(dup).count).toBe(2);
    expect(toHex(dup)).toBe(toHex(buildRevocationSet([h2, h1])));
  });

  it('answers false for anything that is not a 32-byte hash', () => {
    const [h] = randomHashes(7, 1) as [Uint8Array];
    const set = open(buildRevocationSet([h]));
    expect(set.has(h.subarray(0, 31))).toBe(false);
    expect(set.has(new Uint8Array(0))).toBe(false);
  });

  it('refuses caller mistakes loudly', () => {
    expect(() => buildRevocationSet([new Uint8Array(31)])).toThrow(RangeError);
    expect(() => buildRevocationSet([], { fpBits: 0 })).toThrow(RangeError);
    expect(() => buildRevocationSetFromPrefixes([1n << 30n], { prefixBits: 30, fpBits: 24 })).toThrow(RangeError);
  });
});

describe('extending a set from its prefixes', () => {
  it('rebuilds identically from setPrefixes alone', () => {
    const bytes = buildRevocationSet(randomHashes(8, 4000));
    const set = open(bytes);
    const prefixes = [...setPrefixes(set)];
    expect(prefixes).toHaveLength(set.count);
    expect(prefixes.every((p, i) => i === 0 || p > prefixes[i - 1]!)).toBe(true);
    expect(toHex(buildRevocationSetFromPrefixes(prefixes, set))).toBe(toHex(bytes));
  });

  it('contains the old and the new hash after adding one', () => {
    const old = randomHashes(9, 4000);
    const set = open(buildRevocationSet(old));
    const [added] = randomHashes(10, 1) as [Uint8Array];
    expect(set.has(added)).toBe(false);
    const next = open(buildRevocationSetFromPrefixes([...setPrefixes(set), hashPrefix(added, set.prefixBits)], set));
    expect(next.count).toBe(set.count + 1);
    expect(next.prefixBits).toBe(set.prefixBits);
    expect(next.fpBits).toBe(set.fpBits);
    expect(next.has(added)).toBe(true);
    expect(old.every((h) => next.has(h))).toBe(true);
  });
});

describe('openRevocationSet on bad bytes', () => {
  const bytes = buildRevocationSet(randomHashes(12, 2000), { fpBits: 16 });

  it('rejects truncated bytes', () => {
    expect(malformed(bytes.subarray(0, 5))).toMatch(/shorter than the 20-byte header/);
    for (const cut of [1, 100, bytes.length - HEADER_BYTES - 1]) expect(malformed(bytes.subarray(0, bytes.length - cut))).toMatch(/bytes, header implies/);
  });

  it('rejects extended bytes', () => {
    for (const extra of [1, 64]) {
      const longer = new Uint8Array(bytes.length + extra);
      longer.set(bytes);
      expect(malformed(longer)).toBe(`${longer.length} bytes, header implies ${bytes.length}`);
    }
  });

  it('rejects a corrupted header, naming the field', () => {
    expect(malformed(withByte(bytes, 0, 0x48))).toBe('bad magic');
    expect(malformed(withByte(bytes, 4, 2))).toBe('unsupported version 2');
    expect(malformed(withByte(bytes, 5, 0))).toBe('fpBits 0 is outside 1..32');
    expect(malformed(withByte(bytes, 5, 40))).toBe('fpBits 40 is outside 1..32');
    expect(malformed(withByte(bytes, 6, 65))).toMatch(/^prefixBits 65 is outside/);
    expect(malformed(withByte(bytes, 7, 40))).toMatch(/^bucketBits 40 does not fit/);
    expect(malformed(withByte(bytes, 8, 33))).toBe('riceBits 33 is above 32');
    expect(malformed(withByte(bytes, 10, 1))).toBe('reserved header bytes are not zero');
    expect(malformed(withByte(bytes, 12, 0xff))).toMatch(/count \d+ exceeds|body bits cannot hold/);
    expect(malformed(withByte(bytes, 15, bytes[15]! ^ 0xff))).toMatch(/body bits cannot hold/);
    expect(malformed(withByte(bytes, 16, 0x7f))).toMatch(/body bits cannot hold|header implies/);
    expect(malformed(withByte(bytes, 7, bytes[7]! + 1))).toMatch(/header implies/);
  });

  it('rejects an index out of order or past the body', () => {
    const swapped = bytes.slice();
    swapped.set(bytes.subarray(HEADER_BYTES + 8, HEADER_BYTES + 12), HEADER_BYTES + 4);
    swapped.set(bytes.subarray(HEADER_BYTES + 4, HEADER_BYTES + 8), HEADER_BYTES + 8);
    expect(malformed(swapped)).toMatch(/^index entry 2 \(\d+\) is out of order$/);
    expect(malformed(withByte(bytes, HEADER_BYTES + 3, 1))).toBe('index entry 0 (1) is out of order');
    const buckets = 2 ** bytes[7]!;
    const last = HEADER_BYTES + 4 * (buckets - 1);
    expect(malformed(withByte(bytes, last, 0xff))).toMatch(/is past the body's \d+ bits/);
  });

  it('rejects nonzero padding after the last code', () => {
    const set = open(bytes);
    expect(set.byteLength).toBe(bytes.length);
    const bodyBits = new DataView(bytes.buffer).getUint32(16);
    if (bodyBits % 8 === 0) return;
    expect(malformed(withByte(bytes, bytes.length - 1, bytes[bytes.length - 1]! | 1))).toBe('padding bits after the body are not zero');
  });

  it('never throws on random bytes, with or without a valid magic', () => {
    const r = prng(13);
    for (let t = 0; t < 2000; t++) {
      const junk = Uint8Array.from({ length: Math.floor(r() * 200) }, () => Math.floor(r() * 256));
      if (t % 2 === 0 && junk.length >= 5) junk.set([0x47, 0x43, 0x52, 0x53, 1]);
      expect(() => openRevocationSet(junk)).not.toThrow();
    }
  });
});

describe('a set with a corrupt body', () => {
  const members = randomHashes(14, 3000);
  const bytes = buildRevocationSet(members, { fpBits: 12 });
  const bodyStart = HEADER_BYTES + 4 * 2 ** bytes[7]!;
  const strangers = randomHashes(15, 200);

  /** has() and setPrefixes() must return (not throw, not spin) whatever the body says. */
  function exercise(corrupt: Uint8Array): void {
    const res = openRevocationSet(corrupt);
    if (!res.ok) return; // e.g. a flip in the padding bits
    const set = res.value;
    for (const h of members.slice(0, 100)) expect(typeof set.has(h)).toBe('boolean');
    for (const h of strangers) expect(typeof set.has(h)).toBe('boolean');
    let n = 0;
    for (const _ of setPrefixes(set)) n++;
    expect(n).toBeLessThanOrEqual(set.byteLength * 8);
  }

  it('terminates under hundreds of random bit flips', () => {
    const r = prng(16);
    for (let t = 0; t < 400; t++) {
      const c = bytes.slice();
      const flips = 1 + Math.floor(r() * 16);
      for (let f = 0; f < flips; f++) {
        const i = bodyStart + Math.floor(r() * (bytes.length - bodyStart));
        c[i] = c[i]! ^ (1 << Math.floor(r() * 8));
      }
      exercise(c);
    }
  });

  it('terminates on an all-zero body (endless unary run) and an all-ones body', () => {
    for (const fill of [0x00, 0xff]) {
      const c = bytes.slice();
      c.fill(fill, bodyStart);
      if (fill === 0xff) c.fill(0, bytes.length - 1); // keep the padding valid
      exercise(c);
      if (fill === 0) expect(members.some((h) => open(c).has(h))).toBe(false);
    }
  });
});
