/**
 * parsePolicies: the bundle's `policies` member, checked before anything evaluates it. A policy that
 * fails here makes the whole bundle invalid (validate-bundle.ts), like a bad signature would.
 */
import { validateFormat } from 'certlogic-js/dist/validation/format-validator.js';
import { fail, ok, type Result } from '../result.ts';
import { POLICY_REASON_CODES, type Policy } from './policy.ts';
import { MAX_WINDOW_S, MIN_WINDOW_S } from './presentation.ts';

export type PolicyErrorCode = 'POLICY_INVALID';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const MAX_POLICIES = 64;
const MAX_RULES = 64;
const MAX_TEXT = 200;
/** Bounds that keep a hostile (but signed) policy from exhausting the stack or the CPU. */
const MAX_DEPTH = 48;
const MAX_NODES = 4000;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const extraKey = (o: Record<string, unknown>, allowed: string[]) => Object.keys(o).find((k) => !allowed.includes(k));
const isText = (x: unknown) => typeof x === 'string' && x.trim().length > 0 && x.length <= MAX_TEXT;
const textsProblem = (x: unknown): string | null =>
  !isObj(x) ? 'is missing' : extraKey(x, ['zh-CN', 'en']) ? `has unknown language ${extraKey(x, ['zh-CN', 'en'])}` : !isText(x['zh-CN']) || !isText(x.en) ? 'needs non-empty zh-CN and en' : null;

export function parsePolicies(input: unknown): Result<Policy[], PolicyErrorCode> {
  try {
    const problem = checkPolicies(input);
    return problem ? fail('POLICY_INVALID', problem) : ok(input as Policy[]);
  } catch (e) {
    // Belt and braces: nothing about a policy may crash bundle validation.
    return fail('POLICY_INVALID', `policies could not be checked (${e instanceof Error ? e.name : 'error'})`);
  }
}

function checkPolicies(input: unknown): string | null {
  if (!Array.isArray(input)) return 'policies must be an array';
  if (input.length > MAX_POLICIES) return `more than ${MAX_POLICIES} policies`;
  return checkEach(input, 'policy', checkPolicy);
}

function checkPolicy(p: unknown): string | null {
  if (!isObj(p)) return 'is not an object';
  const extra = extraKey(p, ['id', 'names', 'rules', 'presentation']);
  if (extra) return `unknown member ${extra}`;
  if (typeof p.id !== 'string' || !ID.test(p.id)) return 'id must be 1-64 letters, digits or ._:-';
  const names = textsProblem(p.names);
  if (names) return `names ${names}`;
  const presentation = 'presentation' in p ? checkPresentation(p.presentation) : null;
  if (presentation) return `presentation ${presentation}`;
  if (!Array.isArray(p.rules) || p.rules.length === 0) return 'rules must be a non-empty array';
  if (p.rules.length > MAX_RULES) return `more than ${MAX_RULES} rules`;
  return checkEach(p.rules, 'rule', checkRule);
}

/** `{ windowSeconds?, requireBound? }`: a whole number of seconds within bounds, a boolean. */
function checkPresentation(x: unknown): string | null {
  if (!isObj(x)) return 'is not an object';
  const extra = extraKey(x, ['windowSeconds', 'requireBound']);
  if (extra) return `has unknown member ${extra}`;
  const w = x.windowSeconds;
  if (w !== undefined && (typeof w !== 'number' || !Number.isInteger(w) || w < MIN_WINDOW_S || w > MAX_WINDOW_S))
    return `windowSeconds must be a whole number from ${MIN_WINDOW_S} to ${MAX_WINDOW_S}`;
  if (x.requireBound !== undefined && typeof x.requireBound !== 'boolean') return 'requireBound must be true or false';
  return null;
}

/** Each item checked, and ids unique within the list; a problem names the item by id (or index). */
function checkEach(items: unknown[], what: string, check: (x: unknown) => string | null): string | null {
  const ids = new Set<string>();
  for (const [i, x] of items.entries()) {
    const id = isObj(x) && typeof x.id === 'string' && ID.test(x.id) ? x.id : null;
    const problem = check(x);
    if (problem) return `${what} ${id ?? i}: ${problem}`;
    if (ids.has(id!)) return `${what} ${id} is listed twice`;
    ids.add(id!);
  }
  return null;
}

function checkRule(r: unknown): string | null {
  if (!isObj(r)) return 'is not an object';
  const extra = extraKey(r, ['id', 'reason', 'texts', 'logic']);
  if (extra) return `unknown member ${extra}`;
  if (typeof r.id !== 'string' || !ID.test(r.id)) return 'id must be 1-64 letters, digits or ._:-';
  if (!(POLICY_REASON_CODES as readonly unknown[]).includes(r.reason)) return `reason must be one of ${POLICY_REASON_CODES.join(', ')}`;
  const texts = textsProblem(r.texts);
  if (texts) return `texts ${texts}`;
  if (!('logic' in r)) return 'logic is missing';
  return checkLogic(r.logic);
}

/**
 * CertLogic well-formedness (certlogic-js's format validator: known operators, operand counts,
 * integer-only numbers), after our own walk bounds its size and checks what each `var` reads:
 * `credential.*` / `context.*` outside a reduce lambda, `current` / `accumulator` inside one
 * (the only data CertLogic gives a lambda).
 */
function checkLogic(logic: unknown): string | null {
  if (typeof logic !== 'boolean' && !isObj(logic)) return 'logic must be a CertLogic operation (or a boolean)';
  const walked = walk(logic, false, 0, { nodes: 0 });
  if (walked) return walked;
  const errors = validateFormat(logic);
  return errors.length ? `logic is not CertLogic: ${errors[0]!.message.slice(0, 160)}` : null;
}

function walk(x: unknown, inLambda: boolean, depth: number, count: { nodes: number }): string | null {
  if (++count.nodes > MAX_NODES) return `logic has more than ${MAX_NODES} nodes`;
  if (depth > MAX_DEPTH) return `logic nests deeper than ${MAX_DEPTH}`;
  if (Array.isArray(x)) return first(x, (y) => walk(y, inLambda, depth + 1, count));
  if (!isObj(x)) return null;
  const entries = Object.entries(x);
  if (entries.length !== 1) return null; // the format validator names this
  const [op, args] = entries[0]!;
  if (op === 'var') {
    if (typeof args !== 'string') return null;
    const root = args.split('.')[0];
    const allowed = inLambda ? ['current', 'accumulator'] : ['credential', 'context'];
    return allowed.includes(root!) ? null : `var "${args.slice(0, 60)}" reads outside ${allowed.join('/')}`;
  }
  if (op === 'reduce' && Array.isArray(args))
    return first(args, (y, i) => walk(y, i === 1 ? true : inLambda, depth + 1, count));
  return walk(args, inLambda, depth + 1, count);
}

function first<T>(xs: T[], f: (x: T, i: number) => string | null): string | null {
  for (const [i, x] of xs.entries()) {
    const r = f(x, i);
    if (r) return r;
  }
  return null;
}
