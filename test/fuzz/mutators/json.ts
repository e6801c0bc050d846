/**
 * JSON-level damage shared by the JSON formats (shc claims, vds-nc seals): paths into a value,
 * copies with one node replaced, and raw JSON text spliced where JSON.stringify cannot write it
 * (duplicate members, nesting, numbers beyond a double, non-canonical forms).
 */
import type { Rng } from '../harness.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type JsonObj = { [k: string]: JsonValue };
export type JPath = (string | number)[];

export const isObj = (v: unknown): v is JsonObj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function getAt(root: JsonValue, path: JPath): JsonValue {
  let cur: any = root;
  for (const k of path) cur = cur[k];
  return cur as JsonValue;
}

/** A deep copy of `root` with the node at `path` replaced (the root itself when path is empty). */
export function setAt<T extends JsonValue>(root: T, path: JPath, value: JsonValue): T {
  if (path.length === 0) return value as T;
  const copy = structuredClone(root);
  (getAt(copy, path.slice(0, -1)) as any)[path[path.length - 1]!] = value;
  return copy;
}

/** Every node below `root` (not the root), with its path. */
export function nodes(root: JsonValue, under: JPath = []): { path: JPath; node: JsonValue }[] {
  const out: { path: JPath; node: JsonValue }[] = [];
  const walk = (n: JsonValue, path: JPath) => {
    if (path.length > under.length) out.push({ path, node: n });
    if (Array.isArray(n)) n.forEach((v, i) => walk(v, [...path, i]));
    else if (isObj(n)) for (const [k, v] of Object.entries(n)) walk(v, [...path, k]);
  };
  walk(getAt(root, under), under);
  return out;
}

const PLACEHOLDER = '\u0001raw-json\u0001';
/** JSON text of `root` with the node at `path` written as the raw text `raw`. */
export function withRaw(root: JsonValue, path: JPath, raw: string): string {
  return JSON.stringify(setAt(root, path, PLACEHOLDER)).replace(JSON.stringify(PLACEHOLDER), () => raw);
}

/** JSON text of `root` where one object at or below it carries a member twice (same or changed value). */
export function withDuplicate(root: JsonValue, r: Rng): string {
  const objs = [{ path: [] as JPath, node: root }, ...nodes(root)].filter((x) => isObj(x.node) && Object.keys(x.node).length > 0);
  const { path, node } = r.pick(objs);
  const entries = Object.entries(node as JsonObj).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  const [k, v] = r.pick(Object.entries(node as JsonObj));
  const dupValue = r.chance(0.5) ? v : changedValue(v, r);
  entries.splice(r.int(entries.length + 1), 0, `${JSON.stringify(k)}:${JSON.stringify(dupValue)}`);
  return withRaw(root, path, `{${entries.join(',')}}`);
}

/** Nesting `depth` arrays deep. */
export const deepJson = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

/** Numbers a double cannot hold, or that are far outside any time or count. */
export const HUGE_NUMBERS = ['1e400', '-1e400', '18446744073709551616', '9007199254740993', '1e300', '-1', '0', '5e-324', '1.7e12', '99999999999999999999999999999999'];
export const EXTREME_DATES = ['9999-12-31', '+275760-09-13T00:00:00Z', '-271821-04-20', '0000-01-01', '2021-02-30', '2021-13-01T25:61:61Z', '1970-01-01T00:00:00Z', '2021-06-01T00:00:00+99:99', '99999999999999999999', ''];

export function otherType(v: JsonValue, r: Rng): JsonValue {
  const options: JsonValue[] = [r.int(1000), 'x', [], {}, null, true, 0.5, [1, 2]];
  return r.pick(options.filter((o) => typeof o !== typeof v || Array.isArray(o) !== Array.isArray(v)));
}

export function changedValue(v: JsonValue, r: Rng): JsonValue {
  if (typeof v === 'number') return v + (1 + r.int(100)) * (r.chance(0.5) ? 1 : -1);
  if (typeof v === 'string') return r.pick(['', 'A', 'ZZZ', '张三', 'X'.repeat(200), '2099-01-01', v + 'x', v.slice(1)].filter((s) => s !== v));
  if (typeof v === 'boolean') return !v;
  return otherType(v, r);
}

/** The same value as other valid JSON text: whitespace, member order, escapes (of member names too unless told), number spellings. */
export function nonCanonical(v: JsonValue, r: Rng, o: { escapeNames?: boolean } = {}): string {
  const ws = () => r.pick(['', ' ', '\n', '\t', '  ', '\r\n']);
  const str = (s: string) =>
    r.chance(0.3) ? `"${[...s].map((ch) => (ch.length === 1 ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : JSON.stringify(ch).slice(1, -1))).join('')}"` : JSON.stringify(s).replace(/\//g, () => (r.chance(0.5) ? '\\/' : '/'));
  const num = (n: number) => (Number.isInteger(n) && Math.abs(n) < 1e15 ? r.pick([String(n), `${n}.0`, `${n}e0`, `${n}E+0`, `${n}.000`]) : String(n));
  const write = (x: JsonValue): string => {
    if (typeof x === 'string') return str(x);
    if (typeof x === 'number') return num(x);
    if (Array.isArray(x)) return `[${ws()}${x.map(write).join(`${ws()},${ws()}`)}${ws()}]`;
    if (isObj(x)) {
      const keys = Object.keys(x);
      if (r.chance(0.5)) keys.reverse();
      return `{${ws()}${keys.map((k) => `${o.escapeNames === false ? JSON.stringify(k) : str(k)}${ws()}:${ws()}${write(x[k]!)}`).join(`${ws()},${ws()}`)}${ws()}}`;
    }
    return String(x);
  };
  return ws() + write(v) + ws();
}
