import { describe, expect, it } from 'vitest';
import type { Credential } from '../model/credential.ts';
import { BUILTIN_POLICIES } from './builtin-policies.ts';
import { evaluatePolicy, policyCredential } from './evaluate-policy.ts';
import type { CertLogicJson, Policy, PolicyRule } from './policy.ts';

const NOW = new Date('2024-05-10T12:00:00Z');
const TEXTS = { 'zh-CN': '须有检测', en: 'Needs a test' };
const green: Credential = {
  format: 'cn-hc',
  issuer: { id: '440000', kind: 'province' },
  keyId: 'k1',
  codeId: 'c0ffee',
  issuedAt: '2024-05-10T19:50:00+08:00',
  expiresAt: '2024-05-11T12:00:00Z',
  holder: { name: '张小三', idTail: '123X', birthDate: '1990-05-17' },
  healthStatus: 'green',
  tests: [{ type: 'NAT', result: 'negative', sampledAt: '2024-05-10T08:00+08:00' }],
  vaccinations: [],
  recoveries: [],
  kinds: ['health-status', 'test'],
};
const withRule = (logic: PolicyRule['logic']): Policy => ({ id: 'p', names: { 'zh-CN': '规则', en: 'P' }, rules: [{ id: 'r', reason: 'NAT_REQUIRED', texts: TEXTS, logic }] });

describe('evaluatePolicy', () => {
  it('a rule that is false fails with its own reason code and texts', () => {
    expect(evaluatePolicy(withRule(false), green, { now: NOW })).toEqual([{ code: 'NAT_REQUIRED', rule: { id: 'r', texts: TEXTS } }]);
    expect(evaluatePolicy(withRule(true), green, { now: NOW })).toEqual([]);
  });

  it('a rule that throws fails as POLICY_RULE_ERROR, naming the rule', () => {
    // An "if" without its else branch is well-formed JSON but CertLogic refuses to evaluate it.
    const [r] = evaluatePolicy(withRule({ if: [true, true] }), green, { now: NOW });
    expect(r).toMatchObject({ code: 'POLICY_RULE_ERROR', rule: { id: 'r', texts: TEXTS } });
    expect(r?.detail).toMatch(/^rule r: an if-operation must have an else/);
    // A date that CertLogic cannot read (the credential's, unparseable): fails closed too.
    const bad = { ...green, tests: [{ ...green.tests[0]!, sampledAt: 'yesterday' }] };
    expect(evaluatePolicy(BUILTIN_POLICIES.find((p) => p.id === 'green-nat-24h')!, bad, { now: NOW }).map((x) => x.code)).toEqual(['POLICY_RULE_ERROR', 'POLICY_RULE_ERROR']);
  });

  it('a rule that yields a non-boolean (even a truthy one) fails as POLICY_RULE_ERROR', () => {
    const logics: CertLogicJson[] = [{ var: 'credential.healthStatus' }, { '+': [1, 2] }, { plusTime: [{ var: 'context.now' }, 0, 'day'] }, { var: 'credential.missing' }];
    for (const logic of logics) {
      const [r, ...more] = evaluatePolicy(withRule(logic), green, { now: NOW });
      expect(more).toEqual([]);
      expect(r).toMatchObject({ code: 'POLICY_RULE_ERROR', detail: 'rule r: result is not a boolean' });
    }
  });

  it('one failing rule does not stop the others', () => {
    const p: Policy = { ...withRule(false), rules: [withRule({ if: [true, true] }).rules[0]!, { ...withRule(false).rules[0]!, id: 'r2' }, { ...withRule(true).rules[0]!, id: 'r3' }] };
    expect(evaluatePolicy(p, green, { now: NOW }).map((r) => `${r.code}:${r.rule?.id}`)).toEqual(['POLICY_RULE_ERROR:r', 'NAT_REQUIRED:r2']);
  });

  it('rules see no personal data, and instants in UTC', () => {
    const seen = policyCredential(green);
    expect(JSON.stringify(seen)).not.toMatch(/张小三|123X|1990|c0ffee|k1/);
    expect(seen.tests[0]!.sampledAt).toBe('2024-05-10T00:00:00.000Z');
    expect(seen.issuedAt).toBe('2024-05-10T11:50:00.000Z');
  });

  it('rules read context.now, the policy id and the bundle version', () => {
    const logic: CertLogicJson = { and: [{ '===': [{ var: 'context.checkpoint.policy' }, 'p'] }, { '===': [{ var: 'context.trust.version' }, 7] }, { 'not-before': [{ plusTime: [{ var: 'context.now' }, 0, 'day'] }, { plusTime: ['2024-05-10T12:00:00Z', 0, 'day'] }] }] };
    expect(evaluatePolicy(withRule(logic), green, { now: NOW, trust: { version: 7 } })).toEqual([]);
    expect(evaluatePolicy(withRule(logic), green, { now: NOW, trust: null }).map((r) => r.code)).toEqual(['NAT_REQUIRED']);
  });
});
