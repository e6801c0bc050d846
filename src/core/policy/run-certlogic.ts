/**
 * A rule's CertLogic, compiled once per logic object (policies live as long as their bundle) and
 * evaluated as a Result: POLICY_RULE_ERROR with certlogic-js's message when evaluation fails.
 */
import { fail, ok, type Result } from '../result.ts';
import { compile, type Compiled } from './compile-certlogic.ts';

const compiled = new WeakMap<object, Compiled>();

function compiledLogic(logic: unknown): Compiled {
  if (typeof logic !== 'object' || logic === null) return compile(logic);
  let c = compiled.get(logic);
  if (!c) compiled.set(logic, (c = compile(logic)));
  return c;
}

/** Compiles `logic` now (cached as its first evaluation would), so the first code judged by it does not wait. */
export function prepareLogic(logic: unknown): void {
  try {
    compiledLogic(logic);
  } catch {
    // A rule that does not compile fails at its evaluation, with its reason, as before.
  }
}

/** The value of `logic` over `data`, or why it has none (the message is technical, never personal data). */
export function evaluateLogic(logic: unknown, data: unknown): Result<unknown, 'POLICY_RULE_ERROR'> {
  try {
    return ok(compiledLogic(logic)(data));
  } catch (e) {
    // The compiled closures throw as certlogic-js does, deep inside an expression; contained here.
    return fail('POLICY_RULE_ERROR', e instanceof Error ? e.message.slice(0, 160) : 'error');
  }
}
