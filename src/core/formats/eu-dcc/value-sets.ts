/**
 * EU DCC value set files -> the display tables a trust bundle carries (NormaliseContext.valueSets).
 * Build-time code (bundle build): malformed input throws, so a broken file never yields a bundle
 * with silently missing names.
 */
import type { ValueSets } from '../format.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Each file is `{ valueSetId, valueSetValues: { code: { display, lang, active, … } } }`, as
 * published in ehn-dcc-valuesets. Result: `{ valueSetId: { code: display } }`. Inactive codes are
 * kept: a certificate issued while a code was active still names it.
 */
export function valueSetsFromFiles(jsons: unknown[]): ValueSets {
  const sets: [string, Record<string, string>][] = [];
  const seen = new Set<string>();
  jsons.forEach((json, i) => {
    if (!isRecord(json)) throw new TypeError(`value set #${i} is not a JSON object`);
    const { valueSetId: id, valueSetValues: values } = json;
    if (typeof id !== 'string' || id.length === 0) throw new TypeError(`value set #${i} has no valueSetId`);
    if (seen.has(id)) throw new TypeError(`value set ${id} is given twice`);
    seen.add(id);
    if (!isRecord(values)) throw new TypeError(`value set ${id} has no valueSetValues object`);
    const table: [string, string][] = [];
    for (const [code, entry] of Object.entries(values)) {
      const display = isRecord(entry) ? entry.display : undefined;
      if (typeof display !== 'string' || display.length === 0) throw new TypeError(`value set ${id}: code ${code} has no display name`);
      table.push([code, display]);
    }
    // fromEntries makes own data properties, so a code such as "__proto__" cannot reach a prototype.
    sets.push([id, Object.fromEntries(table)]);
  });
  return Object.fromEntries(sets);
}
