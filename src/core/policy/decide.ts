/** decide: time validity and the checkpoint policy, over a normalised credential. */
import type { Credential } from '../model/credential.ts';
import type { Reason } from '../model/reasons.ts';
import type { Policy } from './policy.ts';

/** Device and issuer clocks disagree a little; a code issued up to this far ahead is accepted. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function decide(credential: Credential, policy: Policy, now: Date): Reason[] {
  const reasons: Reason[] = [];
  const t = now.getTime();
  if (credential.expiresAt && Date.parse(credential.expiresAt) <= t)
    reasons.push({ code: 'CODE_EXPIRED', detail: `expired at ${credential.expiresAt}` });
  if (Date.parse(credential.issuedAt) > t + CLOCK_SKEW_MS)
    reasons.push({ code: 'NOT_YET_VALID', detail: `issued at ${credential.issuedAt}` });
  else if (credential.notBefore && Date.parse(credential.notBefore) > t + CLOCK_SKEW_MS)
    reasons.push({ code: 'NOT_YET_VALID', detail: `valid from ${credential.notBefore}` });

  const status = credential.healthStatus;
  if (!status) reasons.push(...judgeEvidence(credential, t));
  else if (!policy.acceptStatus.includes(status)) {
    if (status === 'red') reasons.push({ code: 'STATUS_RED' });
    else if (status === 'yellow') reasons.push({ code: 'STATUS_YELLOW' });
    else reasons.push({ code: 'NO_QUALIFYING_EVIDENCE', detail: `status ${status} not accepted` });
  }
  return reasons;
}

const END_OF_DAY_MS = 86_400_000;

/** A credential without a status colour: a positive test fails it; otherwise some current evidence must be there. */
function judgeEvidence(c: Credential, t: number): Reason[] {
  if (c.tests.some((x) => x.result === 'positive')) return [{ code: 'TEST_POSITIVE' }];
  // Recovery dates are calendar days (UTC midnight when parsed); validUntil holds through the end of its day.
  const recovered = c.recoveries.some((r) => Date.parse(r.validFrom) <= t && t < Date.parse(r.validUntil) + END_OF_DAY_MS);
  if (c.vaccinations.length || c.tests.some((x) => x.result === 'negative') || recovered) return [];
  return [{ code: 'NO_QUALIFYING_EVIDENCE', detail: 'no vaccination, negative test or current recovery' }];
}
