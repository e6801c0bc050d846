import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../issuer/keys.ts';
import { buildBundle } from '../../issuer/sign-bundle.ts';
import { PROVINCES } from '../../issuer/regions.ts';
import { indexBundle } from '../trust/trust-index.ts';
import { BUILTIN_POLICIES } from '../policy/builtin-policies.ts';
import { prepareTrust, WARM_LOOKUPS } from './prepare.ts';

describe('prepareTrust', () => {
  it('prepares every signing key of a small bundle (ES256 and SM2), up to the cap, and compiles the policy', async () => {
    const at = (d: number) => new Date(Date.UTC(2026, 0, 1 + d));
    const keys = await Promise.all([generateKeyPair('ES256'), generateKeyPair('SM2-SM3'), generateKeyPair('ES256')]);
    const bundle = buildBundle({
      version: 1,
      issuedAt: at(0),
      expiresAt: at(30),
      issuers: [{ id: '440000', kind: 'province', names: PROVINCES['440000']! }],
      keys: keys.map((k) => ({ issuer: '440000', jwk: k.publicJwk, validFrom: at(-1), validUntil: at(365) })),
    });
    const trust = indexBundle(bundle);
    const policy = BUILTIN_POLICIES.find((p) => p.rules.length > 0)!;
    expect(await prepareTrust(trust, policy)).toBe(3);
    expect(await prepareTrust(trust, undefined, 2)).toBe(2);
  });

  it('looks up the revocation sets ahead of the first scan, and only when there are some', async () => {
    const bundle = buildBundle({ version: 1, issuedAt: new Date(0), expiresAt: new Date(1e12), issuers: [], keys: [] });
    const asked: number[] = [];
    await prepareTrust(indexBundle(bundle, [{ has: (h) => (asked.push(h[0]!), false) }]));
    expect(asked).toHaveLength(WARM_LOOKUPS);
    // Spread over the buckets (a set's bucket is the hash's leading bits).
    expect(new Set(asked).size).toBe(WARM_LOOKUPS);
    asked.length = 0;
    await prepareTrust(indexBundle(bundle));
    expect(asked).toHaveLength(0);
  });
});
