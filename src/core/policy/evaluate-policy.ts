/**
 * evaluatePolicy: runs a policy's CertLogic rules (compiled once, run-certlogic.ts) over a credential. Rules see plain JSON without
 * personal data (no holder, no key or code id) and instants in one canonical form (UTC ISO), so a
 * rule never deals with time-zone offsets.
 */
import { evaluateLogic } from './run-certlogic.ts';
import type { Credential } from '../model/credential.ts';
import { isKnownPass, isKnownRecovery, isKnownTest, isKnownVaccination } from '../model/understood.ts';
import type { Reason } from '../model/reasons.ts';
import type { Policy } from './policy.ts';

export interface PolicyContext {
  now: Date;
  /** The bundle the policy came from, when there is one. */
  trust?: { version: number } | null;
}

/** What a rule reads as `credential`: the normalised credential minus everything personal. */
export interface PolicyCredential {
  format: string;
  issuer: { id: string; kind: string };
  issuedAt: string;
  notBefore?: string;
  expiresAt?: string;
  healthStatus?: string;
  tests: { type: string; result: string; sampledAt: string }[];
  vaccinations: { dose: number; of: number; date: string; product: string }[];
  recoveries: { validFrom: string; validUntil: string }[];
  /** Passes (e.g. an NZ COVID Pass): the issuer's statement that the holder meets its rules until validUntil. */
  passes: { type: string; validUntil: string }[];
  kinds: string[];
  /** How many event records the code holds that were not understood (and so are not listed above). */
  unknownEvidence: number;
}

/** An instant as UTC ISO; left as it was when unparseable, so a rule reading it errs (and fails closed). */
const instant = (s: string): string => {
  const t = Date.parse(s);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
};

export function policyCredential(c: Credential): PolicyCredential {
  return {
    format: c.format,
    issuer: { id: c.issuer.id, kind: c.issuer.kind },
    issuedAt: instant(c.issuedAt),
    ...(c.notBefore ? { notBefore: instant(c.notBefore) } : {}),
    ...(c.expiresAt ? { expiresAt: instant(c.expiresAt) } : {}),
    ...(c.healthStatus ? { healthStatus: c.healthStatus } : {}),
    // Only understood records: unknown evidence can never qualify, whatever a rule says.
    tests: c.tests.filter(isKnownTest).map((t) => ({ type: t.type, result: t.result, sampledAt: instant(t.sampledAt) })),
    // Dates stay calendar dates: CertLogic reads "YYYY-MM-DD" as UTC midnight.
    vaccinations: c.vaccinations.filter(isKnownVaccination).map((x) => ({ dose: x.dose, of: x.of, date: x.date, product: x.product })),
    recoveries: c.recoveries.filter(isKnownRecovery).map((r) => ({ validFrom: r.validFrom, validUntil: r.validUntil })),
    passes: (c.passes ?? []).filter(isKnownPass).map((p) => ({ type: p.type, validUntil: instant(p.validUntil) })),
    kinds: [...c.kinds],
    unknownEvidence:
      c.tests.filter((t) => !isKnownTest(t)).length +
      c.vaccinations.filter((x) => !isKnownVaccination(x)).length +
      c.recoveries.filter((r) => !isKnownRecovery(r)).length +
      (c.passes ?? []).filter((p) => !isKnownPass(p)).length,
  };
}

/** The failed rules, as reasons carrying the rule's id and texts. Empty when every rule holds. */
export function evaluatePolicy(policy: Policy, credential: Credential, ctx: PolicyContext): Reason[] {
  const data = {
    credential: policyCredential(credential),
    context: { now: ctx.now.toISOString(), checkpoint: { policy: policy.id }, trust: ctx.trust ? { version: ctx.trust.version } : null },
  };
  const reasons: Reason[] = [];
  for (const r of policy.rules) {
    const rule = { id: r.id, texts: r.texts };
    const evaluated = evaluateLogic(r.logic, data);
    if (!evaluated.ok) {
      reasons.push({ code: 'POLICY_RULE_ERROR', detail: `rule ${r.id}: ${evaluated.reason.detail}`, rule });
      continue;
    }
    const value = evaluated.value;
    if (value === false) reasons.push({ code: r.reason, rule });
    else if (value !== true) reasons.push({ code: 'POLICY_RULE_ERROR', detail: `rule ${r.id}: result is not a boolean`, rule });
  }
  return reasons;
}
