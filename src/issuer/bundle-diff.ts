/**
 * What changed between two bundles, for an operator's review before publishing: versions and
 * times, issuers, keys, freshness, root rollover, revocation lists, value sets, policies.
 * Written defensively: it describes any decoded payload, valid or not.
 */
import type { LocalizedName } from '../core/model/verdict.ts';
import type { Policy } from '../core/policy/policy.ts';
import { defaultPolicyOf, policiesOf } from '../core/policy/select-policy.ts';
import type { RevocationListRef, TrustBundle, TrustIssuer, TrustKey } from '../core/trust/bundle.ts';

export interface Change<T> {
  from: T;
  to: T;
}

/** A key's identity: issuer, kid and formats (the same kid may be listed once per format set). */
export interface KeyRef {
  issuer: string;
  kid: string;
  formats: string[];
}

export interface BundleDiff {
  version?: Change<number>;
  issuedAt?: Change<string>;
  expiresAt?: Change<string>;
  demo?: Change<boolean>;
  issuers: { added: TrustIssuer[]; removed: TrustIssuer[]; renamed: { id: string; from: LocalizedName; to: LocalizedName }[]; kindChanged: { id: string; from: string; to: string }[] };
  keys: { added: KeyRef[]; removed: KeyRef[]; changed: (KeyRef & { fields: string[] })[] };
  freshness: ({ field: string } & Change<unknown>)[];
  roots: { nextAdded: string[]; nextRemoved: string[]; retiredAdded: string[]; retiredRemoved: string[] };
  revocations: {
    added: { id: string; count: number; external: boolean }[];
    removed: { id: string; count: number }[];
    changed: { id: string; count: Change<number>; contentChanged: boolean; placement?: Change<'inline' | 'external'> }[];
  };
  valueSets: { added: string[]; removed: string[]; changed: string[] };
  policies: {
    added: string[];
    removed: string[];
    /** Per policy: renamed, and its rules (by id) added, removed or changed (reason, texts or logic). */
    changed: { id: string; renamed: boolean; rulesAdded: string[]; rulesRemoved: string[]; rulesChanged: string[] }[];
    /** The policy a gate applies when its settings name none (built-in copies stand in for an empty list). */
    default?: Change<string>;
    /** A bundle without policies makes gates use their built-in copies. */
    builtIn?: Change<boolean>;
  };
  /** True when nothing differs. */
  same: boolean;
}

type Loose = Partial<TrustBundle>;
const arr = <T>(v: T[] | undefined): T[] => (Array.isArray(v) ? v : []);
const keyId = (k: KeyRef) => `${k.issuer}\u0000${k.kid}\u0000${[...arr(k.formats)].sort().join(',')}`;
const refOf = (k: TrustKey): KeyRef => ({ issuer: k.issuer, kid: k.kid, formats: [...arr(k.formats)] });
const sorted = (v: string[] | undefined) => JSON.stringify([...arr(v)].sort());
/** JSON with every object's keys sorted, so equal values compare equal whatever their key order. */
export const canonicalJson = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonicalJson).join(',')}]`
    : typeof v === 'object' && v !== null
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);
function change<T>(a: T, b: T): Change<T> | undefined {
  return a === b ? undefined : { from: a, to: b };
}

export function diffBundles(a: Loose, b: Loose): BundleDiff {
  const d: BundleDiff = {
    issuers: { added: [], removed: [], renamed: [], kindChanged: [] },
    keys: { added: [], removed: [], changed: [] },
    freshness: [],
    roots: { nextAdded: [], nextRemoved: [], retiredAdded: [], retiredRemoved: [] },
    revocations: { added: [], removed: [], changed: [] },
    valueSets: { added: [], removed: [], changed: [] },
    policies: { added: [], removed: [], changed: [] },
    same: true,
  };
  const set = <K extends 'version' | 'issuedAt' | 'expiresAt' | 'demo'>(k: K, c: BundleDiff[K] | undefined) => {
    if (c !== undefined) d[k] = c;
  };
  set('version', change(a.version as number, b.version as number));
  set('issuedAt', change(a.issuedAt as string, b.issuedAt as string));
  set('expiresAt', change(a.expiresAt as string, b.expiresAt as string));
  set('demo', change(a.demo === true, b.demo === true));
  diffPolicies(arr(a.policies), arr(b.policies), d.policies);

  const ia = new Map(arr(a.issuers).map((i) => [i.id, i] as const));
  const ib = new Map(arr(b.issuers).map((i) => [i.id, i] as const));
  for (const [id, i] of ib) {
    const old = ia.get(id);
    if (!old) d.issuers.added.push(i);
    else {
      if (old.kind !== i.kind) d.issuers.kindChanged.push({ id, from: old.kind, to: i.kind });
      if (old.names?.['zh-CN'] !== i.names?.['zh-CN'] || old.names?.en !== i.names?.en) d.issuers.renamed.push({ id, from: old.names, to: i.names });
    }
  }
  for (const [id, i] of ia) if (!ib.has(id)) d.issuers.removed.push(i);

  const ka = new Map(arr(a.keys).map((k) => [keyId(k), k] as const));
  const kb = new Map(arr(b.keys).map((k) => [keyId(k), k] as const));
  for (const [id, k] of kb) {
    const old = ka.get(id);
    if (!old) {
      d.keys.added.push(refOf(k));
      continue;
    }
    const fields: string[] = [];
    if (old.alg !== k.alg) fields.push('alg');
    if (canonicalJson(old.jwk) !== canonicalJson(k.jwk)) fields.push('jwk');
    if (old.validFrom !== k.validFrom) fields.push('validFrom');
    if (old.validUntil !== k.validUntil) fields.push('validUntil');
    if (sorted(old.kinds) !== sorted(k.kinds)) fields.push('kinds');
    if ((old.x5c ?? '') !== (k.x5c ?? '')) fields.push('x5c');
    if (fields.length) d.keys.changed.push({ ...refOf(k), fields });
  }
  for (const [id, k] of ka) if (!kb.has(id)) d.keys.removed.push(refOf(k));

  const fa = (a.freshness ?? {}) as unknown as Record<string, unknown>;
  const fb = (b.freshness ?? {}) as unknown as Record<string, unknown>;
  for (const field of [...new Set([...Object.keys(fa), ...Object.keys(fb)])]) if (fa[field] !== fb[field]) d.freshness.push({ field, from: fa[field], to: fb[field] });

  const na = new Set(arr(a.roots?.next).map((r) => r.kid));
  const nb = new Set(arr(b.roots?.next).map((r) => r.kid));
  const ra = new Set(arr(a.roots?.retired));
  const rb = new Set(arr(b.roots?.retired));
  d.roots.nextAdded = [...nb].filter((k) => !na.has(k));
  d.roots.nextRemoved = [...na].filter((k) => !nb.has(k));
  d.roots.retiredAdded = [...rb].filter((k) => !ra.has(k));
  d.roots.retiredRemoved = [...ra].filter((k) => !rb.has(k));

  const placement = (l: RevocationListRef): 'inline' | 'external' => (l.href !== undefined ? 'external' : 'inline');
  const la = new Map(arr(a.revocations?.lists).map((l) => [l.id, l] as const));
  const lb = new Map(arr(b.revocations?.lists).map((l) => [l.id, l] as const));
  for (const [id, l] of lb) {
    const old = la.get(id);
    if (!old) {
      d.revocations.added.push({ id, count: l.count, external: l.href !== undefined });
      continue;
    }
    const p = change(placement(old), placement(l));
    // The timed table (rid.timestamp entries) is content too: an entry turning outright changes no hash.
    const contentChanged = old.sha256 !== l.sha256 || old.timed !== l.timed;
    if (old.count !== l.count || contentChanged || p || old.href !== l.href)
      d.revocations.changed.push({ id, count: { from: old.count, to: l.count }, contentChanged, ...(p ? { placement: p } : {}) });
  }
  for (const [id, l] of la) if (!lb.has(id)) d.revocations.removed.push({ id, count: l.count });

  const va = a.valueSets ?? {};
  const vb = b.valueSets ?? {};
  for (const id of Object.keys(vb)) {
    if (!(id in va)) d.valueSets.added.push(id);
    else if (canonicalJson(va[id]) !== canonicalJson(vb[id])) d.valueSets.changed.push(id);
  }
  for (const id of Object.keys(va)) if (!(id in vb)) d.valueSets.removed.push(id);

  d.same =
    d.version === undefined &&
    d.issuedAt === undefined &&
    d.expiresAt === undefined &&
    d.demo === undefined &&
    d.policies.default === undefined &&
    d.policies.builtIn === undefined &&
    ([] as unknown[][])
      .concat([d.issuers.added, d.issuers.removed, d.issuers.renamed, d.issuers.kindChanged, d.keys.added, d.keys.removed, d.keys.changed, d.freshness])
      .concat([d.roots.nextAdded, d.roots.nextRemoved, d.roots.retiredAdded, d.roots.retiredRemoved])
      .concat([d.revocations.added, d.revocations.removed, d.revocations.changed, d.valueSets.added, d.valueSets.removed, d.valueSets.changed])
      .concat([d.policies.added, d.policies.removed, d.policies.changed])
      .every((x) => x.length === 0);
  return d;
}

function diffPolicies(a: Policy[], b: Policy[], out: BundleDiff['policies']): void {
  const pa = new Map(a.map((p) => [p.id, p] as const));
  const pb = new Map(b.map((p) => [p.id, p] as const));
  for (const [id, p] of pb) {
    const old = pa.get(id);
    if (!old) {
      out.added.push(id);
      continue;
    }
    const ra = new Map(arr(old.rules).map((r) => [r.id, r] as const));
    const rb = new Map(arr(p.rules).map((r) => [r.id, r] as const));
    const rulesAdded = [...rb.keys()].filter((r) => !ra.has(r));
    const rulesRemoved = [...ra.keys()].filter((r) => !rb.has(r));
    const rulesChanged = [...rb].filter(([r, rule]) => ra.has(r) && canonicalJson(ra.get(r)) !== canonicalJson(rule)).map(([r]) => r);
    const renamed = canonicalJson(old.names) !== canonicalJson(p.names);
    // Rule order matters to no verdict (every rule is evaluated), so a reordering is no change.
    if (renamed || rulesAdded.length || rulesRemoved.length || rulesChanged.length) out.changed.push({ id, renamed, rulesAdded, rulesRemoved, rulesChanged });
  }
  for (const id of pa.keys()) if (!pb.has(id)) out.removed.push(id);
  const builtIn = change(a.length === 0, b.length === 0);
  if (builtIn) out.builtIn = builtIn;
  const def = change(defaultPolicyOf(policiesOf({ policies: a })).id, defaultPolicyOf(policiesOf({ policies: b })).id);
  if (def) out.default = def;
}

const keyText = (k: KeyRef) => `${k.issuer}/${k.kid} [${k.formats.join(',')}]`;
const nameText = (n: LocalizedName | undefined) => (n ? `${n['zh-CN']} / ${n.en}` : '?');

/** One line per change: `+` added, `-` removed, `~` changed. */
export function formatDiff(d: BundleDiff): string[] {
  const out: string[] = [];
  if (d.version) out.push(`~ version ${d.version.from} -> ${d.version.to}${d.version.to <= d.version.from ? '  (NOT higher: gates will refuse it as an update)' : ''}`);
  if (d.issuedAt) out.push(`~ issuedAt ${d.issuedAt.from} -> ${d.issuedAt.to}`);
  if (d.expiresAt) out.push(`~ expiresAt ${d.expiresAt.from} -> ${d.expiresAt.to}`);
  if (d.demo) out.push(`~ demo ${d.demo.from} -> ${d.demo.to}`);
  for (const i of d.issuers.added) out.push(`+ issuer ${i.id} (${i.kind}, ${nameText(i.names)})`);
  for (const i of d.issuers.removed) out.push(`- issuer ${i.id} (${i.kind}, ${nameText(i.names)})`);
  for (const i of d.issuers.renamed) out.push(`~ issuer ${i.id} renamed ${nameText(i.from)} -> ${nameText(i.to)}`);
  for (const i of d.issuers.kindChanged) out.push(`~ issuer ${i.id} kind ${i.from} -> ${i.to}`);
  for (const k of d.keys.added) out.push(`+ key ${keyText(k)}`);
  for (const k of d.keys.removed) out.push(`- key ${keyText(k)}`);
  for (const k of d.keys.changed) out.push(`~ key ${keyText(k)}: ${k.fields.join(', ')}`);
  for (const f of d.freshness) out.push(`~ freshness ${f.field} ${String(f.from)} -> ${String(f.to)}`);
  for (const k of d.roots.nextAdded) out.push(`+ next root ${k}`);
  for (const k of d.roots.nextRemoved) out.push(`- next root ${k}`);
  for (const k of d.roots.retiredAdded) out.push(`+ retired root ${k}`);
  for (const k of d.roots.retiredRemoved) out.push(`- retired root ${k}  (a gate never un-retires a root)`);
  for (const l of d.revocations.added) out.push(`+ revocation list ${l.id} (${l.count} ids, ${l.external ? 'external' : 'inline'})`);
  for (const l of d.revocations.removed) out.push(`- revocation list ${l.id} (${l.count} ids)`);
  for (const l of d.revocations.changed)
    out.push(
      `~ revocation list ${l.id}: ${l.count.from} -> ${l.count.to} ids` +
        (l.contentChanged ? '' : ', same content') +
        (l.placement ? `, ${l.placement.from} -> ${l.placement.to}` : ''),
    );
  for (const v of d.valueSets.added) out.push(`+ value set ${v}`);
  for (const v of d.valueSets.removed) out.push(`- value set ${v}`);
  for (const v of d.valueSets.changed) out.push(`~ value set ${v}`);
  if (d.policies.builtIn?.to) out.push('- all policies: gates will use their built-in copies');
  if (d.policies.builtIn?.from) out.push('+ policies: they replace the gates\' built-in copies');
  for (const p of d.policies.added) out.push(`+ policy ${p}`);
  for (const p of d.policies.removed) out.push(`- policy ${p}`);
  for (const p of d.policies.changed) {
    const parts = [
      ...(p.renamed ? ['renamed'] : []),
      ...p.rulesAdded.map((r) => `+rule ${r}`),
      ...p.rulesRemoved.map((r) => `-rule ${r}`),
      ...p.rulesChanged.map((r) => `~rule ${r}`),
    ];
    out.push(`~ policy ${p.id}: ${parts.join(', ')}`);
  }
  if (d.policies.default) out.push(`~ default policy ${d.policies.default.from} -> ${d.policies.default.to}  (gates whose settings name no policy, or one that is gone)`);
  if (d.same) out.push('no changes');
  return out;
}
