/**
 * Value-set membership over the value sets the trust bundle carries: each coded field of a DCC
 * names a value set (the schemas' valueset-uri); a code outside it is content we do not
 * recognise. It is a rule of the specification, not of its JSON Schema, and the bundle's copy is
 * the one in force; a set the bundle does not carry is not checked.
 */
import type { ValueSets } from '../format.ts';
import type { JsonObject } from './hcert.ts';
import { isObject } from './lenient.ts';

const FIELDS: Record<'v' | 't' | 'r', Record<string, string>> = {
  v: { tg: 'disease-agent-targeted', vp: 'sct-vaccines-covid-19', mp: 'vaccines-covid-19-names', ma: 'vaccines-covid-19-auth-holders', co: 'country-2-codes' },
  t: { tg: 'disease-agent-targeted', tt: 'covid-19-lab-test-type', ma: 'covid-19-lab-test-manufacturer-and-name', tr: 'covid-19-lab-result', co: 'country-2-codes' },
  r: { tg: 'disease-agent-targeted', co: 'country-2-codes' },
};

export interface ValueSetMiss {
  field: string;
  code: string;
  valueSet: string;
}

/** Coded fields of the (cleaned) DCC whose code is not in the bundle's value set. */
export function valueSetMisses(dcc: JsonObject, sets: ValueSets): ValueSetMiss[] {
  const misses: ValueSetMiss[] = [];
  for (const g of ['v', 't', 'r'] as const) {
    const list = dcc[g];
    if (!Array.isArray(list)) continue;
    list.forEach((e, i) => {
      if (!isObject(e)) return;
      for (const [k, set] of Object.entries(FIELDS[g])) {
        const code = e[k];
        const table = Object.hasOwn(sets, set) ? sets[set] : undefined;
        if (!table || typeof code !== 'string' || code === '') continue;
        if (!Object.hasOwn(table, code)) misses.push({ field: `${g}[${i}].${k}`, code, valueSet: set });
      }
    });
  }
  return misses;
}
