import { describe, expect, it } from 'vitest';
import { BUILTIN_POLICIES, DEFAULT_POLICY } from './builtin-policies.ts';
import { parsePolicies } from './parse-policies.ts';
import { DEFAULT_POLICY_ID } from './policy.ts';

const TEXTS = { 'zh-CN': '须为绿码', en: 'Must be green' };
const rule = (over: Record<string, unknown> = {}) => ({ id: 'r1', reason: 'STATUS_RED', texts: TEXTS, logic: { '===': [{ var: 'credential.healthStatus' }, 'green'] }, ...over });
const policy = (over: Record<string, unknown> = {}) => ({ id: 'p1', names: { 'zh-CN': '规则', en: 'Policy' }, rules: [rule()], ...over });

/** The detail parsePolicies gives for a bad list, or a test failure when it accepts it. */
function rejection(input: unknown): string {
  const r = parsePolicies(input);
  if (r.ok) throw new Error('accepted');
  expect(r.reason.code).toBe('POLICY_INVALID');
  return r.reason.detail ?? '';
}

describe('parsePolicies', () => {
  it('accepts the built-in policies as JSON (as they travel in a bundle), default first', () => {
    const r = parsePolicies(JSON.parse(JSON.stringify(BUILTIN_POLICIES)));
    expect(r.ok && r.value.map((p) => p.id)).toEqual(['green-or-foreign', 'green', 'green-nat-24h', 'green-nat-48h', 'green-nat-72h', 'green-vaccinated', 'green-device-bound', 'international']);
    expect(DEFAULT_POLICY.id).toBe(DEFAULT_POLICY_ID);
    expect(BUILTIN_POLICIES[0]).toBe(DEFAULT_POLICY);
  });

  it('accepts an empty list (a bundle without policies) and a boolean rule', () => {
    expect(parsePolicies([]).ok).toBe(true);
    expect(parsePolicies([policy({ rules: [rule({ logic: true })] })]).ok).toBe(true);
  });

  it.each([
    ['not an array', { policies: [] }, /policies must be an array/],
    ['a policy that is not an object', ['green'], /policy 0: is not an object/],
    ['an unknown policy member', [policy({ priority: 1 })], /policy p1: unknown member priority/],
    ['a bad policy id', [policy({ id: 'has space' })], /policy 0: id must be/],
    ['duplicate policy ids', [policy(), policy()], /policy p1 is listed twice/],
    ['a missing English name', [policy({ names: { 'zh-CN': '规则' } })], /names needs non-empty zh-CN and en/],
    ['a blank name', [policy({ names: { 'zh-CN': ' ', en: 'P' } })], /names needs non-empty/],
    ['a name in a third language', [policy({ names: { 'zh-CN': '规则', en: 'P', fr: 'Règle' } })], /names has unknown language fr/],
    ['no rules', [policy({ rules: [] })], /rules must be a non-empty array/],
    ['duplicate rule ids', [policy({ rules: [rule(), rule()] })], /rule r1 is listed twice/],
    ['an unknown rule member', [policy({ rules: [rule({ severity: 'warn' })] })], /rule r1: unknown member severity/],
    ['a reason code that is not a policy reason', [policy({ rules: [rule({ reason: 'SIGNATURE_INVALID' })] })], /rule r1: reason must be one of/],
    ['an unknown reason code', [policy({ rules: [rule({ reason: 'TOO_TALL' })] })], /reason must be one of/],
    ['missing texts', [policy({ rules: [rule({ texts: undefined })] })], /rule r1: texts is missing/],
    ['a missing zh-CN text', [policy({ rules: [rule({ texts: { en: 'x' } })] })], /texts needs non-empty zh-CN and en/],
    ['missing logic', [policy({ rules: [{ id: 'r1', reason: 'STATUS_RED', texts: TEXTS }] })], /logic is missing/],
    ['an unknown operator', [policy({ rules: [rule({ logic: { or: [true, false] } })] })], /unrecognised operator: "or"/],
    ['a JsonLogic-only operator', [policy({ rules: [rule({ logic: { '==': [1, 1] } })] })], /unrecognised operator: "=="/],
    ['a wrong operand count', [policy({ rules: [rule({ logic: { '!': [true, false] } })] })], /exactly 1 operand/],
    ['a non-integer number', [policy({ rules: [rule({ logic: { '<': [1.5, 2] } })] })], /non-integer/],
    ['a bad plusTime unit', [policy({ rules: [rule({ logic: { after: [{ plusTime: [{ var: 'context.now' }, 1, 'minute'] }, { plusTime: [{ var: 'context.now' }, 0, 'day'] }] } })] })], /"unit" argument/],
    ['an object with two operators', [policy({ rules: [rule({ logic: { '!': [true], and: [true, true] } })] })], /exactly one key/],
    ['a literal array as the whole rule', [policy({ rules: [rule({ logic: [true] })] })], /logic must be a CertLogic operation/],
    ['a string as the whole rule', [policy({ rules: [rule({ logic: 'true' })] })], /logic must be a CertLogic operation/],
    ['a var outside credential/context', [policy({ rules: [rule({ logic: { '===': [{ var: 'holder.name' }, 'x'] } })] })], /var "holder.name" reads outside credential\/context/],
    ['the whole data as a var', [policy({ rules: [rule({ logic: { '===': [{ var: '' }, 'x'] } })] })], /reads outside/],
    [
      'outer data inside a reduce lambda (CertLogic gives a lambda none)',
      [policy({ rules: [rule({ logic: { reduce: [{ var: 'credential.tests' }, { var: 'context.now' }, false] } })] })],
      /var "context.now" reads outside current\/accumulator/,
    ],
    ['presentation that is not an object', [policy({ presentation: true })], /policy p1: presentation is not an object/],
    ['an unknown presentation member', [policy({ presentation: { windowSeconds: 60, slotSeconds: 10 } })], /presentation has unknown member slotSeconds/],
    ['a window below 10 s', [policy({ presentation: { windowSeconds: 9 } })], /windowSeconds must be a whole number from 10 to 600/],
    ['a window above 600 s', [policy({ presentation: { windowSeconds: 601 } })], /windowSeconds must be/],
    ['a window that is not whole seconds', [policy({ presentation: { windowSeconds: 30.5 } })], /windowSeconds must be/],
    ['a window as text', [policy({ presentation: { windowSeconds: '60' } })], /windowSeconds must be/],
    ['requireBound that is not a boolean', [policy({ presentation: { requireBound: 'yes' } })], /requireBound must be true or false/],
    ['current outside a reduce lambda', [policy({ rules: [rule({ logic: { '===': [{ var: 'current.result' }, 'x'] } })] })], /reads outside credential\/context/],
  ])('rejects %s', (_, input, why) => {
    expect(rejection(input)).toMatch(why);
  });

  it('accepts presentation settings within bounds, each optional', () => {
    for (const presentation of [{}, { windowSeconds: 10 }, { windowSeconds: 600 }, { requireBound: false }, { windowSeconds: 90, requireBound: true }])
      expect(parsePolicies([policy({ presentation })]).ok).toBe(true);
  });

  it('rejects logic nested too deeply or too large, without overflowing the stack', () => {
    let deep: unknown = true;
    for (let i = 0; i < 100_000; i++) deep = { '!': [deep] };
    expect(rejection([policy({ rules: [rule({ logic: deep })] })])).toMatch(/nests deeper than/);
    const wide = { and: Array.from({ length: 5000 }, () => true) };
    expect(rejection([policy({ rules: [rule({ logic: wide })] })])).toMatch(/more than 4000 nodes/);
  });
});
