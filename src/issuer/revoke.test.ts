import { describe, expect, it } from 'vitest';
import { checkRevocationFile } from '../core/trust/revocation/open-lists.ts';
import { openRevocationSet } from '../core/trust/revocation/read-set.ts';
import { revocationHash } from '../core/trust/revocation/revocation-hash.ts';
import type { TrustBundle } from '../core/trust/bundle.ts';
import { openTimedTable, withTimedTable } from '../core/trust/revocation/timed.ts';
import { checkHasher, hashCodeIds, inlineBytes, isListId, revocationListRef, revokeInto } from './revoke.ts';

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
