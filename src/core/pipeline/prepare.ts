/**
 * Ahead of the first scan: the first code a gate checks should not pay for importing its issuer's
 * key or compiling the checkpoint's policy (measured at 6× CPU: a first verification took 17–27 ms,
 * later ones 6–12). Prepares the bundle's signing keys (up to `maxKeys`: a national bundle holds
 * thousands, and each stays imported for the bundle's life), compiles the policy's rules, and runs
 * a few lookups in the revocation sets: their decoding loop is on every scan's path, and its first
 * runs were the slowest part of a first scan's verification (4.5 ms at 6× CPU, a trace of the app).
 * Costs nothing a scan would not: the same caches a scan fills.
 */
import type { Policy } from '../policy/policy.ts';
import { prepareLogic } from '../policy/run-certlogic.ts';
import { prepareKey } from '../crypto/verify-signature.ts';
import type { Trust } from '../trust/trust-index.ts';

/** Enough for a province's or a country's own issuers; a bigger bundle's other keys import on first use. */
export const PREPARED_KEYS_MAX = 64;

/** Lookups of made-up hashes, spread over the sets' buckets (their answers are not used). */
export const WARM_LOOKUPS = 16;

/** Resolves to the number of keys prepared. */
export async function prepareTrust(trust: Trust, policy?: Policy, maxKeys = PREPARED_KEYS_MAX): Promise<number> {
  for (const rule of policy?.rules ?? []) prepareLogic(rule.logic);
  if (trust.revokes)
    for (let i = 0; i < WARM_LOOKUPS; i++) {
      const hash = new Uint8Array(32).fill(i);
      hash[0] = (i * 256) / WARM_LOOKUPS;
      trust.isRevoked(hash);
    }
  const keys = trust.bundle.keys.filter((k) => k.role !== 'ca').slice(0, maxKeys);
  const done = await Promise.all(keys.map((k) => prepareKey(k.alg, k.jwk)));
  return done.filter(Boolean).length;
}
