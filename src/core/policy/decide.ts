/** decide: time validity (code, not policy) and then the checkpoint policy, over a normalised credential. */
import type { Credential } from '../model/credential.ts';
import type { Reason } from '../model/reasons.ts';
import { evaluatePolicy } from './evaluate-policy.ts';
import type { Policy } from './policy.ts';
import { bindingReasons } from './presentation.ts';

/** Device and issuer clocks disagree a little; a code issued up to this far ahead is accepted. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function decide(credential: Credential, policy: Policy, now: Date, trust?: { version: number } | null): Reason[] {
  const reasons: Reason[] = [];
  const t = now.getTime();
  if (credential.expiresAt && Date.parse(credential.expiresAt) <= t)
    reasons.push({ code: 'CODE_EXPIRED', detail: `expired at ${credential.expiresAt}` });
  if (Date.parse(credential.issuedAt) > t + CLOCK_SKEW_MS)
    reasons.push({ code: 'NOT_YET_VALID', detail: `issued at ${credential.issuedAt}` });
  else if (credential.notBefore && Date.parse(credential.notBefore) > t + CLOCK_SKEW_MS)
    reasons.push({ code: 'NOT_YET_VALID', detail: `valid from ${credential.notBefore}` });

  // Everything beyond validity in time is the checkpoint policy's, as signed data.
  reasons.push(...bindingReasons(credential, policy));
  reasons.push(...evaluatePolicy(policy, credential, { now, trust }));
  return reasons;
}
