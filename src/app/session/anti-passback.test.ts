import { describe, expect, it } from 'vitest';
import { passVerdict, type HolderFields } from '../../../test/support/verdicts.ts';
import type { Verdict } from '../../core/model/verdict.ts';
import { AntiPassback } from './anti-passback.ts';

const MIN = 60_000;

const pass = (holder: HolderFields, issuer = '440000'): Verdict => passVerdict(holder, issuer);

describe('anti-passback', () => {
  const zhang = { name: '张小三', birthDate: '1990-05-17', idTail: '123X' };

  it('a second PASS of the same holder within the window is FAIL PASSBACK, even with another code', async () => {
    const ap = new AntiPassback(10 * MIN);
    expect((await ap.apply(pass(zhang), 0)).outcome).toBe('PASS');
    const again = await ap.apply(pass(zhang), 4 * MIN);
    expect(again.outcome).toBe('FAIL');
    expect(again.reasons.map((r) => r.code)).toEqual(['PASSBACK']);
    expect(again.reasons[0]!.detail).toBe('same holder passed 4 min ago');
  });

  it('other people, other issuers, and the same person after the window pass', async () => {
    const ap = new AntiPassback(10 * MIN);
    await ap.apply(pass(zhang), 0);
    expect((await ap.apply(pass({ ...zhang, idTail: '9999' }), MIN)).outcome).toBe('PASS');
    expect((await ap.apply(pass(zhang, '310000'), MIN)).outcome).toBe('PASS');
    expect((await ap.apply(pass(zhang), 10 * MIN)).outcome).toBe('PASS');
  });

  it('a FAIL does not count as an entry; a window of 0 turns it off', async () => {
    const ap = new AntiPassback(10 * MIN);
    await ap.apply({ ...pass(zhang), outcome: 'FAIL', reasons: [{ code: 'STATUS_RED' }] }, 0);
    expect((await ap.apply(pass(zhang), MIN)).outcome).toBe('PASS');
    const off = new AntiPassback(0);
    await off.apply(pass(zhang), 0);
    expect((await off.apply(pass(zhang), MIN)).outcome).toBe('PASS');
  });

  it('keeps no holder data: only salted hashes', async () => {
    const ap = new AntiPassback(10 * MIN);
    await ap.apply(pass(zhang), 0);
    const inside = JSON.stringify([...(ap as unknown as { entries: Map<string, number> }).entries.keys()]);
    expect(inside).not.toContain('张');
    expect(inside).not.toContain('123X');
    expect(inside).not.toContain('1990');
  });
});
