/**
 * Revoking SMART Health Cards: a `rid.TIMESTAMP` entry revokes only cards issued before its time,
 * so it rides in the list's timed table as well as in the set (docs/formats/shc.md).
 */
import { describe, expect, it } from 'vitest';
import { FORMAT_ID } from '../../../core/formats/shc/constants.ts';
import { openRevocationSet } from '../../../core/trust/revocation/read-set.ts';
import { revocationHash } from '../../../core/trust/revocation/revocation-hash.ts';
import { openTimedTable, withTimedTable } from '../../../core/trust/revocation/timed.ts';
import { hashRevocationIds, revocationListRef, revokeInto } from '../../revoke.ts';

const open = (bytes: Uint8Array) => {
  const r = openRevocationSet(bytes);
  if (!r.ok) throw new Error(r.reason.detail);
  return r.value;
};
const key = (h: Uint8Array) => new DataView(h.buffer, h.byteOffset).getBigUint64(0);

describe('hashRevocationIds (canonical ids, issue 17 item 4)', () => {
  it('keeps SMART Health Card entries rid.TIMESTAMP apart, with their time', async () => {
    const r = await hashRevocationIds('https://i.example', FORMAT_ID, ['vwAjHdarZuc.1687450765', 'FKDIxsTCGlU']);
    expect(r.requested).toBe(2);
    expect([...r.keys.values()]).toEqual([key(await revocationHash('https://i.example', 'FKDIxsTCGlU'))]);
    expect(r.timed).toEqual([{ key: key(await revocationHash('https://i.example', 'vwAjHdarZuc')), before: 1687450765 }]);
  });
});

describe('revokeInto with timed entries (issue 17 item 5)', () => {
  const ISS = 'https://i.example';
  const T = 1687450765;
  async function list(existing: { bytes: Uint8Array; timedTable?: Uint8Array } | undefined, entries: string[], opts: { replace?: boolean } = {}) {
    const h = await hashRevocationIds(ISS, FORMAT_ID, entries);
    return revokeInto(existing?.bytes, h.keys.values(), { timed: h.timed, capacity: 1000, ...(existing?.timedTable ? { existingTimed: existing.timedTable } : {}), ...opts });
  }
  const lookup = (r: { bytes: Uint8Array; timedTable?: Uint8Array }) => {
    const set = open(r.bytes);
    if (!r.timedTable) return set;
    const t = openTimedTable(r.timedTable, set.prefixBits);
    if (!t.ok) throw new Error(t.reason.detail);
    return withTimedTable(set, t.value);
  };
  const revoked = async (r: { bytes: Uint8Array; timedTable?: Uint8Array }, rid: string, issuedAtS: number) => lookup(r).has(await revocationHash(ISS, rid), issuedAtS * 1000);

  it('a timed entry is in the set and in the table; cards issued at or after its time are spared', async () => {
    const r = await list(undefined, ['a.' + T, 'b']);
    expect(r).toMatchObject({ requested: 2, added: 2, timedCount: 1 });
    expect(await revoked(r, 'a', T - 1)).toBe(true);
    expect(await revoked(r, 'a', T)).toBe(false);
    expect(await revoked(r, 'b', T + 1e6)).toBe(true);
    // Without the table (a gate that predates it) the entry revokes outright.
    expect(open(r.bytes).has(await revocationHash(ISS, 'a'))).toBe(true);
  });

  it('adding never un-revokes: outright wins over timed, the later time wins, the table survives unrelated edits; --replace starts over', async () => {
    const first = await list(undefined, [`a.${T}`, 'b', `c.${T}`]);
    // a: a later time; b (outright): a time is ignored; c: made outright; d: new timed.
    const second = await list(first, [`a.${T + 100}`, `b.${T}`, 'c', `d.${T}`]);
    expect(second).toMatchObject({ requested: 4, added: 1, alreadyPresent: 3, timedCount: 2 });
    expect(await revoked(second, 'a', T + 50)).toBe(true);
    expect(await revoked(second, 'a', T + 100)).toBe(false);
    expect(await revoked(second, 'b', T + 1e6)).toBe(true);
    expect(await revoked(second, 'c', T + 1e6)).toBe(true);
    expect(await revoked(second, 'd', T + 1)).toBe(false);
    // An earlier time for a timed entry changes nothing.
    const third = await list(second, [`a.${T - 100}`, 'e']);
    expect(await revoked(third, 'a', T + 50)).toBe(true);
    expect(await revoked(third, 'd', T - 1)).toBe(true);
    expect(third.timedCount).toBe(2);
    // Outright only: the table goes with the last timed entry.
    const last = await list(third, ['a', 'd']);
    expect(last.timedTable).toBeUndefined();
    expect(last.timedCount).toBe(0);
    const replaced = await list(third, ['z'], { replace: true });
    expect([replaced.set.count, replaced.timedCount]).toEqual([1, 0]);
  });

  it('the list reference carries the table inline, next to the pinned set', async () => {
    const r = await list(undefined, [`a.${T}`]);
    const ref = await revocationListRef('crl', r.bytes, r.set.count, { href: 'revocations/crl-1.bin' }, r.timedTable);
    expect(ref).toMatchObject({ id: 'crl', count: 1, href: 'revocations/crl-1.bin' });
    expect(ref.timed).toBe(Buffer.from(r.timedTable!).toString('base64url'));
  });
});
