/**
 * Reading a list of claims step by step: each element becomes a Result, and the first failure
 * stops the walk, so the reason names the first element that could not be read — as a value, not
 * an exception a normaliser would have to catch at its edge.
 */
import type { ReasonCode } from '../model/reasons.ts';
import { ok, type Result } from '../result.ts';

/** `f` over `xs` in order: every value, or the first failure. */
export function eachOk<A, B, C extends string = ReasonCode>(xs: readonly A[], f: (x: A, i: number) => Result<B, C>): Result<B[], C> {
  const out: B[] = [];
  for (let i = 0; i < xs.length; i++) {
    const r = f(xs[i]!, i);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}
