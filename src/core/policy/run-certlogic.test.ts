import { describe, expect, it } from 'vitest';
import { evaluateLogic } from './run-certlogic.ts';

describe('evaluateLogic: CertLogic evaluation as a Result', () => {
  it('gives the value of a rule', () => {
    expect(evaluateLogic({ '>': [{ var: 'n' }, 1] }, { n: 2 })).toEqual({ ok: true, value: true });
    expect(evaluateLogic(7, null)).toEqual({ ok: true, value: 7 });
  });

  it('turns certlogic-js errors into POLICY_RULE_ERROR with the message', () => {
    expect(evaluateLogic({ nope: [1] }, {})).toEqual({ ok: false, reason: { code: 'POLICY_RULE_ERROR', detail: 'unrecognised operator: "nope"' } });
    expect(evaluateLogic({ '<': [{ var: 'a' }, 1] }, { a: 'x' })).toEqual({ ok: false, reason: { code: 'POLICY_RULE_ERROR', detail: 'all operands of a comparison operation must be of integer type' } });
  });

  it('compiles a logic object once and evaluates it again the same way', () => {
    const logic = { and: [{ var: 'a' }, { var: 'b' }] };
    expect(evaluateLogic(logic, { a: true, b: true })).toEqual({ ok: true, value: true });
    expect(evaluateLogic(logic, { a: true, b: false })).toEqual({ ok: true, value: false });
  });
});
