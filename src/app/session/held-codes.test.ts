import { describe, expect, it } from 'vitest';
import { codeKey, GONE_MS, HeldCodes } from './held-codes.ts';

/** Sightings of `key` every `step` ms over [from, to): a code held in front of the camera. */
function hold(h: HeldCodes, key: string, from: number, to: number, step = 100) {
  const claims: number[] = [];
  for (let t = from; t < to; t += step) if (h.claim(key, t)) claims.push(t);
  return claims;
}

describe('held codes: a code is judged once while it stays in view', () => {
  it('a code held for 20 s is judged once, not once per result screen', () => {
    const h = new HeldCodes();
    expect(hold(h, 'a', 0, 20_000)).toEqual([0]);
  });

  it('the same code shown again after it left view (not read for GONE_MS) is judged again', () => {
    const h = new HeldCodes();
    expect(hold(h, 'a', 0, 3000)).toEqual([0]);
    // Last read at 2900; away for less than GONE_MS: still the same showing.
    expect(h.claim('a', 2900 + GONE_MS - 1)).toBe(false);
    // Away for GONE_MS: a new showing.
    expect(h.claim('a', 2900 + GONE_MS - 1 + GONE_MS)).toBe(true);
  });

  it('frames that miss the code now and then do not make it leave', () => {
    const h = new HeldCodes();
    let judged = 0;
    // Read only every 4th frame (glare, motion): gaps of 400 ms, well under GONE_MS.
    for (let t = 0; t < 20_000; t += 400) if (h.claim('a', t)) judged++;
    expect(judged).toBe(1);
  });

  it('a different code is judged at once; two codes in view at the same time are each judged once', () => {
    const h = new HeldCodes();
    expect(h.claim('a', 0)).toBe(true);
    expect(h.claim('b', 100)).toBe(true);
    // Both in the frame, the reader returning one or the other: no ping-pong of verdicts.
    const claims: string[] = [];
    for (let t = 200; t < 10_000; t += 100) {
      const key = t % 300 === 0 ? 'a' : 'b';
      if (h.claim(key, t)) claims.push(key);
    }
    expect(claims).toEqual([]);
  });

  it('a code seen while the gate was busy (not claimed) is still judged when claimed later', () => {
    const h = new HeldCodes();
    for (let t = 0; t < 5000; t += 100) h.see('a', t); // read during another result: only seen
    expect(h.claim('a', 5000)).toBe(true);
    expect(h.claim('a', 5100)).toBe(false);
  });

  it('kiosk: a longer window keeps a code that came back soon quiet; a window below GONE_MS changes nothing', () => {
    const h = new HeldCodes();
    h.setWindow(30_000);
    expect(h.claim('a', 0)).toBe(true);
    expect(h.claim('a', 10_000)).toBe(false); // gone for 10 s, back within 30 s
    expect(h.claim('a', 40_001)).toBe(true);
    h.setWindow(0);
    expect(hold(h, 'b', 50_000, 60_000)).toEqual([50_000]);
    expect(h.claim('b', 60_000 + GONE_MS)).toBe(true);
  });

  it('tells what to say to the holder of a judged code still in view, and nothing once it left', () => {
    const h = new HeldCodes();
    expect(h.claim('a', 0)).toBe(true);
    expect(h.heldOutcome(100)).toBe(null); // being judged: nothing to say yet
    h.settle('a', 'PASS');
    for (let t = 100; t <= 5000; t += 100) h.see('a', t); // still held up after the result closed
    expect(h.heldOutcome(5100)).toBe('PASS');
    expect(h.heldOutcome(5000 + GONE_MS)).toBe(null);
    // Kiosk window: back within it, not judged again, and told so again.
    h.setWindow(30_000);
    expect(h.claim('a', 9000)).toBe(false);
    expect(h.heldOutcome(9100)).toBe('PASS');
    // The code read most recently speaks.
    expect(h.claim('b', 9200)).toBe(true);
    h.settle('b', 'FAIL');
    h.see('b', 9300);
    expect(h.heldOutcome(9300)).toBe('FAIL');
  });

  it('forgets codes once their window is over: memory stays small', () => {
    const h = new HeldCodes();
    for (let i = 0; i < 1000; i++) h.claim(`code-${i}`, i * 2000);
    expect(h.size).toBeLessThanOrEqual(2);
  });
});

describe('codeKey', () => {
  it('is stable for a text, differs between texts, and does not contain the text', () => {
    const a = 'CNHC1:6BFOXN*TS0BI$ZDFRH%5O4';
    expect(codeKey(a)).toBe(codeKey(a));
    expect(codeKey(a)).not.toBe(codeKey(a + 'A'));
    expect(codeKey(a)).not.toBe(codeKey(a.replace('6', '7')));
    expect(codeKey(a)).not.toContain('CNHC');
    const keys = new Set(Array.from({ length: 10_000 }, (_, i) => codeKey(`HC1:${i}`)));
    expect(keys.size).toBe(10_000);
  });
});
