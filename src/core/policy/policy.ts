/**
 * A checkpoint policy: what a gate requires beyond a valid, trusted, current code. Policies are
 * signed data in the trust bundle (docs/policies.md): named rules in CertLogic, each with the
 * reason code and the texts a failed rule shows.
 */
import type { ReasonCode } from '../model/reasons.ts';
import type { LocalizedName } from '../model/verdict.ts';

/** Reason codes a policy rule may name when it fails: the policy-stage subset of REASON_CODES. */
export const POLICY_REASON_CODES = ['STATUS_RED', 'STATUS_YELLOW', 'TEST_POSITIVE', 'STATUS_REQUIRED', 'NAT_REQUIRED', 'NAT_TOO_OLD', 'VACCINATION_INCOMPLETE', 'NO_QUALIFYING_EVIDENCE'] as const satisfies readonly ReasonCode[];

export type PolicyReasonCode = (typeof POLICY_REASON_CODES)[number];

/** JSON as CertLogic reads it; parsePolicies() checks it is a well-formed CertLogic expression. */
export type CertLogicJson = boolean | number | string | CertLogicJson[] | { [op: string]: CertLogicJson };

export interface PolicyRule {
  /** Unique within its policy; named in verdict details and logs. */
  id: string;
  /** The reason a verdict carries when the rule evaluates to false. */
  reason: PolicyReasonCode;
  /** What the gate shows when the rule fails (more specific than the reason code's text). */
  texts: LocalizedName;
  /**
   * CertLogic over `{ credential, context: { now, checkpoint, trust } }`; the rule holds exactly when
   * it evaluates to `true`. Anything else — false, a non-boolean, an error — fails the verdict.
   */
  logic: CertLogicJson;
}

/** How the gate treats device-bound codes and their live presentations (CN v1.1; docs/policies.md). */
export interface PresentationPolicy {
  /** How far (seconds, 10..600) a presentation's time slot may lie from the gate's clock; default 60. */
  windowSeconds?: number;
  /** Unbound codes fail here (PRESENTATION_REQUIRED): only a live presentation of a bound code passes. */
  requireBound?: boolean;
}

export interface Policy {
  id: string;
  names: LocalizedName;
  /** All must hold. Evaluated independently, so a verdict lists every failed rule. */
  rules: PolicyRule[];
  presentation?: PresentationPolicy;
}

/**
 * The policy a gate applies when its settings name none: a green domestic code, or a foreign
 * certificate (no status colour) with current evidence. It keeps the behaviour gates had before
 * policies were data. A bundle without it falls back to its first policy (select-policy.ts).
 */
export const DEFAULT_POLICY_ID = 'green-or-foreign';

export { DEFAULT_POLICY } from './builtin-policies.ts';
