/**
 * EU DCC value set files -> the display tables a trust bundle carries (NormaliseContext.valueSets).
 * Build-time code (bundle build): readValueSets says what is wrong as a value; valueSetsFromFiles
 * is the build tools' edge and throws it, so a broken file never yields a bundle with silently
 * missing names.
 */
import { fail, ok, type Result } from '../../result.ts';
import { eachOk } from '../each-ok.ts';
import type { ValueSets } from '../format.ts';

/** A value set file that is not what ehn-dcc-valuesets publishes (detail: which and why). */
export type ValueSetsCode = 'VALUE_SETS_INVALID';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (why: string) => fail<ValueSetsCode>('VALUE_SETS_INVALID', why);

/** One file -> its id (not among `seen`, which it joins) and `{ code: display }` table. */
function valueSetOf(json: unknown, i: number, seen: Set<string>): Result<[string, Record<string, string>], ValueSetsCode> {
  if (!isRecord(json)) return invalid(`value set #${i} is not a JSON object`);
  const { valueSetId: id, valueSetValues: values } = json;
  if (typeof id !== 'string' || id.length === 0) return invalid(`value set #${i} has no valueSetId`);
  if (seen.has(id)) return invalid(`value set ${id} is given twice`);
  seen.add(id);
  if (!isRecord(values)) return invalid(`value set ${id} has no valueSetValues object`);
  const table: [string, string][] = [];
  for (const [code, entry] of Object.entries(values)) {
    const display = isRecord(entry) ? entry.display : undefined;
    if (typeof display !== 'string' || display.length === 0) return invalid(`value set ${id}: code ${code} has no display name`);
    table.push([code, display]);
  }
  // fromEntries makes own data properties, so a code such as "__proto__" cannot reach a prototype.
  return ok([id, Object.fromEntries(table)]);
}

/**
 * Each file is `{ valueSetId, valueSetValues: { code: { display, lang, active, … } } }`, as
 * published in ehn-dcc-valuesets. Result: `{ valueSetId: { code: display } }`. Inactive codes are
 * kept: a certificate issued while a code was active still names it.
 */
export function readValueSets(jsons: readonly unknown[]): Result<ValueSets, ValueSetsCode> {
  const seen = new Set<string>();
  const sets = eachOk(jsons, (json, i) => valueSetOf(json, i, seen));
  return sets.ok ? ok(Object.fromEntries(sets.value)) : sets;
}

/** readValueSets for the build tools (CLI, dev server, test harnesses): a broken file throws a TypeError. */
export function valueSetsFromFiles(jsons: unknown[]): ValueSets {
  const sets = readValueSets(jsons);
  if (!sets.ok) throw new TypeError(sets.reason.detail);
  return sets.value;
}
