/**
 * Small builders that write CertLogic JSON for the built-in policies, so the policy data reads as
 * what it means. The output is plain CertLogic: a publisher can write the same JSON by hand.
 */
import type { CertLogicJson } from './policy.ts';

type E = CertLogicJson;

export const v = (path: string): E => ({ var: path });
export const eq = (a: E, b: E): E => ({ '===': [a, b] });
export const isIn = (a: E, list: E[]): E => ({ in: [a, list] });
export const not = (a: E): E => ({ '!': [a] });
export const and = (...xs: E[]): E => (xs.length === 1 ? xs[0]! : { and: xs });
/** CertLogic has no `or`: `if(a, true, if(b, true, c))`. */
export const or = (...xs: E[]): E => xs.reduceRight((rest, x) => ({ if: [x, true, rest] }));
export const ifThen = (guard: E, then: E, otherwise: E): E => ({ if: [guard, then, otherwise] });
/** A date-time (for before/after/not-before/not-after) from an ISO string, shifted by `amount` units. */
export const at = (iso: E, amount = 0, unit: 'hour' | 'day' | 'month' | 'year' = 'hour'): E => ({ plusTime: [iso, amount, unit] });

/** Now, outside a reduce. */
export const NOW = at(v('context.now'));

/**
 * True when some element of the array at `path` satisfies `cond(now)`, where `cond` reads the
 * element as `current`. A CertLogic reduce lambda sees only `accumulator` and `current`, not the
 * outer data, so the accumulator carries `context.now` (a string) until a match turns it into
 * `true`; the result is compared with `true`. An absent array (null) reduces to now: false.
 */
export function some(path: string, cond: (now: E) => E): E {
  const acc = v('accumulator');
  return eq({ reduce: [v(path), ifThen(eq(acc, true), true, ifThen(cond(at(acc)), true, acc)), v('context.now')] }, true);
}
