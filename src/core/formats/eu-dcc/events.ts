/**
 * The DCC's event groups (v, t, r) -> records, read leniently (lenient.ts). A group is present
 * when it holds a list with entries: null and an empty list are absent, as issuers write them.
 * The kinds (for the signing key's usage) follow the groups present, whether or not their
 * entries could be read: key usage never depends on understanding the content.
 */
import type { CredentialKind, RecoveryRecord, TestRecord, VaccinationRecord } from '../../model/credential.ts';
import type { NormaliseContext } from '../format.ts';
import { TEST_RESULTS, TEST_TYPES, VALUE_SET_VACCINE_PRODUCTS } from './constants.ts';
import type { JsonObject } from './hcert.ts';
import type { UnknownValues } from '../unknown-values.ts';
import { isObject, readCount, readDate, readInstant, readText } from './lenient.ts';

export const GROUPS = { v: 'vaccination', t: 'test', r: 'recovery' } as const satisfies Record<string, CredentialKind>;
export type Group = keyof typeof GROUPS;

/** The groups that hold something, in v, t, r order. */
export function presentGroups(dcc: JsonObject): Group[] {
  return (Object.keys(GROUPS) as Group[]).filter((g) => {
    const x = dcc[g];
    return x !== undefined && !(Array.isArray(x) && x.length === 0);
  });
}

/** The group's entries; a group that is not a list of objects is logged and yields none. */
function entries(dcc: JsonObject, g: Group, log: UnknownValues): JsonObject[] {
  const list = dcc[g];
  if (list === undefined) return [];
  if (!Array.isArray(list)) return (log.add(g, list), []);
  const out: JsonObject[] = [];
  list.forEach((e, i) => (isObject(e) ? out.push(e) : log.add(`${g}[${i}]`, e)));
  return out;
}

/** A display name from the bundle's value sets, looked up as own data only. */
export function display(ctx: NormaliseContext, set: string, code: string): string | undefined {
  const sets = ctx.valueSets;
  const table = sets && Object.hasOwn(sets, set) ? sets[set] : undefined;
  const name = table && Object.hasOwn(table, code) ? table[code] : undefined;
  return typeof name === 'string' && name.length > 0 ? name : undefined;
}

export interface Events {
  vaccinations: VaccinationRecord[];
  tests: TestRecord[];
  recoveries: RecoveryRecord[];
  /** Certificate identifiers (ci), in entry order. */
  certIds: string[];
}

export function readEvents(dcc: JsonObject, ctx: NormaliseContext, log: UnknownValues): Events {
  const certIds: string[] = [];
  const ci = (e: JsonObject, at: string) => {
    const id = readText(e, 'ci', `${at}.ci`, log);
    if (id) certIds.push(id);
  };
  const vaccinations = entries(dcc, 'v', log).map((e, i): VaccinationRecord => {
    const at = `v[${i}]`;
    ci(e, at);
    const mp = readText(e, 'mp', `${at}.mp`, log) ?? '';
    const dose = readCount(e, 'dn', `${at}.dn`, log);
    const of = readCount(e, 'sd', `${at}.sd`, log);
    const date = readDate(e, 'dt', `${at}.dt`, log);
    return { ...(dose !== undefined ? { dose } : {}), ...(of !== undefined ? { of } : {}), ...(date ? { date } : {}), product: display(ctx, VALUE_SET_VACCINE_PRODUCTS, mp) ?? mp };
  });
  const tests = entries(dcc, 't', log).map((e, i): TestRecord => {
    const at = `t[${i}]`;
    ci(e, at);
    const type = TEST_TYPES.get(e.tt) ?? (log.add(`${at}.tt`, e.tt), 'unknown');
    const result = TEST_RESULTS.get(e.tr) ?? (log.add(`${at}.tr`, e.tr), 'unknown');
    const sampledAt = readInstant(e, 'sc', `${at}.sc`, log);
    return { type, result, ...(sampledAt ? { sampledAt } : {}) };
  });
  const recoveries = entries(dcc, 'r', log).map((e, i): RecoveryRecord => {
    const at = `r[${i}]`;
    ci(e, at);
    const validFrom = readDate(e, 'df', `${at}.df`, log);
    const validUntil = readDate(e, 'du', `${at}.du`, log);
    return { ...(validFrom ? { validFrom } : {}), ...(validUntil ? { validUntil } : {}) };
  });
  return { vaccinations, tests, recoveries, certIds };
}
