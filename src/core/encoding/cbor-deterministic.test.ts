import { encode, rfc8949EncodeOptions } from 'cborg';
import { describe, expect, it } from 'vitest';
import { bytesEqual, fromHex } from './bytes.ts';
import { decodeCbor } from './cbor.ts';
import { isDeterministicCbor } from './cbor-deterministic.ts';
import { prng } from '../../../test/support/prng.ts';

/** The rule this replaces (and the CN spec's §2.4 describes): decode, re-encode with RFC 8949 key order, compare. */
function reencodes(bytes: Uint8Array): boolean {
  const d = decodeCbor(bytes, { strict: true });
  if (!d.ok) throw new Error('not strict CBOR');
  try {
    return bytesEqual(encode(d.value, rfc8949EncodeOptions), bytes);
  } catch {
    return false;
  }
}

// A random CBOR writer that sometimes breaks determinism: keys in random order, floats wider than
// needed, integral values as floats; integers and lengths always shortest (strict decoding refuses
// anything else before this check runs).
function head(major: number, n: number): number[] {
  if (n < 24) return [(major << 5) | n];
  if (n < 0x100) return [(major << 5) | 24, n];
  if (n < 0x10000) return [(major << 5) | 25, n >> 8, n & 0xff];
  return [(major << 5) | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}
function floatBytes(v: number, size: 2 | 4 | 8): number[] | null {
  const dv = new DataView(new ArrayBuffer(8));
  if (size === 8) dv.setFloat64(0, v);
  else if (size === 4) {
    if (Math.fround(v) !== v) return null;
    dv.setFloat32(0, v);
  } else {
    const hex = ({ 0.5: '3800', 1.5: '3e00', [-2.25]: 'c080', 1: '3c00', 65504: '7bff' } as Record<string, string>)[String(v)];
    if (!hex) return null;
    return [0xf9, ...fromHex(hex)];
  }
  return [size === 8 ? 0xfb : 0xfa, ...new Uint8Array(dv.buffer, 0, size)];
}
// Integral values beyond 2^53 and binary16 subnormals are left out: there the spec's rule and
// cborg's differ (the last test).
const FLOATS = [0.5, 1.5, -2.25, 1, 65504, 1 / 3, 0.1, 100000.5, 1.401298464324817e-45, 2.5e-300, -7];
function gen(rand: () => number, depth: number): number[] {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const r = rand();
  if (depth > 2 || r < 0.3) {
    const k = Math.floor(rand() * 6);
    if (k === 0) return head(0, Math.floor(rand() ** 3 * 70000));
    if (k === 1) return head(1, Math.floor(rand() * 300));
    if (k === 2) {
      const s = pick(['', 'a', 'zz', '绿码', 'abc']);
      const u = new TextEncoder().encode(s);
      return [...head(3, u.length), ...u];
    }
    if (k === 3) return [...head(2, 2), 1, Math.floor(rand() * 256)];
    if (k === 4) return [pick([0xf4, 0xf5, 0xf6])];
    for (;;) {
      const f = floatBytes(pick(FLOATS), pick([2, 4, 8] as const));
      if (f) return f;
    }
  }
  if (r < 0.5) {
    const n = Math.floor(rand() * 4);
    return [...head(4, n), ...Array.from({ length: n }, () => gen(rand, depth + 1)).flat()];
  }
  // A map with distinct keys (strict decoding refuses repeats), in bytewise order or not.
  const keys = new Map<string, number[]>();
  const n = Math.floor(rand() * 5);
  while (keys.size < n) {
    const key = rand() < 0.7 ? head(rand() < 0.6 ? 0 : 1, Math.floor(rand() ** 2 * 300)) : gen(rand, 3);
    keys.set(key.join(','), key);
  }
  let entries = [...keys.values()].sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  });
  if (rand() < 0.3) entries = entries.reverse();
  return [...head(5, entries.length), ...entries.flatMap((k) => [...k, ...gen(rand, depth + 1)])];
}

describe('isDeterministicCbor', () => {
  it('agrees with decode-and-re-encode on random strict CBOR', () => {
    const rand = prng(2718);
    let yes = 0;
    let no = 0;
    for (let i = 0; i < 6000; i++) {
      const bytes = Uint8Array.from(gen(rand, 0));
      if (!decodeCbor(bytes, { strict: true }).ok) continue;
      const want = reencodes(bytes);
      expect(isDeterministicCbor(bytes), Buffer.from(bytes).toString('hex')).toBe(want);
      if (want) yes++;
      else no++;
    }
    // Both answers were exercised, many times.
    expect(yes).toBeGreaterThan(1000);
    expect(no).toBeGreaterThan(1000);
  });

  it('accepts the deterministic forms and refuses each broken one', () => {
    const ok = (hex: string) => expect(isDeterministicCbor(fromHex(hex)), hex).toBe(true);
    const no = (hex: string) => expect(isDeterministicCbor(fromHex(hex)), hex).toBe(false);
    ok('a3010203041864f6'); // {1: 2, 3: 4, 100: null}
    no('a2030401f6'); // keys 3, 1
    ok('a2182401201818'.slice(0, 10) + '0b'); // {24: 1, -1: 11}: bytewise (18 18 < 20)
    no('a220011818' + '01'); // {-1: 1, 24: 1}: length-first order, not bytewise
    ok('a2616101616202'); // {"a": 1, "b": 2}
    no('a2616201616102');
    ok('f93e00'); // 1.5 as half
    no('fa3fc00000'); // 1.5 as single
    no('fb3ff8000000000000'); // 1.5 as double
    no('f93c00'); // 1.0: an integer written as a float
    no('f98000'); // -0.0
    ok('fb3fd5555555555555'); // 1/3 needs a double
    ok('fa47c35040'); // 100000.5 needs a single
    no('a1810101'); // an array as a key
    no('a1a0f6'); // a map as a key
  });

  it('where it is stricter than re-encoding with cborg, it follows the spec', () => {
    // cborg writes integral numbers beyond 2^53 as floats, so the float form re-encodes to itself; the spec says integers never as floats.
    expect(reencodes(fromHex('fa5a000000'))).toBe(true);
    expect(isDeterministicCbor(fromHex('fa5a000000'))).toBe(false);
    // cborg writes an array key like any other; the spec refuses array and map keys.
    expect(reencodes(fromHex('a1810101'))).toBe(true);
    expect(isDeterministicCbor(fromHex('a1810101'))).toBe(false);
    // A binary16 subnormal (1023 × 2^-24): RFC 8949's shortest form is the half; cborg writes a single.
    expect(reencodes(fromHex('f903ff'))).toBe(false);
    expect(isDeterministicCbor(fromHex('f903ff'))).toBe(true);
    expect(isDeterministicCbor(fromHex('fa387fc000'))).toBe(false);
  });
});
