import { beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_ID as CN_HC } from '../core/formats/cn-hc/constants.ts';
import { FORMAT_ID as EU_DCC } from '../core/formats/eu-dcc/constants.ts';
import { FORMAT_ID as SHC } from '../core/formats/shc/constants.ts';
import type { TrustBundle } from '../core/trust/bundle.ts';
import { BUILTIN_POLICIES } from '../core/policy/builtin-policies.ts';
import { diffBundles, formatDiff } from './bundle-diff.ts';
import { generateKeyPair, pinnedRootFrom, type KeyPair } from './keys.ts';
import { buildBundle } from './sign-bundle.ts';

const DAY = 86400_000;
const NOW = new Date(Date.UTC(2026, 0, 10));
const SHA = 'A'.repeat(43);
let gd: KeyPair;
let sh: KeyPair;
let next: KeyPair;
let a: TrustBundle;

beforeAll(async () => {
  [gd, sh, next] = await Promise.all([generateKeyPair('ES256'), generateKeyPair('SM2-SM3'), generateKeyPair('ES256', 'root')]);
  a = buildBundle({
    version: 10,
    issuedAt: NOW,
    expiresAt: new Date(NOW.getTime() + 30 * DAY),
    issuers: [
      { id: '440000', kind: 'province', names: { 'zh-CN': '广东省', en: 'Guangdong' } },
      { id: '310000', kind: 'province', names: { 'zh-CN': '上海市', en: 'Shanghai' } },
    ],
    keys: [
      { issuer: '440000', jwk: gd.publicJwk, validFrom: NOW, validUntil: new Date(NOW.getTime() + 365 * DAY) },
      { issuer: '310000', jwk: sh.publicJwk, validFrom: NOW, validUntil: new Date(NOW.getTime() + 365 * DAY) },
    ],
    valueSets: { 'vaccines-covid-19-names': { x: 'X' }, gone: { a: 'A' } },
    revocations: [
      { id: 'revoked', count: 3, sha256: SHA, bytes: 40, data: 'AAAA' },
      { id: 'old', count: 1, sha256: SHA, bytes: 30, data: 'AAAA' },
    ],
  });
});

describe('diffBundles', () => {
  it('finds nothing between a bundle and itself', () => {
    const d = diffBundles(a, structuredClone(a));
    expect(d.same).toBe(true);
    expect(formatDiff(d)).toEqual(['no changes']);
  });

  it('reports every kind of change', () => {
    const b = structuredClone(a);
    b.version = 11;
    b.issuedAt = new Date(NOW.getTime() + DAY).toISOString();
    b.issuers[0]!.names = { 'zh-CN': '广东', en: 'Canton' };
    b.issuers = b.issuers.filter((i) => i.id !== '310000');
    b.keys = b.keys.filter((k) => k.issuer !== '310000');
    b.issuers.push({ id: 'DE', kind: 'country', names: { 'zh-CN': '德国', en: 'Germany' } });
    b.keys.push({ ...b.keys[0]!, issuer: 'DE', kid: 'DEsVUSvpFAE', formats: [EU_DCC] });
    b.keys[0]!.validUntil = new Date(NOW.getTime() + 10 * DAY).toISOString();
    b.keys[0]!.kinds = ['test'];
    b.keys.push({ ...b.keys[0]!, formats: [SHC] }); // same issuer and kid, other formats: another key
    b.freshness = { ...b.freshness, maxAgeSeconds: 7 * 86400, onStale: 'warn' };
    b.roots = { next: [pinnedRootFrom(next.publicJwk)], retired: ['R'.repeat(43)] };
    b.revocations.lists = [
      { id: 'revoked', count: 5, sha256: 'B'.repeat(43), bytes: 44, href: 'revocations/revoked-11.bin' },
      { id: 'new', count: 2, sha256: SHA, bytes: 33, data: 'AAAA' },
    ];
    b.valueSets = { 'vaccines-covid-19-names': { x: 'Y' }, added: {} };
    b.policies = [{ id: 'p', names: { 'zh-CN': '规则', en: 'Policy' }, rules: [] }];

    const d = diffBundles(a, b);
    expect(d.same).toBe(false);
    expect(d.version).toEqual({ from: 10, to: 11 });
    expect(d.expiresAt).toBeUndefined();
    expect(d.issuers.added.map((i) => i.id)).toEqual(['DE']);
    expect(d.issuers.removed.map((i) => i.id)).toEqual(['310000']);
    expect(d.issuers.renamed).toEqual([{ id: '440000', from: { 'zh-CN': '广东省', en: 'Guangdong' }, to: { 'zh-CN': '广东', en: 'Canton' } }]);
    expect(d.keys.added).toEqual([
      { issuer: 'DE', kid: 'DEsVUSvpFAE', formats: [EU_DCC] },
      { issuer: '440000', kid: gd.kid, formats: [SHC] },
    ]);
    expect(d.keys.removed).toEqual([{ issuer: '310000', kid: sh.kid, formats: [CN_HC] }]);
    expect(d.keys.changed).toEqual([{ issuer: '440000', kid: gd.kid, formats: [CN_HC], fields: ['validUntil', 'kinds'] }]);
    expect(d.freshness).toEqual([
      { field: 'maxAgeSeconds', from: 259200, to: 604800 },
      { field: 'onStale', from: 'fail', to: 'warn' },
    ]);
    expect(d.roots).toEqual({ nextAdded: [next.kid], nextRemoved: [], retiredAdded: ['R'.repeat(43)], retiredRemoved: [] });
    expect(d.revocations).toEqual({
      added: [{ id: 'new', count: 2, external: false }],
      removed: [{ id: 'old', count: 1 }],
      changed: [{ id: 'revoked', count: { from: 3, to: 5 }, contentChanged: true, placement: { from: 'inline', to: 'external' } }],
    });
    expect(d.valueSets).toEqual({ added: ['added'], removed: ['gone'], changed: ['vaccines-covid-19-names'] });
    // No policies (gates use built-in copies) -> one policy "p", which becomes the default.
    expect(d.policies).toEqual({ added: ['p'], removed: [], changed: [], builtIn: { from: true, to: false }, default: { from: 'green-or-foreign', to: 'p' } });

    const lines = formatDiff(d);
    expect(lines).toContain('~ version 10 -> 11');
    expect(lines).toContain('+ issuer DE (country, 德国 / Germany)');
    expect(lines).toContain(`- key 310000/${sh.kid} [cn-hc]`);
    expect(lines).toContain(`~ key 440000/${gd.kid} [cn-hc]: validUntil, kinds`);
    expect(lines).toContain('~ freshness maxAgeSeconds 259200 -> 604800');
    expect(lines).toContain(`+ next root ${next.kid}`);
    expect(lines).toContain('~ revocation list revoked: 3 -> 5 ids, inline -> external');
    expect(lines).toContain('- revocation list old (1 ids)');
    expect(lines).toContain("+ policies: they replace the gates' built-in copies");
    expect(lines).toContain('+ policy p');
    expect(lines.some((l) => l.startsWith('~ default policy green-or-foreign -> p'))).toBe(true);
    expect(lines).not.toContain('no changes');
  });

  it('diffs policies by id and their rules by id: names, reason, texts and logic, not order', () => {
    // Through JSON, as a bundle file is: the built-ins share rule objects, a file does not.
    const base: TrustBundle = JSON.parse(JSON.stringify({ ...a, policies: BUILTIN_POLICIES }));
    const b: TrustBundle = JSON.parse(JSON.stringify(base));
    const green = b.policies.find((p) => p.id === 'green')!;
    green.names = { 'zh-CN': '仅绿码', en: 'Green only' };
    green.rules.reverse(); // order alone is no change
    const nat = b.policies.find((p) => p.id === 'green-nat-24h')!;
    nat.rules = nat.rules.filter((r) => r.id !== 'nat-fresh');
    nat.rules.push({ id: 'extra', reason: 'NAT_REQUIRED', texts: { 'zh-CN': '额外', en: 'Extra' }, logic: true });
    const vacc = b.policies.find((p) => p.id === 'green-vaccinated')!;
    vacc.rules[0]!.logic = false;
    b.policies = b.policies.filter((p) => p.id !== 'international');
    b.policies.push({ id: 'night', names: { 'zh-CN': '夜间', en: 'Night' }, rules: [] });

    const d = diffBundles(base, b);
    expect(d.policies.added).toEqual(['night']);
    expect(d.policies.removed).toEqual(['international']);
    expect(d.policies.changed).toEqual([
      { id: 'green', renamed: true, rulesAdded: [], rulesRemoved: [], rulesChanged: [] },
      { id: 'green-nat-24h', renamed: false, rulesAdded: ['extra'], rulesRemoved: ['nat-fresh'], rulesChanged: [] },
      { id: 'green-vaccinated', renamed: false, rulesAdded: [], rulesRemoved: [], rulesChanged: [vacc.rules[0]!.id] },
    ]);
    expect(d.policies.default).toBeUndefined();
    const lines = formatDiff(d);
    expect(lines).toContain('~ policy green-nat-24h: +rule extra, -rule nat-fresh');
    expect(lines).toContain(`~ policy green-vaccinated: ~rule ${vacc.rules[0]!.id}`);
    expect(lines).toContain('- policy international');

    // Same policies in another key order inside the logic: no change at all.
    const reordered: TrustBundle = JSON.parse(JSON.stringify(base));
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v;
    reordered.policies = reordered.policies.map((p) => reverseKeys(p) as (typeof reordered.policies)[number]);
    expect(JSON.stringify(reordered.policies)).not.toBe(JSON.stringify(base.policies));
    expect(diffBundles(base, reordered).same).toBe(true);

    // Dropping every policy sends gates back to their built-in copies, and the default policy removed changes the default.
    expect(formatDiff(diffBundles(base, { ...base, policies: [] }))).toContain('- all policies: gates will use their built-in copies');
    const noDefault = { ...base, policies: base.policies.filter((p) => p.id !== 'green-or-foreign') };
    expect(diffBundles(base, noDefault).policies.default).toEqual({ from: 'green-or-foreign', to: noDefault.policies[0]!.id });
  });

  it('a change to a list\'s timed entries alone (rid.timestamp becoming outright) is a content change', () => {
    const b = structuredClone(a);
    b.revocations.lists = b.revocations.lists.map((l) => (l.id === 'revoked' ? { ...l, timed: 'AQID' } : l));
    const d = diffBundles(a, b);
    expect(d.revocations.changed).toEqual([expect.objectContaining({ id: 'revoked', contentChanged: true })]);
  });

  it('flags a version that does not go up, and survives a payload missing fields', () => {
    const lines = formatDiff(diffBundles(a, { ...a, version: 9 }));
    expect(lines[0]).toMatch(/10 -> 9 .*NOT higher/);
    const d = diffBundles({}, a);
    expect(d.keys.added).toHaveLength(2);
    expect(d.revocations.added).toHaveLength(2);
  });
});
