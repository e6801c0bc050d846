/**
 * A bundle whose checkpoint policies do not parse is refused like a bad signature: the update is
 * reported as BUNDLE_CONTENT_INVALID and the previous bundle (and its policies) stays in use.
 */
import { describe, expect, it } from 'vitest';
import { generateKeyPair, pinnedRootFrom } from '../../../issuer/keys.ts';
import { PROVINCES } from '../../../issuer/regions.ts';
import { buildBundle, signBundle } from '../../../issuer/sign-bundle.ts';
import { BUILTIN_POLICIES } from '../../policy/builtin-policies.ts';
import type { TrustBundle } from '../bundle.ts';
import { memoryTrustStore } from './trust-store.ts';
import { TrustUpdater } from './trust-updater.ts';

const DAY = 86_400_000;
const T0 = new Date(Date.UTC(2026, 10, 24, 8, 0, 0));

describe('trust updater: policies in the bundle', () => {
  it('keeps the previous bundle when the next one carries a policy that fails to parse', async () => {
    const [root, gd] = await Promise.all([generateKeyPair('ES256', 'root'), generateKeyPair('ES256')]);
    const bundle = (version: number): TrustBundle =>
      buildBundle({
        version,
        issuedAt: T0,
        expiresAt: new Date(T0.getTime() + 30 * DAY),
        issuers: [{ id: '440000', kind: 'province', names: PROVINCES['440000']! }],
        keys: [{ issuer: '440000', jwk: gd.publicJwk, validFrom: T0, validUntil: new Date(T0.getTime() + 365 * DAY) }],
        policies: BUILTIN_POLICIES,
      });
    // Version 2 is properly signed, but one rule uses an operator CertLogic does not have.
    const broken = bundle(2);
    broken.policies = [{ ...broken.policies[0]!, rules: [{ ...broken.policies[0]!.rules[0]!, logic: { or: [true, false] } }] }];
    let served = JSON.stringify(await signBundle(bundle(1), root.privateJwk));
    const fetchFn = (async () => new Response(served, { status: 200, headers: { etag: `"${served.length}"` } })) as typeof fetch;
    const u = new TrustUpdater({ url: 'https://gate.example/trust/bundle.json', roots: [pinnedRootFrom(root.publicJwk)], store: memoryTrustStore(), now: () => T0, fetch: fetchFn });
    await u.start();
    await u.refresh();
    expect(u.snapshot.trust?.bundle.version).toBe(1);
    expect(u.snapshot.trust?.bundle.policies.map((p) => p.id)).toEqual(BUILTIN_POLICIES.map((p) => p.id));

    served = JSON.stringify(await signBundle(broken, root.privateJwk));
    const r = await u.refresh();
    expect(r).toMatchObject({ ok: false, reason: { code: 'BUNDLE_CONTENT_INVALID' } });
    expect(!r.ok && r.reason.detail).toMatch(/rule no-positive-test: .*unrecognised operator: "or"/);
    expect(u.snapshot.trust?.bundle.version).toBe(1);
    expect(u.snapshot.meta.lastError?.code).toBe('BUNDLE_CONTENT_INVALID');
  });
});
