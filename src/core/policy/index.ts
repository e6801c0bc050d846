/** Checkpoint policies as data (docs/policies.md): the entry points other modules and tools use. */
export { BUILTIN_POLICIES, DEFAULT_POLICY } from './builtin-policies.ts';
export { decide, CLOCK_SKEW_MS } from './decide.ts';
export { evaluatePolicy, policyCredential, type PolicyContext, type PolicyCredential } from './evaluate-policy.ts';
export { parsePolicies, type PolicyErrorCode } from './parse-policies.ts';
export { DEFAULT_POLICY_ID, POLICY_REASON_CODES, type CertLogicJson, type Policy, type PolicyReasonCode, type PolicyRule } from './policy.ts';
export { defaultPolicyOf, findPolicy, policiesOf } from './select-policy.ts';
