import { describe, expect, it } from 'vitest';
import { fail, ok } from '../result.ts';
import { eachOk } from './each-ok.ts';

describe('eachOk', () => {
  it('gives every value in order, or the first failure and reads no further', () => {
    expect(eachOk([1, 2, 3], (x, i) => ok(x * 10 + i))).toEqual({ ok: true, value: [10, 21, 32] });
    const seen: number[] = [];
    const r = eachOk([1, -2, -3, 4], (x, i) => (seen.push(i), x > 0 ? ok(x) : fail('MALFORMED_CLAIMS', `item ${i}`)));
    expect(r).toEqual({ ok: false, reason: { code: 'MALFORMED_CLAIMS', detail: 'item 1' } });
    expect(seen).toEqual([0, 1]);
    expect(eachOk([], () => fail('MALFORMED_CLAIMS'))).toEqual({ ok: true, value: [] });
  });
});
