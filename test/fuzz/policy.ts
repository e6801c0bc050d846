/**
 * The policy engine under attack: random CertLogic trees (well-formed and not), mutated built-in
 * policies, and credentials with odd dates and values. parsePolicies must never throw; a policy it
 * accepts must evaluate without throwing, every reason it yields must be the rule's own reason or
 * POLICY_RULE_ERROR (a rule that errs or yields a non-boolean fails closed), and `decide` likewise.
 */
import fc from 'fast-check';
import { FORMATS } from '../../src/core/formats/registry.ts';
import type { Credential } from '../../src/core/model/credential.ts';
import { BUILTIN_POLICIES } from '../../src/core/policy/builtin-policies.ts';
import { decide } from '../../src/core/policy/decide.ts';
import { evaluatePolicy } from '../../src/core/policy/evaluate-policy.ts';
import { parsePolicies } from '../../src/core/policy/parse-policies.ts';
import { POLICY_REASON_CODES, type CertLogicJson, type Policy } from '../../src/core/policy/policy.ts';
import { newStats, type Stats } from './harness.ts';

const OPS = ['if', '===', 'and', '<', '>', '<=', '>=', 'in', '+', '!', 'not-after', 'before', 'after', 'not-before', 'plusTime', 'reduce', 'extractFromUVCI', 'dccDateOfBirth', 'var', 'or', '==', 'unknown-op'];
const VARS = ['credential.healthStatus', 'credential.tests', 'credential.tests.0.sampledAt', 'credential.vaccinations.0.dose', 'context.now', 'current', 'accumulator', 'credential', 'x.y.z', '', 'credential.kinds'];
const ISO = fc.constantFrom('2025-06-01T08:00:00.000Z', '2025-06-01', '9999-12-31', '+275760-09-13T00:00:00Z', '', 'not a date', '2021-02-30', '0000-01-01T00:00:00Z', '2025-06-01T08:00:00+99:00');

const logic: fc.Arbitrary<CertLogicJson> = fc.letrec<{ node: CertLogicJson }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.boolean(), fc.integer(), fc.double(), fc.string({ maxLength: 8 }), ISO, fc.constantFrom<CertLogicJson>('NAT', 'green', 'negative', 'hour', 'day')),
    fc.record({ var: fc.constantFrom(...VARS) }) as fc.Arbitrary<CertLogicJson>,
    fc.tuple(fc.constantFrom(...OPS), fc.array(tie('node'), { maxLength: 4 })).map(([op, args]) => ({ [op]: op === 'var' ? (args[0] ?? 'x') : args }) as CertLogicJson),
    fc.array(tie('node'), { maxLength: 3 }),
  ),
})).node;

const texts = { 'zh-CN': '规则', en: 'rule' };
const policyArb: fc.Arbitrary<unknown> = fc.oneof(
  // Random rules in a well-formed envelope.
  fc.array(fc.tuple(logic, fc.constantFrom(...POLICY_REASON_CODES, 'PASS', 'INTERNAL_ERROR')), { minLength: 1, maxLength: 4 }).map((rules) => [
    { id: 'fuzz', names: texts, rules: rules.map(([l, reason], i) => ({ id: `r${i}`, reason, texts, logic: l })) },
  ]),
  // A built-in policy with one rule's logic replaced or one field broken.
  fc.tuple(fc.nat(), fc.nat(), logic, fc.constantFrom('logic', 'id', 'reason', 'texts', 'rules', 'names')).map(([pi, ri, l, field]) => {
    const p = structuredClone(BUILTIN_POLICIES[pi % BUILTIN_POLICIES.length]!) as Policy & Record<string, unknown>;
    const rule = p.rules[ri % p.rules.length] as unknown as Record<string, unknown>;
    if (field === 'logic') rule.logic = l;
    else if (field === 'rules' || field === 'names') (p as Record<string, unknown>)[field] = l;
    else rule[field] = l;
    return [p];
  }),
  // Anything at all.
  fc.jsonValue({ maxDepth: 6 }),
);

const credentialArb: fc.Arbitrary<Credential> = fc.record({
  format: fc.constantFrom(...FORMATS.map((f) => f.id)),
  issuer: fc.record({ id: fc.constantFrom('440000', 'DE'), kind: fc.constantFrom('province' as const, 'country' as const) }),
  issuedAt: ISO,
  expiresAt: ISO,
  healthStatus: fc.constantFrom('green' as const, 'yellow' as const, 'red' as const),
  holder: fc.constant({}),
  tests: fc.array(fc.record({ type: fc.constantFrom('NAT' as const, 'RAT' as const), result: fc.constantFrom('negative' as const, 'positive' as const), sampledAt: ISO }), { maxLength: 3 }),
  vaccinations: fc.array(fc.record({ dose: fc.integer({ min: -1, max: 2 ** 31 }), of: fc.integer({ min: 0, max: 99 }), date: ISO, product: fc.string({ maxLength: 12 }) }), { maxLength: 3 }),
  recoveries: fc.array(fc.record({ validFrom: ISO, validUntil: ISO }), { maxLength: 2 }),
  kinds: fc.constant(['health-status' as const]),
}) as unknown as fc.Arbitrary<Credential>;

// decide() also judges a live presentation (CN v1.1): PRESENTATION_REQUIRED and _STALE are its reasons too.
const ALLOWED = new Set<string>([...POLICY_REASON_CODES, 'POLICY_RULE_ERROR', 'CODE_EXPIRED', 'NOT_YET_VALID', 'PRESENTATION_REQUIRED', 'PRESENTATION_STALE']);

export async function drivePolicies(o: { numRuns: number; seed: number; stopOnViolation: boolean; stats?: Stats }): Promise<Stats> {
  const stats = o.stats ?? newStats();
  const nowArb = fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true });
  fc.assert(
    fc.property(policyArb, credentialArb, nowArb, (input, credential, now) => {
      const t0 = performance.now();
      stats.inputs++;
      let violation: string | null = null;
      try {
        const parsed = parsePolicies(input);
        const key = parsed.ok ? 'parsed' : 'rejected';
        const m = (stats.byMutator[key] ??= { n: 0, pass: 0 });
        m.n++;
        if (parsed.ok)
          for (const policy of parsed.value) {
            const reasons = [...evaluatePolicy(policy, credential, { now }), ...decide(credential, policy, now)];
            for (const r of reasons) {
              stats.reasons[r.code] = (stats.reasons[r.code] ?? 0) + 1;
              if (!ALLOWED.has(r.code)) violation = `reason ${r.code} from a policy`;
              if (r.code === 'POLICY_RULE_ERROR' && !r.rule) violation = 'rule error without its rule';
              // Never asked of a code the policy lets through unbound, and never stale without a presentation.
              if (r.code === 'PRESENTATION_REQUIRED' && !policy.presentation?.requireBound && !credential.deviceBound) violation = 'presentation required by a policy that does not require one';
              if (r.code === 'PRESENTATION_STALE' && !credential.deviceBound?.presentedAt) violation = 'stale without a presentation';
            }
            if (reasons.length === 0) {
              m.pass++;
              stats.passes++;
            }
          }
      } catch (e) {
        stats.exceptions++;
        violation = `exception ${e instanceof Error ? e.name : typeof e}`;
      }
      const ms = performance.now() - t0;
      if (ms > stats.maxMs) stats.maxMs = ms;
      if (violation) {
        stats.violations++;
        if (stats.examples.length < 20) stats.examples.push(violation);
        if (o.stopOnViolation) throw new Error(violation);
      }
    }),
    { seed: o.seed, numRuns: o.numRuns, endOnFailure: true },
  );
  return stats;
}
