/**
 * The compiled CertLogic must mean exactly what certlogic-js's interpreter means: same value, or an
 * error where it errs (with the same message). Random expressions, well-formed and not, over
 * random data; and every built-in policy over random credentials.
 */
import fc from 'fast-check';
import { evaluate } from 'certlogic-js/dist/evaluator.js';
import { describe, expect, it } from 'vitest';
import { BUILTIN_POLICIES } from './builtin-policies.ts';
import { compile } from './compile-certlogic.ts';

type Outcome = { value: unknown } | { error: string };

/** Dates by instant (a Date is never equal to another by reference across the two evaluators). */
const plain = (v: unknown): unknown => (v instanceof Date ? { date: String(v.getTime()) } : Array.isArray(v) ? v.map(plain) : v);

function outcome(run: () => unknown): Outcome {
  try {
    return { value: plain(run()) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

const STRINGS = ['', 'a', 'NAT', 'negative', '2021-05-01', '2021-05-01T10:00:00Z', '2021-05-01T10:00:00.5+02:00', '2021', '2021-06', '2021-13-45', 'not a date', 'URN:UVCI:01:NL:ABC#1', '01/DE/X'];
const PATHS = ['', 'a', 'a.b', 'a.b.c', 'arr', 'arr.0', 'arr.1', 'arr.7', 'n', 's', 'd', 'dates', 'dates.1', 'current', 'accumulator', 'current.x', 's.length', '1a', 'o', 'e', 't', 'f'];
const OPERATORS = ['===', 'and', '>', '<', '>=', '<=', 'in', '+', 'after', 'before', 'not-after', 'not-before', 'if', '!', 'plusTime', 'reduce', 'extractFromUVCI', 'dccDateOfBirth', 'or', 'foo'];
const UNITS = ['year', 'month', 'day', 'hour', 'week', 3];

const literal = fc.oneof(fc.boolean(), fc.integer({ min: -3, max: 40 }), fc.constantFrom(...STRINGS), fc.constant(1.5), fc.constant(null));

const { expr } = fc.letrec<{ expr: unknown }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    fc.record({ var: fc.oneof(fc.constantFrom(...PATHS), fc.constant(3), fc.constant(['a'])) }),
    fc.tuple(fc.constantFrom(...OPERATORS), fc.array(tie('expr'), { maxLength: 4 })).map(([op, args]) => ({ [op]: args })),
    // Well-formed arities, so evaluation gets past the shape checks more often.
    fc.tuple(fc.constantFrom('===', 'in', '+', '<', '>=', 'and', 'if', 'before', 'not-after'), tie('expr'), tie('expr'), tie('expr'), fc.boolean()).map(([op, a, b, c, three]) => ({
      [op]: three || op === 'if' ? [a, b, c] : [a, b],
    })),
    fc.tuple(tie('expr'), fc.array(literal, { maxLength: 4 })).map(([a, list]) => ({ in: [a, list] })),
    fc.tuple(tie('expr')).map(([a]) => ({ '!': [a] })),
    fc.tuple(tie('expr'), fc.oneof(fc.integer({ min: -30, max: 30 }), fc.constant(1.5), fc.constant('1')), fc.constantFrom(...UNITS)).map(([d, n, u]) => ({ plusTime: [d, n, u] })),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([o, l, i]) => ({ reduce: [o, l, i] })),
    fc.tuple(tie('expr'), fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constant('0'))).map(([u, i]) => ({ extractFromUVCI: [u, i] })),
    fc.array(tie('expr'), { maxLength: 3 }),
    fc.constantFrom({}, { a: 1, b: 2 }, { if: 'x' }, { and: [] }),
  ),
}));

const DATA = {
  a: { b: { c: 7 } },
  arr: [1, 'x', null, '2021-05-01'],
  n: 0,
  s: 'str',
  d: '2021-05-01T10:00:00Z',
  dates: ['2021-05-01', '2021-05-02T00:00:00+02:00', '2021-06'],
  t: true,
  f: false,
  e: [],
  o: {},
  current: { x: 2 },
  accumulator: '2021-05-03T00:00:00Z',
};

describe('compiled CertLogic against certlogic-js', () => {
  it('agrees on random expressions, well-formed or not (value, or the same error)', () => {
    let values = 0;
    fc.assert(
      fc.property(expr, (e) => {
        const theirs = outcome(() => evaluate(e as never, DATA));
        if ('value' in theirs) values++;
        expect(outcome(() => compile(e)(DATA))).toEqual(theirs);
      }),
      { seed: 20261124, numRuns: 6000 },
    );
    // The property means little if nearly everything errs: a good share must evaluate to a value (918 of 6,000 with this seed).
    expect(values).toBeGreaterThan(800);
  });

  it('agrees on operations that need dates and arrays to get far (reduce, date comparisons, plusTime units)', () => {
    const date = fc.constantFrom('2021-05-01', '2021-05-01T23:59:59Z', '2021-05-02T01:00:00+02:00', '2021-04', '2021', 'bad', '2020-02-29');
    const e = fc.tuple(fc.constantFrom('after', 'before', 'not-after', 'not-before'), date, date, fc.integer({ min: -48, max: 48 }), fc.constantFrom('hour', 'day', 'month', 'year')).map(
      ([op, a, b, n, u]) => ({ [op]: [{ plusTime: [a, n, u] }, { plusTime: [b, 0, 'day'] }] }),
    );
    fc.assert(
      fc.property(e, (x) => {
        expect(outcome(() => compile(x)(DATA))).toEqual(outcome(() => evaluate(x as never, DATA)));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('agrees on every built-in policy over random credentials', () => {
    const iso = fc.date({ min: new Date('2020-01-01'), max: new Date('2023-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    const day = iso.map((s) => s.slice(0, 10));
    const credential = fc.record({
      format: fc.constantFrom('cn-hc', 'eu-dcc'),
      issuer: fc.constant({ id: 'X', kind: 'country' }),
      issuedAt: iso,
      healthStatus: fc.option(fc.constantFrom('green', 'yellow', 'red'), { nil: undefined }),
      tests: fc.array(fc.record({ type: fc.constantFrom('NAT', 'RAT', 'other'), result: fc.constantFrom('negative', 'positive'), sampledAt: iso }), { maxLength: 3 }),
      vaccinations: fc.array(fc.record({ dose: fc.integer({ min: 1, max: 3 }), of: fc.integer({ min: 1, max: 3 }), date: day, product: fc.constant('P') }), { maxLength: 2 }),
      recoveries: fc.array(fc.record({ validFrom: day, validUntil: day }), { maxLength: 2 }),
      kinds: fc.constant(['test']),
    });
    const policies = BUILTIN_POLICIES;
    fc.assert(
      fc.property(credential, iso, (c, now) => {
        const data = { credential: c, context: { now, checkpoint: { policy: 'p' }, trust: { version: 1 } } };
        for (const p of policies)
          for (const r of p.rules) expect(outcome(() => compile(r.logic)(data)), `${p.id}/${r.id}`).toEqual(outcome(() => evaluate(r.logic as never, data)));
      }),
      { seed: 99, numRuns: 1500 },
    );
  });

  it('hands out a new Date each time, as the interpreter does: === between two plusTime results is false', () => {
    const e = { '===': [{ plusTime: ['2021-05-01', 0, 'day'] }, { plusTime: ['2021-05-01', 0, 'day'] }] };
    expect(compile(e)(DATA)).toBe(false);
    expect(evaluate(e as never, DATA)).toBe(false);
  });
});
