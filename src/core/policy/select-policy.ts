/**
 * Which policies a gate offers and which it applies. A bundle's policies replace the built-in
 * ones entirely; a bundle without any (made before policies were data) gets the built-in copies.
 */
import type { TrustBundle } from '../trust/bundle.ts';
import { BUILTIN_POLICIES } from './builtin-policies.ts';
import { DEFAULT_POLICY_ID, type Policy } from './policy.ts';

export function policiesOf(bundle: Pick<TrustBundle, 'policies'> | null | undefined): Policy[] {
  return bundle && bundle.policies.length > 0 ? bundle.policies : BUILTIN_POLICIES;
}

/** The policy applied when none is chosen (or the chosen one is gone): DEFAULT_POLICY_ID, else the publisher's first. */
export function defaultPolicyOf(policies: readonly Policy[]): Policy {
  return policies.find((p) => p.id === DEFAULT_POLICY_ID) ?? policies[0] ?? BUILTIN_POLICIES[0]!;
}

export function findPolicy(policies: readonly Policy[], id: string): Policy | undefined {
  return policies.find((p) => p.id === id);
}
