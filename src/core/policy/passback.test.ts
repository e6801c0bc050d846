import { describe, expect, it } from 'vitest';
import { passVerdict, type HolderFields } from '../../../test/support/verdicts.ts';
import type { Verdict } from '../model/verdict.ts';
import { decidePassback, passbackSubject } from './passback.ts';

const MIN = 60_000;

const pass = (holder: HolderFields, issuer = '440000'): Verdict => passVerdict(holder, issuer);

/** A gate's memory of passes, keyed by the subject itself (the app hashes it; the decision does not care). */
function gate(windowMs: number) {
  const recentPasses = new Map<string, number>();
  return (verdict: Verdict, now: number) => {
    const holderKey = passbackSubject(verdict);
    const d = decidePassback({ verdict, holderKey, recentPasses, now, windowMs });
    if (d.enters && holderKey) recentPasses.set(holderKey, now);
    return d;
  };
}

describe('passbackSubject', () => {
  const zhang = { name: '张小三', birthDate: '1990-05-17', idTail: '123X' };
  it('keys a PASS by issuer and holder; other issuers and other people differ', () => {
    const a = passbackSubject(pass(zhang));
    expect(a).not.toBeNull();
    expect(passbackSubject(pass(zhang))).toBe(a);
    expect(passbackSubject(pass(zhang, '310000'))).not.toBe(a);
    expect(passbackSubject(pass({ ...zhang, idTail: '9999' }))).not.toBe(a);
  });
  it('is null for a FAIL, a verdict without credential, and a holder with nothing to tell apart', () => {
    expect(passbackSubject({ ...pass(zhang), outcome: 'FAIL' })).toBeNull();
    expect(passbackSubject({ ...pass(zhang), credential: undefined } as unknown as Verdict)).toBeNull();
    expect(passbackSubject(pass({}))).toBeNull();
  });
});

describe('decidePassback', () => {
  const zhang = { name: '张小三', birthDate: '1990-05-17', idTail: '123X' };

  it('a second PASS of the same holder within the window is FAIL PASSBACK, with the minutes since', () => {
    const g = gate(10 * MIN);
    expect(g(pass(zhang), 0)).toEqual({ verdict: pass(zhang), enters: true });
    const again = g(pass(zhang), 4 * MIN);
    expect(again.enters).toBe(false);
    expect(again.verdict.outcome).toBe('FAIL');
    expect(again.verdict.reasons).toEqual([{ code: 'PASSBACK', detail: 'same holder passed 4 min ago' }]);
    // A refused entry does not restart the window: still counted from the first pass.
    expect(g(pass(zhang), 6 * MIN).verdict.reasons[0]!.detail).toBe('same holder passed 6 min ago');
    // Under a minute still says 1 min; the credential stays for the result screen.
    const soon = gate(10 * MIN);
    soon(pass(zhang), 0);
    expect(soon(pass(zhang), 1000).verdict.reasons[0]!.detail).toBe('same holder passed 1 min ago');
    expect(again.verdict.credential).toEqual(pass(zhang).credential);
  });

  it('other people, other issuers, and the same person once the window is over pass', () => {
    const g = gate(10 * MIN);
    g(pass(zhang), 0);
    expect(g(pass({ ...zhang, idTail: '9999' }), MIN).verdict.outcome).toBe('PASS');
    expect(g(pass(zhang, '310000'), MIN).verdict.outcome).toBe('PASS');
    expect(g(pass(zhang), 10 * MIN).verdict.outcome).toBe('PASS');
  });

  it('a FAIL is no entry; a window of 0 turns it off; no holder key never blocks', () => {
    const g = gate(10 * MIN);
    const fail: Verdict = { ...pass(zhang), outcome: 'FAIL', reasons: [{ code: 'STATUS_RED' }] };
    expect(g(fail, 0)).toEqual({ verdict: fail, enters: false });
    expect(g(pass(zhang), MIN).verdict.outcome).toBe('PASS');
    const off = gate(0);
    off(pass(zhang), 0);
    expect(off(pass(zhang), MIN)).toEqual({ verdict: pass(zhang), enters: false });
    const recentPasses = new Map([['k', 0]]);
    expect(decidePassback({ verdict: pass({}), holderKey: null, recentPasses, now: 1, windowMs: MIN }).verdict.outcome).toBe('PASS');
  });

  it('a clock set back behind the last entry still refuses a second entry', () => {
    const recentPasses = new Map([['k', 5 * MIN]]);
    const d = decidePassback({ verdict: pass(zhang), holderKey: 'k', recentPasses, now: 2 * MIN, windowMs: 10 * MIN });
    expect(d.verdict.reasons.map((r) => r.code)).toEqual(['PASSBACK']);
  });
});
