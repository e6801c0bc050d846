import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../encoding/bytes.ts';
import type { TrustBundle } from '../bundle.ts';
import { buildRevocationSetFromPrefixes, hashPrefix } from './build-set.ts';
import { openRevocationLists } from './open-lists.ts';
import { openRevocationSet, type RevocationSet } from './read-set.ts';
import { revocationHash } from './revocation-hash.ts';
import { encodeTimedTable, hashOfPrefix, MAX_TIMED_ENTRIES, openTimedTable, TIMED_HEADER_BYTES, withTimedTable } from './timed.ts';
import { revocationListRef } from '../../../issuer/revoke.ts';

const B = 44;
const T = 1687450765;
const open = (bytes: Uint8Array): RevocationSet => {
  const r = openRevocationSet(bytes);
  if (!r.ok) throw new Error(r.reason.detail);
  return r.value;
};
const table = (bytes: Uint8Array, bits = B) => {
  const r = openTimedTable(bytes, bits);
  if (!r.ok) throw new Error(r.reason.detail);
  return r.value;
};
const malformed = (bytes: Uint8Array, bits = B) => {
  const r = openTimedTable(bytes, bits);
  if (r.ok) throw new Error('opened');
  expect(r.reason.code).toBe('REVOCATION_MALFORMED');
  return r.reason.detail!;
};

describe('timed table', () => {
  it('round-trips, sorted; one prefix twice keeps the later time; a lookup finds prefixes, not whole hashes', async () => {
    const hs = await Promise.all(['a', 'b', 'c'].map((id) => revocationHash('I', id)));
    const [pa, pb] = [hashPrefix(hs[0]!, B), hashPrefix(hs[1]!, B)];
    const bytes = encodeTimedTable([{ prefix: pb, before: 5 }, { prefix: pa, before: T }, { prefix: pb, before: 2 ** 40 - 1 }], B);
    expect(bytes.length).toBe(TIMED_HEADER_BYTES + 2 * (6 + 5));
    const t = table(bytes);
    expect(t.count).toBe(2);
    expect(t.beforeOf(hs[0]!)).toBe(T);
    expect(t.beforeOf(hs[1]!)).toBe(2 ** 40 - 1);
    expect(t.beforeOf(hs[2]!)).toBeUndefined();
    expect(t.beforeOf(hashOfPrefix(pa, B))).toBe(T);
    expect(t.beforeOf(new Uint8Array(31))).toBeUndefined();
    expect(t.entries().sort((x, y) => (x.prefix < y.prefix ? -1 : 1))).toEqual([{ prefix: pa, before: T }, { prefix: pb, before: 2 ** 40 - 1 }].sort((x, y) => (x.prefix < y.prefix ? -1 : 1)));
    // Any prefix width 1..64.
    for (const bits of [1, 8, 9, 48, 63, 64]) {
      const p = hashPrefix(hs[2]!, bits);
      expect(table(encodeTimedTable([{ prefix: p, before: 7 }], bits), bits).beforeOf(hs[2]!)).toBe(7);
    }
  });

  it('refuses caller mistakes', () => {
    expect(() => encodeTimedTable([{ prefix: 1n << 44n, before: 1 }], B)).toThrow(RangeError);
    expect(() => encodeTimedTable([{ prefix: 1n, before: 0 }], B)).toThrow(RangeError);
    expect(() => encodeTimedTable([{ prefix: 1n, before: 2 ** 40 }], B)).toThrow(RangeError);
    expect(() => encodeTimedTable(Array.from({ length: MAX_TIMED_ENTRIES + 1 }, (_, i) => ({ prefix: BigInt(i), before: 1 })), B)).toThrow(/at most/);
  });

  it('opening checks every field and never throws', () => {
    const good = encodeTimedTable([{ prefix: 5n, before: 9 }, { prefix: 7n, before: 9 }], B);
    const at = (i: number, v: number) => {
      const c = good.slice();
      c[i] = v;
      return c;
    };
    expect(malformed(good.subarray(0, 11))).toMatch(/shorter/);
    expect(malformed(at(0, 0))).toMatch(/magic/);
    expect(malformed(at(4, 2))).toMatch(/version 2/);
    expect(malformed(good, 48)).toMatch(/prefixBits 44, the set has 48/);
    expect(malformed(at(6, 1))).toMatch(/reserved/);
    expect(malformed(at(11, 0))).toMatch(/0 entries/);
    expect(malformed(at(11, 3))).toMatch(/entries need/);
    expect(malformed(good.subarray(0, good.length - 1))).toMatch(/entries need/);
    // 44 bits in 6 bytes: the low 4 bits of the 6th byte must be 0.
    expect(malformed(at(TIMED_HEADER_BYTES + 5, 0x01))).toMatch(/bits set after its prefix/);
    // Order: the second entry's prefix not above the first.
    const swapped = encodeTimedTable([{ prefix: 5n, before: 9 }], B);
    const two = new Uint8Array(good.length);
    two.set(good);
    two.set(swapped.subarray(TIMED_HEADER_BYTES), TIMED_HEADER_BYTES + 11);
    expect(malformed(two)).toMatch(/entry 1 is not above entry 0/);
    const noTime = good.slice();
    noTime.fill(0, TIMED_HEADER_BYTES + 6, TIMED_HEADER_BYTES + 11);
    expect(malformed(noTime)).toMatch(/no time/);
  });

  it('with its set: an entry in the table revokes only codes issued before its time; unknown issue time revokes', async () => {
    const [plain, timedId, other] = await Promise.all(['plain', 'timed', 'other'].map((id) => revocationHash('I', id)));
    const set = open(buildRevocationSetFromPrefixes([hashPrefix(plain!, B), hashPrefix(timedId!, B)], { prefixBits: B, fpBits: 24 }));
    const s = withTimedTable(set, table(encodeTimedTable([{ prefix: hashPrefix(timedId!, B), before: T }], B)));
    const before = T * 1000 - 343;
    expect(s.has(plain!, before)).toBe(true);
    expect(s.has(plain!, T * 1000 + 1e9)).toBe(true);
    expect(s.has(timedId!, before)).toBe(true);
    expect(s.has(timedId!, T * 1000)).toBe(false);
    expect(s.has(timedId!, T * 1000 + 1)).toBe(false);
    expect(s.has(timedId!)).toBe(true);
    expect(s.has(timedId!, Number.NaN)).toBe(true);
    expect(s.has(other!, before)).toBe(false);
    expect([s.count, s.prefixBits, s.fpBits]).toEqual([set.count, set.prefixBits, set.fpBits]);
  });
});

describe('a bundle list with a timed table', () => {
  async function bundleWith(timed: string | undefined, ids = ['plain', 'timed']) {
    const hashes = await Promise.all(ids.map((id) => revocationHash('I', id)));
    const bytes = buildRevocationSetFromPrefixes(hashes.map((h) => hashPrefix(h, B)), { prefixBits: B, fpBits: 24 });
    const ref = await revocationListRef('r', bytes, ids.length, 'inline');
    if (timed !== undefined) ref.timed = timed;
    return { revocations: { lists: [ref] } } as unknown as TrustBundle;
  }
  const timedFor = async (id: string, bits = B) => toBase64Url(encodeTimedTable([{ prefix: hashPrefix(await revocationHash('I', id), bits), before: T }], bits));

  it('opens to a set that honours the times; a list without one is as before', async () => {
    const withTable = await openRevocationLists(await bundleWith(await timedFor('timed')), {});
    if (!withTable.ok) throw new Error(withTable.reason.detail);
    const timedHash = await revocationHash('I', 'timed');
    expect(withTable.value[0]!.has(timedHash, T * 1000)).toBe(false);
    expect(withTable.value[0]!.has(timedHash, T * 1000 - 1)).toBe(true);
    const without = await openRevocationLists(await bundleWith(undefined), {});
    expect(without.ok && without.value[0]!.has(timedHash, T * 1000)).toBe(true);
  });

  it('is REVOCATION_MALFORMED when the table is not base64url, does not fit the set, or names an entry the set lacks', async () => {
    for (const [timed, detail] of [
      ['*not*', /timed is not base64url/],
      [toBase64Url(new Uint8Array(3)), /shorter/],
      [await timedFor('timed', 48), /prefixBits 48, the set has 44/],
      [await timedFor('absent'), /a timed entry is not in the set/],
    ] as const) {
      const r = await openRevocationLists(await bundleWith(timed), {});
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason.code).toBe('REVOCATION_MALFORMED');
        expect(r.reason.detail).toMatch(detail);
      }
    }
    expect(fromBase64Url(await timedFor('timed')).length).toBe(TIMED_HEADER_BYTES + 11);
  });
});
