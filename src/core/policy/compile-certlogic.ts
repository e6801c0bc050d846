/**
 * CertLogic compiled to closures: the expression tree is walked once per rule, not once per scan.
 * The meaning is certlogic-js 1.2.2's `evaluate`, operation by operation: the same values, the
 * same errors on the same paths (arity and operand checks happen when an operation is reached, as
 * there), and its own helpers for every leaf (boolsiness, dates, UVCI, date of birth). The
 * differential test (compile-certlogic.test.ts) holds the two to that on random expressions.
 *
 * Interpreting the tree on every scan was the largest piece of JavaScript in a verification.
 *
 * A compiled closure throws where certlogic-js's evaluate throws (the differential test compares
 * those errors); run-certlogic.ts is the one edge that calls them, and turns a throw into a value.
 */
import { boolsiness, dccDateOfBirth, dateFromString, extractFromUVCI, isCertLogicLiteral, isInt, roundUpPartialDate } from 'certlogic-js/dist/internals.js';
import { timeUnits } from 'certlogic-js/dist/typings.js';

type Data = unknown;
export type Compiled = (data: Data) => unknown;

const INFIX = ['===', 'and', '>', '<', '>=', '<=', 'in', '+', 'after', 'before', 'not-after', 'not-before'];
const DATE_COMPARISON: Record<string, string> = { after: '>', before: '<', 'not-after': '<=', 'not-before': '>=' };

const thrower = (message: string): Compiled => () => {
  throw new Error(message);
};

/** `var`: a dotted path, each fragment read as an index when parseInt reads a number from it. */
function compileVar(path: unknown): Compiled {
  if (typeof path !== 'string') return thrower(`not of the form { "var": "<path>" }`);
  if (path === '') return (data) => data;
  const keys = path.split('.').map((fragment) => {
    const index = parseInt(fragment, 10);
    return Number.isNaN(index) ? fragment : index;
  });
  return (data) => {
    let acc: unknown = data;
    for (const key of keys) {
      if (acc === null) return null;
      const value = (acc as Record<string | number, unknown>)[key];
      acc = value === undefined ? null : value;
    }
    return acc;
  };
}

function compileIf(values: unknown[]): Compiled {
  const [guard, then, else_] = values;
  if (guard === undefined) return thrower(`an if-operation must have a guard (argument #1)`);
  if (then === undefined) return thrower(`an if-operation must have a then (argument #2)`);
  if (else_ === undefined) return thrower(`an if-operation must have an else (argument #3)`);
  const g = compile(guard);
  const t = compile(then);
  const e = compile(else_);
  return (data) => {
    const evalGuard = g(data);
    switch (boolsiness(evalGuard)) {
      case true:
        return t(data);
      case false:
        return e(data);
      default:
        throw new Error(`if-guard evaluates to something neither truthy, nor falsy: ${evalGuard}`);
    }
  };
}

function compare(operator: string, xs: unknown[]): boolean {
  const test = (l: any, r: any): boolean => (operator === '<' ? l < r : operator === '>' ? l > r : operator === '<=' ? l <= r : l >= r);
  if (xs.length === 2) return test(xs[0], xs[1]);
  return test(xs[0], xs[1]) && test(xs[1], xs[2]);
}

function compileInfix(operator: string, values: unknown[]): Compiled {
  if (operator === 'and') {
    if (values.length < 2) return thrower(`an "and" operation must have at least 2 operands`);
  } else if (Object.hasOwn(DATE_COMPARISON, operator) || operator === '<' || operator === '>' || operator === '<=' || operator === '>=') {
    if (values.length < 2 || values.length > 3) return thrower(`an operation with operator "${operator}" must have 2 or 3 operands`);
  } else if (values.length !== 2) return thrower(`an operation with operator "${operator}" must have 2 operands`);

  const args = values.map(compile);
  if (operator === 'and')
    // Lazy, left to right: the first falsy value, else the last value; each must be truthy or falsy.
    return (data) => {
      let acc: unknown = true;
      for (const arg of args) {
        if (boolsiness(acc) === false) return acc;
        acc = arg(data);
        if (boolsiness(acc) === undefined) throw new Error(`all operands of an "and" operation must be either truthy or falsy`);
      }
      return acc;
    };

  const evalAll = (data: Data) => args.map((a) => a(data));
  switch (operator) {
    case '===':
      return (data) => {
        const [l, r] = evalAll(data);
        return l === r;
      };
    case 'in':
      return (data) => {
        const [l, r] = evalAll(data);
        if (!Array.isArray(r)) throw new Error(`right-hand side of an "in" operation must be an array`);
        return r.indexOf(l) > -1;
      };
    case '+':
      return (data) => {
        const [l, r] = evalAll(data);
        if (!isInt(l) || !isInt(r)) throw new Error(`operands of this operation must both be integers`);
        return (l as number) + (r as number);
      };
    case '<':
    case '>':
    case '<=':
    case '>=':
      return (data) => {
        const xs = evalAll(data);
        if (!xs.every(isInt)) throw new Error(`all operands of a comparison operation must be of integer type`);
        return compare(operator, xs);
      };
    default: {
      const op = DATE_COMPARISON[operator]!;
      return (data) => {
        const xs = evalAll(data);
        if (!xs.every((x) => x instanceof Date)) throw new Error(`all operands of a date-time comparison must be date-times`);
        return compare(op, xs);
      };
    }
  }
}

function compileNot(operand: unknown): Compiled {
  const a = compile(operand);
  return (data) => {
    const v = a(data);
    switch (boolsiness(v)) {
      case false:
        return true;
      case true:
        return false;
      default:
        throw new Error(`operand of ! evaluates to something neither truthy, nor falsy: ${v}`);
    }
  };
}

/**
 * Parsed instants by string. A rule reads the same few strings (now, sample times) many times;
 * the regex parse is what plusTime costs. Each call still returns a new Date, as certlogic-js does.
 */
const parsed = new Map<string, number>();
const MAX_PARSED = 256;

function instant(s: string): Date {
  const t = parsed.get(s);
  if (t !== undefined) return new Date(t);
  const d = roundUpPartialDate(s) ?? dateFromString(s);
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(s, d.getTime());
  return d;
}

function compilePlusTime(dateOperand: unknown, amount: unknown, unit: unknown): Compiled {
  if (!isInt(amount)) return thrower(`"amount" argument (#2) of "plusTime" must be an integer`);
  if (timeUnits.indexOf(unit as never) === -1)
    return thrower(`"unit" argument (#3) of "plusTime" must be a string with one of the time units: ${timeUnits.join(', ')}`);
  const operand = compile(dateOperand);
  const n = amount as number;
  return (data) => {
    const s = operand(data);
    if (typeof s !== 'string') throw new Error(`date argument (#1) of "plusTime" must be a string`);
    const d = instant(s);
    if (n === 0) return d;
    if (unit === 'day') d.setUTCDate(d.getUTCDate() + n);
    else if (unit === 'hour') d.setUTCHours(d.getUTCHours() + n);
    else if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + n);
    else d.setUTCFullYear(d.getUTCFullYear() + n);
    return d;
  };
}

function compileReduce(operand: unknown, lambda: unknown, initial: unknown): Compiled {
  const o = compile(operand);
  const l = compile(lambda);
  const i = compile(initial);
  return (data) => {
    const xs = o(data);
    if (xs === null) return i(data);
    if (!Array.isArray(xs)) throw new Error(`operand of reduce evaluated to a non-null non-array`);
    // The lambda sees only accumulator and current, never the outer data (CertLogic's scoping).
    return xs.reduce((accumulator: unknown, current: unknown) => l({ accumulator, current }), i(data));
  };
}

function compileExtractFromUVCI(operand: unknown, index: unknown): Compiled {
  const o = compile(operand);
  return (data) => {
    const uvci = o(data);
    if (!(uvci === null || typeof uvci === 'string')) throw new Error(`"UVCI" argument (#1) of "extractFromUVCI" must be either a string or null`);
    if (!isInt(index)) throw new Error(`"index" argument (#2) of "extractFromUVCI" must be an integer`);
    return extractFromUVCI(uvci as string, index as number);
  };
}

function compileDccDateOfBirth(operand: unknown): Compiled {
  const o = compile(operand);
  return (data) => {
    const s = o(data);
    if (typeof s !== 'string') throw new Error(`operand of "dccDateOfBirth" must be a string`);
    return dccDateOfBirth(s);
  };
}

export function compile(expr: unknown): Compiled {
  if (isCertLogicLiteral(expr)) return () => expr;
  if (expr === null) return thrower(`invalid CertLogic expression: ${expr}`);
  if (Array.isArray(expr)) {
    const items = expr.map(compile);
    return (data) => items.map((item) => item(data));
  }
  if (typeof expr === 'object') {
    const entries = Object.entries(expr);
    if (entries.length !== 1) return thrower(`unrecognised expression object encountered`);
    const [operator, values] = entries[0]!;
    if (operator === 'var') return compileVar(values);
    if (!(Array.isArray(values) && values.length > 0)) return thrower(`operation not of the form { "<operator>": [ <values...> ] }`);
    if (operator === 'if') return compileIf(values);
    if (INFIX.includes(operator)) return compileInfix(operator, values);
    if (operator === '!') return compileNot(values[0]);
    if (operator === 'plusTime') return compilePlusTime(values[0], values[1], values[2]);
    if (operator === 'reduce') return compileReduce(values[0], values[1], values[2]);
    if (operator === 'extractFromUVCI') return compileExtractFromUVCI(values[0], values[1]);
    if (operator === 'dccDateOfBirth') return compileDccDateOfBirth(values[0]);
    return thrower(`unrecognised operator: "${operator}"`);
  }
  return thrower(`invalid CertLogic expression: ${expr}`);
}
