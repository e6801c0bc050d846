/**
 * An icao.vacc v1 message -> its Body: uvci, pid {n, dob?, sex?, i?, ai?}, ve [{des, nam, dis?,
 * vd [{dvc, seq, ctr, adm?, lot, dvn?}]}]. VDS-NC v1 states no series length: see seriesLength.
 */
import type { VaccinationRecord } from '../../model/credential.ts';
import { ok, type Result } from '../../result.ts';
import { isFullDate } from '../../encoding/rfc3339.ts';
import type { UnknownValues } from '../unknown-values.ts';
import { eachOk } from '../each-ok.ts';
import { productKey, SINGLE_DOSE_ICD11, SINGLE_DOSE_NAMES } from './constants.ts';
import { bad, holderOf, obj, shown, text, type Body } from './members.ts';
import type { Json, JsonObject } from '../../encoding/strict-json.ts';

/** Dose numbers read as such; a larger or fractional seq is shown, not counted. */
const MAX_DOSE = 99;

/**
 * The series a dose belongs to, as far as the seal says. VDS-NC v1 states no series length: `of`
 * is given only when the seal or the product settles whether this dose completes its series —
 * - `dvn` (date of the next dose) on the dose: another is due, so incomplete: `of` is at least
 *   dose + 1 (a lower bound, which is all a policy's "dose ≥ of" needs);
 * - a single-dose product (constants.ts): complete, `of` = 1;
 * - a later dose of the same series in the seal: this one was not the last (`of` = that dose);
 * - otherwise the series is unknown and `of` is absent: the record is shown, and counts as no
 *   evidence (model/understood.ts) — one dose of a two-dose vaccine must never pass as complete.
 */
function seriesLength(dose: number, dueNext: boolean, singleDose: boolean, highestInSeries: number): number | undefined {
  if (dueNext) return Math.max(dose + 1, highestInSeries);
  if (singleDose) return 1;
  return highestInSeries > dose ? highestInSeries : undefined;
}

interface Product {
  series: string;
  product: string;
  singleDose: boolean;
}
type DoseRecord = VaccinationRecord & Product & { dueNext: boolean };

/** One ve[i].vd[j]: its number and date when readable (else listed as unknown), and whether a next dose is due. */
function doseOf(raw: Json, at: string, p: Product, log: UnknownValues): Result<DoseRecord> {
  const vd = obj(raw, at);
  if (!vd.ok) return vd;
  const { seq, ctr, lot, dvc, dvn } = vd.value;
  if (typeof seq !== 'number') return bad(`${at}.seq is ${seq === undefined ? 'missing' : 'not a number'}`);
  const dose = Number.isInteger(seq) && seq >= 1 && seq <= MAX_DOSE ? seq : log.add(`${at}.seq`, seq);
  for (const [v, what] of [[ctr, `${at}.ctr`], [lot, `${at}.lot`]] as const) {
    const present = text(v, what);
    if (!present.ok) return present;
  }
  const written = text(dvc, `${at}.dvc`);
  if (!written.ok) return written;
  const date = isFullDate(written.value) ? written.value : log.add(`${at}.dvc`, written.value);
  // A next dose due, whatever its date says: a date we cannot read is still a dose due.
  const dueNext = dvn !== undefined;
  if (dueNext) {
    const next = text(dvn, `${at}.dvn`);
    if (!next.ok) return next;
    if (!isFullDate(next.value)) log.add(`${at}.dvn`, next.value);
  }
  return ok({ ...p, dueNext, ...(dose !== undefined ? { dose } : {}), ...(date !== undefined ? { date } : {}) });
}

/** One ve[i]: the product and the series its doses belong to, then each dose. */
function vaccineOf(raw: Json, i: number, log: UnknownValues): Result<DoseRecord[]> {
  const ve = obj(raw, `ve[${i}]`);
  if (!ve.ok) return ve;
  const { des, dis, nam, vd } = ve.value;
  const code = text(des, `ve[${i}].des`);
  if (!code.ok) return code;
  const disease = dis === undefined ? undefined : text(dis, `ve[${i}].dis`);
  if (disease && !disease.ok) return disease;
  const name = text(nam, `ve[${i}].nam`);
  if (!name.ok) return name;
  const p: Product = {
    series: disease ? `dis:${disease.value}` : `des:${code.value}`,
    product: shown(name.value),
    singleDose: SINGLE_DOSE_ICD11.has(code.value) || SINGLE_DOSE_NAMES.has(productKey(name.value)),
  };
  if (!Array.isArray(vd) || vd.length === 0) return bad(`ve[${i}].vd is ${vd === undefined ? 'missing' : 'not a list of doses'}`);
  return eachOk(vd, (d, j) => doseOf(d, `ve[${i}].vd[${j}]`, p, log));
}

export function vaccinationBody(m: JsonObject, log: UnknownValues): Result<Body> {
  const pid = obj(m.pid, 'pid');
  if (!pid.ok) return pid;
  if (!Array.isArray(m.ve) || m.ve.length === 0) return bad(`ve is ${m.ve === undefined ? 'missing' : 'not a list of vaccines'}`);
  // One series per disease (ve.dis, else the vaccine ve.des): a course of mixed products (AZ then
  // Moderna) or one ve entry per dose (Japan's seals) is still one course.
  const read = eachOk(m.ve, (ve, i) => vaccineOf(ve, i, log));
  if (!read.ok) return read;
  const records = read.value.flat();
  const highest = new Map<string, number>();
  for (const r of records) if (r.dose !== undefined) highest.set(r.series, Math.max(highest.get(r.series) ?? 0, r.dose));
  const vaccinations: VaccinationRecord[] = records.map(({ series, dueNext, singleDose, ...r }) => {
    const of = r.dose === undefined ? undefined : seriesLength(r.dose, dueNext, singleDose, highest.get(series) ?? 0);
    return { ...(r.dose !== undefined ? { dose: r.dose } : {}), ...(of !== undefined ? { of } : {}), ...(r.date !== undefined ? { date: r.date } : {}), product: r.product };
  });
  const lastDose = records.flatMap((r) => r.date ?? []).sort().at(-1);
  const codeId = text(m.uvci, 'uvci');
  if (!codeId.ok) return codeId;
  const holder = holderOf(pid.value, pid.value.i, 'pid.i', log);
  if (!holder.ok) return holder;
  return ok({
    codeId: codeId.value,
    ...(lastDose ? { signedAfter: `${lastDose}T00:00:00.000Z` } : {}),
    holder: holder.value,
    tests: [],
    vaccinations,
    recoveries: [],
    kinds: ['vaccination'],
  });
}
