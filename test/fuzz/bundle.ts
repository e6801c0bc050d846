/**
 * The trust-bundle parser under attack: a valid signed bundle file is mutated as text, as JSON, in
 * its signed payload and in its signatures. verifyBundle must never throw, and must accept a file
 * only when its payload is one a pinned root really signed (the `signedPayloads` set: the
 * original, and payloads re-signed by the root on purpose, whose content may be anything the
 * validator allows) and its version is at most 2^50; an accepted bundle must index without
 * throwing. The input check of `bundle sign` (openForSign) sees the same file: it must take exactly
 * what verifyBundle accepts, refuse everything else with an Error, and keep only signatures that
 * verify on their own.
 */
import fc from 'fast-check';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../../src/core/encoding/bytes.ts';
import { indexBundle } from '../../src/core/trust/trust-index.ts';
import { verifyBundle } from '../../src/core/trust/verify-bundle.ts';
import { MAX_BUNDLE_VERSION, type PinnedRoot } from '../../src/core/trust/bundle.ts';
import { openForSign } from '../../src/issuer/bundle-edit.ts';
import { BUILTIN_POLICIES } from '../../src/core/policy/builtin-policies.ts';
import { generateKeyPair, pinnedRootFrom, type KeyPair } from '../../src/issuer/keys.ts';
import { PROVINCES } from '../../src/issuer/regions.ts';
import { buildBundle, signPayload } from '../../src/issuer/sign-bundle.ts';
import { newStats, rng, type Rng, type Stats } from './harness.ts';

interface BundleWorld {
  file: string;
  payloadJson: unknown;
  roots: PinnedRoot[];
  root: KeyPair;
  stranger: KeyPair;
  signedPayloads: Set<string>;
}

export async function bundleWorld(): Promise<BundleWorld> {
  const root = await generateKeyPair('ES256', 'root');
  const stranger = await generateKeyPair('ES256', 'root');
  const keys = await Promise.all([generateKeyPair('ES256'), generateKeyPair('SM2-SM3'), generateKeyPair('ES256')]);
  const now = new Date(Date.UTC(2025, 5, 1));
  const bundle = buildBundle({
    version: 7,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + 30 * 86400_000),
    issuers: ['440000', '310000'].map((id) => ({ id, kind: 'province' as const, names: PROVINCES[id]! })),
    keys: keys.map((k, i) => ({ issuer: i === 1 ? '310000' : '440000', jwk: k.publicJwk, validFrom: now, validUntil: new Date(now.getTime() + 86400_000 * 365) })),
    policies: BUILTIN_POLICIES,
    valueSets: { 'vaccines-covid-19-names': { 'EU/1/20/1528': 'Comirnaty' } },
  });
  const signed = await signPayload(toBase64Url(utf8(JSON.stringify(bundle))), root.privateJwk);
  return { file: JSON.stringify(signed), payloadJson: bundle, roots: [pinnedRootFrom(root.publicJwk)], root, stranger, signedPayloads: new Set([signed.payload]) };
}

type Case = { mutator: string; text: string };
/** Beyond verifyBundle's 32 MiB file limit; made once. */
let oversized: string | undefined;

const deepJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

function mutateJson(v: unknown, r: Rng, depth = 0): unknown {
  if (Array.isArray(v) && v.length && r.chance(0.7)) {
    const c = [...v];
    const i = r.int(c.length);
    c[i] = mutateJson(c[i], r, depth + 1);
    return c;
  }
  if (v && typeof v === 'object' && !Array.isArray(v) && r.chance(0.8)) {
    const o = { ...(v as Record<string, unknown>) };
    const ks = Object.keys(o);
    if (!ks.length) return o;
    const k = r.pick(ks);
    if (r.chance(0.15)) delete o[k];
    else o[k] = mutateJson(o[k], r, depth + 1);
    return o;
  }
  return r.pick<unknown>([null, true, 0, -1, 1e308, 2 ** 53 + 1, 2 ** 50, 2 ** 50 + 1, '', 'x', '2025-13-45T99:99:99Z', [], {}, JSON.parse(deepJson(40)), 'A'.repeat(5000), { __proto__: { polluted: true } }, v === undefined ? 1 : [v]]);
}

async function makeCase(w: BundleWorld, r: Rng, kind: number): Promise<Case> {
  const file = JSON.parse(w.file) as { payload: string; signatures: { protected: string; signature: string }[] };
  const withPayload = async (payloadText: string, signer: 'root' | 'stranger' | 'keep') => {
    const payload = toBase64Url(utf8(payloadText));
    if (signer === 'keep') return JSON.stringify({ ...file, payload });
    const signed = await signPayload(payload, signer === 'root' ? w.root.privateJwk : { ...w.stranger.privateJwk, kid: r.chance(0.5) ? w.root.kid : w.stranger.kid });
    if (signer === 'root') w.signedPayloads.add(payload);
    return JSON.stringify(signed);
  };
  switch (kind) {
    case 0: {
      // Text damage to the whole file.
      const t = w.file;
      const i = r.int(t.length);
      const op = r.int(4);
      const text = op === 0 ? t.slice(0, i) : op === 1 ? t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << r.int(7))) + t.slice(i + 1) : op === 2 ? t + r.pick(['}', ' ', ',{}', '\u0000']) : t.slice(0, i) + t.slice(i + 1 + r.int(8));
      return { mutator: 'file text damaged', text };
    }
    case 1: {
      // Payload content changed, signature kept / by a stranger / by the real root (then anything valid may be accepted).
      const content = JSON.stringify(mutateJson(w.payloadJson, r));
      const signer = r.pick(['keep', 'stranger', 'root'] as const);
      return { mutator: `payload changed (${signer} signature)`, text: await withPayload(content, signer) };
    }
    case 2: {
      // Hostile JSON in the signed payload.
      const hostile = r.pick([deepJson(100_000), `{"a":${deepJson(5000)}}`, '{"type":"x","type":"y"}', '{"__proto__":{"x":1}}', '[]', '"x"', '1e999', '{"version":' + '9'.repeat(400) + '}', '\ud800', '']);
      const signer = r.pick(['keep', 'stranger', 'root'] as const);
      return { mutator: `hostile payload JSON (${signer} signature)`, text: await withPayload(hostile, signer) };
    }
    case 3: {
      // Signature entries: alg/kid swapped, signature damaged, entries missing or duplicated.
      const sig = file.signatures[0]!;
      const header = JSON.parse(fromUtf8(fromBase64Url(sig.protected)));
      const variants = [
        { ...sig, protected: toBase64Url(utf8(JSON.stringify({ ...header, alg: r.pick(['none', 'HS256', 'PS256', 'ES384', 'SM2-SM3', null]) }))) },
        { ...sig, protected: toBase64Url(utf8(JSON.stringify({ ...header, kid: w.stranger.kid }))) },
        { ...sig, signature: toBase64Url(Uint8Array.from(fromBase64Url(sig.signature), (b, i) => (i === 3 ? b ^ 1 : b))) },
        { ...sig, signature: '' },
        { ...sig, signature: '!!!' },
        { ...sig, protected: 'e30' },
        { protected: 1, signature: [] },
        null,
      ];
      const chosen = r.pick(variants);
      const signatures = r.pick([[chosen], [chosen, sig], [], [sig, sig], chosen]);
      return { mutator: 'signature entries', text: JSON.stringify({ ...file, signatures }) };
    }
    default:
      return { mutator: 'whole file hostile', text: r.pick([deepJson(200_000), '', 'null', '{"payload":1,"signatures":[]}', JSON.stringify({ payload: file.payload }), (oversized ??= 'x'.repeat(40_000_000))]) };
  }
}

export async function judgeBundle(w: BundleWorld, c: Case, stats: Stats): Promise<string | null> {
  const t0 = performance.now();
  const m = (stats.byMutator[c.mutator] ??= { n: 0, pass: 0 });
  m.n++;
  stats.inputs++;
  let violation: string | null = null;
  try {
    const r = await verifyBundle(c.text, w.roots);
    const code = r.ok ? 'ACCEPTED' : r.reason.code;
    stats.reasons[code] = (stats.reasons[code] ?? 0) + 1;
    if (r.ok) {
      stats.passes++;
      m.pass++;
      const payload = (JSON.parse(c.text) as { payload: string }).payload;
      if (!w.signedPayloads.has(payload)) violation = 'accepted a payload no pinned root signed';
      else if (r.value.version > MAX_BUNDLE_VERSION) violation = 'accepted a version above 2^50';
      else stats.legitPasses++;
      indexBundle(r.value);
    }
    violation ??= await judgeSignInput(w, c.text, r.ok);
  } catch (e) {
    stats.exceptions++;
    violation = `exception ${e instanceof Error ? e.name : typeof e}`;
  }
  const ms = performance.now() - t0;
  if (ms > stats.maxMs) {
    stats.maxMs = ms;
    stats.maxMsMutator = c.mutator;
  }
  if (violation) {
    stats.violations++;
    if (stats.examples.length < 20) stats.examples.push(`${c.mutator}: ${violation}`);
  }
  return violation;
}

/** `bundle sign`'s input check on the same text: the same decision as verifyBundle, refusals as Errors, only verifying signatures kept. */
async function judgeSignInput(w: BundleWorld, text: string, accepted: boolean): Promise<string | null> {
  let opened: Awaited<ReturnType<typeof openForSign>>;
  try {
    opened = await openForSign(text, { trust: w.roots });
  } catch (e) {
    if (!(e instanceof Error)) return `bundle sign input check threw a ${typeof e}`;
    return accepted ? `bundle sign refused a file a gate accepts: ${e.message.slice(0, 120)}` : null;
  }
  if (!accepted) return 'bundle sign took a file a gate refuses';
  for (const s of opened.verified) {
    const alone = await verifyBundle(JSON.stringify({ payload: opened.signed!.payload, signatures: [s.signature] }), w.roots);
    if (!alone.ok) return 'bundle sign kept a signature that does not verify';
  }
  return null;
}

export async function driveBundle(w: BundleWorld, o: { numRuns: number; seed: number; stopOnViolation: boolean; stats?: Stats }): Promise<Stats> {
  const stats = o.stats ?? newStats();
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: 9 }), fc.integer(), async (k, sub) => {
      const r = rng(sub);
      const c = await makeCase(w, r, k < 3 ? 0 : k < 5 ? 1 : k < 6 ? 2 : k < 9 ? 3 : 4);
      const v = await judgeBundle(w, c, stats);
      if (v && o.stopOnViolation) throw new Error(`bundle ${v} (sub-seed ${sub})`);
    }),
    { seed: o.seed, numRuns: o.numRuns, endOnFailure: true },
  );
  return stats;
}
