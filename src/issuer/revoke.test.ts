import { describe, expect, it } from 'vitest';
import { checkRevocationFile } from '../core/trust/revocation/open-lists.ts';
import { openRevocationSet } from '../core/trust/revocation/read-set.ts';
import { revocationHash } from '../core/trust/revocation/revocation-hash.ts';
import type { TrustBundle } from '../core/trust/bundle.ts';
import { openTimedTable, withTimedTable } from '../core/trust/revocation/timed.ts';
import { checkHasher, hashCodeIds, hashRevocationIds, inlineBytes, isListId, issuerFormats, resolveIssuer, RevocationIdError, revocationListRef, revokeInto } from './revoke.ts';

const open = (bytes: Uint8Array) => {
  const r = openRevocationSet(bytes);
  if (!r.ok) throw new Error(r.reason.detail);
  return r.value;
};
const key = (h: Uint8Array) => new DataView(h.buffer, h.byteOffset).getBigUint64(0);
const ids = (n: number, prefix = 'code') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

async function* slowly(lines: string[]) {
  for (const l of lines) yield l;
}

describe('hashCodeIds', () => {
  it('hashes trimmed non-blank ids from arrays or async line sources, keeping 8 bytes each', async () => {
    const a = await hashCodeIds('440000', [' a ', '', 'b', '   ']);
    const b = await hashCodeIds('440000', slowly(['a', 'b']));
    expect(a.length).toBe(2);
    expect([...a.values()]).toEqual([...b.values()]);
    const h = await revocationHash('440000', 'a');
    expect(a.values()[0]).toBe(new DataView(h.buffer, h.byteOffset).getBigUint64(0));
    expect((await hashCodeIds('440000', ids(3000))).length).toBe(3000); // more than one batch
  });
});

describe('revokeInto', () => {
  it('a new set holds the revoked hashes and not others, sized so its rate stays under 2^-fpBits', async () => {
    const keys = await hashCodeIds('440000', ['code-1', 'code-2', 'code-2']);
    const r = revokeInto(undefined, keys.values());
    expect(r).toMatchObject({ requested: 3, added: 2, alreadyPresent: 1, overBudget: false });
    const set = open(r.bytes);
    expect(set.count).toBe(2);
    expect(set.fpBits).toBe(24);
    expect(set.prefixBits).toBe(44); // 2^20 capacity + 24
    expect(set.has(await revocationHash('440000', 'code-1'))).toBe(true);
    expect(set.has(await revocationHash('440000', 'code-2'))).toBe(true);
    expect(set.has(await revocationHash('440000', 'code-3'))).toBe(false);
    expect(set.has(await revocationHash('310000', 'code-1'))).toBe(false); // the issuer is part of the hash
  });

  it('extends an existing set with its parameters; --replace starts over', async () => {
    const first = revokeInto(undefined, (await hashCodeIds('I', ids(50))).values(), { fpBits: 20, capacity: 1000 });
    const before = open(first.bytes);
    const more = revokeInto(first.bytes, (await hashCodeIds('I', [...ids(10), 'new-1', 'new-2'])).values(), { fpBits: 8 });
    expect(more).toMatchObject({ requested: 12, added: 2, alreadyPresent: 10 });
    const after = open(more.bytes);
    expect([after.count, after.fpBits, after.prefixBits]).toEqual([52, before.fpBits, before.prefixBits]);
    for (const id of [...ids(50), 'new-1', 'new-2']) expect(after.has(await revocationHash('I', id))).toBe(true);
    const replaced = revokeInto(more.bytes, (await hashCodeIds('I', ['only'])).values(), { replace: true, capacity: 1 });
    const fresh = open(replaced.bytes);
    expect(fresh.count).toBe(1);
    expect(fresh.has(await revocationHash('I', 'code-0'))).toBe(false);
    expect(fresh.has(await revocationHash('I', 'only'))).toBe(true);
  });

  it('says when a set outgrows what it was sized for', async () => {
    const small = revokeInto(undefined, (await hashCodeIds('I', ids(2))).values(), { fpBits: 4, capacity: 2 });
    expect(small.overBudget).toBe(false);
    const big = revokeInto(small.bytes, (await hashCodeIds('I', ids(40, 'x'))).values());
    expect(big.overBudget).toBe(true);
  });

  it('refuses malformed existing bytes', () => {
    expect(() => revokeInto(new Uint8Array(30), new BigUint64Array(1))).toThrow(/malformed/);
  });
});

describe('revocationListRef', () => {
  it('pins size and SHA-256, inline or by href', async () => {
    const r = revokeInto(undefined, (await hashCodeIds('I', ['a'])).values());
    const inline = await revocationListRef('revoked', r.bytes, 1, 'inline');
    expect(inline).toMatchObject({ id: 'revoked', count: 1, bytes: r.bytes.length });
    expect(inlineBytes(inline)).toEqual(r.bytes);
    expect((await checkRevocationFile(inline, r.bytes)).ok).toBe(true);
    const ext = await revocationListRef('revoked', r.bytes, 1, { href: 'revocations/revoked-7.bin' });
    expect(ext.data).toBeUndefined();
    expect(ext.href).toBe('revocations/revoked-7.bin');
    expect(ext.sha256).toBe(inline.sha256);
    const other = r.bytes.slice();
    other[other.length - 1]! ^= 0x80;
    expect((await checkRevocationFile(ext, other)).ok).toBe(false);
  });

  it('list ids are safe as file names', () => {
    expect(['revoked', 'gd-2026.v1'].every(isListId)).toBe(true);
    expect(['', '..', 'a/b', 'x'.repeat(65)].some(isListId)).toBe(false);
  });
});

describe('a synchronous hasher', () => {
  it('is used only when it hashes exactly as revocationHash', async () => {
    const { createHash } = await import('node:crypto');
    const good = (issuer: string, id: string) => new Uint8Array(createHash('sha256').update(`gatecheck-revocation-v1\u0000${issuer}\u0000${id}`, 'utf8').digest());
    const bad = (issuer: string, id: string) => new Uint8Array(createHash('sha256').update(`${issuer}\u0000${id}`, 'utf8').digest());
    expect(await checkHasher(good)).toBe(true);
    expect(await checkHasher(bad)).toBe(false);
    const slow = await hashCodeIds('440000', ['a', '粤', 'b']);
    const fast = await hashCodeIds('440000', ['a', '粤', 'b'], good);
    expect([...fast.values()]).toEqual([...slow.values()]);
  });
});

describe('hashRevocationIds (canonical ids, issue 17 item 4)', () => {
  it('hashes each id in its canonical form, counting the ids written otherwise', async () => {
    const upper = await hashRevocationIds('440000', 'cn-hc', ['5F1C0A2E9B7D43A1', '', '5f1c0a2e9b7d43a1']);
    expect([upper.requested, upper.normalised, upper.keys.length, upper.timed]).toEqual([2, 1, 2, []]);
    const h = await revocationHash('440000', '5f1c0a2e9b7d43a1');
    expect([...upper.keys.values()]).toEqual([key(h), key(h)]);
    const dcc = await hashRevocationIds('DE', 'eu-dcc', ['urn:uvci:01:de:abc#7', '01:FR:X']);
    expect([...dcc.keys.values()]).toEqual([key(await revocationHash('DE', '01:DE:ABC')), key(await revocationHash('DE', '01:FR:X'))]);
    expect([...dcc.uvciCountries]).toEqual([['DE', 1], ['FR', 1]]);
  });

  it('keeps SMART Health Card entries rid.TIMESTAMP apart, with their time', async () => {
    const r = await hashRevocationIds('https://i.example', 'shc', ['vwAjHdarZuc.1687450765', 'FKDIxsTCGlU']);
    expect(r.requested).toBe(2);
    expect([...r.keys.values()]).toEqual([key(await revocationHash('https://i.example', 'FKDIxsTCGlU'))]);
    expect(r.timed).toEqual([{ key: key(await revocationHash('https://i.example', 'vwAjHdarZuc')), before: 1687450765 }]);
  });

  it('refuses ids no code of the format can carry: positions and reasons, never the ids', async () => {
    const err = await hashRevocationIds('440000', 'cn-hc', slowly(['5f1c0a2e9b7d43a1', '', 'secret-code-1', 'ab', ...Array(6).fill('zz')])).catch((e) => e);
    expect(err).toBeInstanceOf(RevocationIdError);
    expect(err.total).toBe(8);
    expect(err.problems.map((p: { at: number }) => p.at)).toEqual([3, 4, 5, 6, 7]);
    expect(JSON.stringify(err.problems) + err.message).not.toContain('secret');
  });
});

describe('resolveIssuer and issuerFormats', () => {
  const bundle = {
    issuers: [{ id: '440000' }, { id: 'DE' }, { id: 'https://spec.smarthealth.cards/examples/issuer' }],
    keys: [
      { issuer: 'DE', formats: ['eu-dcc'] },
      { issuer: 'DE', formats: ['vds-nc'], role: 'ca' },
      { issuer: '440000', formats: ['cn-hc'] },
    ],
  } as unknown as TrustBundle;

  it('finds the listed issuer however it is spelled, and nothing the bundle does not list', () => {
    expect(resolveIssuer(bundle, 'DE')).toBe('DE');
    expect(resolveIssuer(bundle, 'de')).toBe('DE');
    expect(resolveIssuer(bundle, ' 440000 ')).toBe('440000');
    expect(resolveIssuer(bundle, 'HTTPS://Spec.SmartHealth.Cards/examples/issuer/')).toBe('https://spec.smarthealth.cards/examples/issuer');
    expect(resolveIssuer(bundle, 'https://spec.smarthealth.cards/Examples/issuer')).toBeUndefined(); // paths are case-sensitive
    expect(resolveIssuer(bundle, '450000')).toBeUndefined();
    expect(resolveIssuer(bundle, 'Germany')).toBeUndefined();
  });

  it('an issuer comes in the formats of its keys', () => {
    expect(issuerFormats(bundle, 'DE')).toEqual(['eu-dcc', 'vds-nc']);
    expect(issuerFormats(bundle, '440000')).toEqual(['cn-hc']);
    expect(issuerFormats(bundle, 'https://spec.smarthealth.cards/examples/issuer')).toEqual([]);
  });
});

describe('revokeInto with timed entries (issue 17 item 5)', () => {
  const ISS = 'https://i.example';
  const T = 1687450765;
  async function list(existing: { bytes: Uint8Array; timedTable?: Uint8Array } | undefined, entries: string[], opts: { replace?: boolean } = {}) {
    const h = await hashRevocationIds(ISS, 'shc', entries);
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
