/**
 * The FHIR R4 bundle of a health card -> holder, vaccinations and tests.
 *
 * Unknown is not malformed: resources the gate has no use for (DiagnosticReport, Specimen, lab
 * values other than SARS-CoV-2 tests) are skipped; codes and systems it does not know, statuses
 * other than the ones it counts, a date it cannot place, a result it cannot read are read and shown
 * (the record then counts as no evidence, the raw value goes to Credential.unknown). Only structure
 * that cannot be read is MALFORMED_CLAIMS (thrown as Bad, caught by normalise): an element of a
 * resource the gate reads that has the wrong JSON type, or an element FHIR R4 requires that is
 * missing (Immunization.vaccineCode and occurrence[x], Observation.code), or two Patients.
 *
 * Dates: every FHIR dateTime precision is accepted (YYYY, YYYY-MM, YYYY-MM-DD, or a date-time
 * with seconds and a time zone). A vaccination keeps its date as written (a partial one too: the
 * policy engine reads "2021-02" as its last day, so a 14-day wait is never cut short) and doses are
 * ordered by the start of their period. A test's sampling time is an instant: a partial date is
 * the start of its period (UTC), which makes a test look older, never fresher.
 */
import type { Holder, TestRecord, VaccinationRecord } from '../../model/credential.ts';
import type { UnknownValues } from '../unknown-values.ts';
import { MAX_ENTRIES, MAX_TEXT } from './constants.ts';
import { testResult, testType, vaccineProduct, type Coding } from './vaccine-codes.ts';

export class Bad extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A FHIR string element, if present (an empty string counts as absent); another type is unreadable. */
function optText(v: unknown, what: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new Bad(`${what} is not a string`);
  return v === '' ? undefined : v;
}
const shown = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

function list(v: unknown, what: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > MAX_ENTRIES) throw new Bad(`${what} is not a list of at most ${MAX_ENTRIES}`);
  return v;
}

// FHIR R4 dateTime: year, month, day, then a time with seconds, which needs a time zone.
const FHIR_DATETIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2})))?)?)?$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

interface FhirTime {
  /** The date as written (YYYY, YYYY-MM or YYYY-MM-DD; a date-time's own calendar date). */
  date: string;
  /** The start of the period (a date-time: its instant), milliseconds since the epoch. */
  start: number;
  /** Whether a time of day was given. */
  timed: boolean;
}

/** A FHIR dateTime (or date) string -> its date and start instant; undefined when it is none. */
export function fhirDateTime(s: string): FhirTime | undefined {
  const m = FHIR_DATETIME.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = m[2] === undefined ? 1 : Number(m[2]);
  const d = m[3] === undefined ? 1 : Number(m[3]);
  if (y === 0 || mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && isLeap(y) ? 29 : DAYS[mo - 1]!)) return undefined;
  const date = s.slice(0, m[3] !== undefined ? 10 : m[2] !== undefined ? 7 : 4);
  let start = Date.UTC(y, mo - 1, d);
  if (y < 100) start = new Date(start).setUTCFullYear(y); // Date.UTC reads years 0..99 as 1900..1999
  if (m[4] === undefined) return { date, start, timed: false };
  const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (h > 23 || mi > 59 || sec > 60) return undefined;
  let offsetMin = 0;
  if (m[9]) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (om > 59 || oh > 14 || (oh === 14 && om > 0)) return undefined;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  return { date, start: start + ((h * 60 + mi - offsetMin) * 60 + Math.min(sec, 59)) * 1000 + (sec === 60 ? 999 : ms), timed: true };
}

function codings(concept: unknown, what: string): Coding[] {
  if (!isObj(concept)) throw new Bad(`${what} is ${concept === undefined ? 'missing' : 'not a CodeableConcept'}`);
  return list(concept.coding, `${what}.coding`).flatMap((c, i) => {
    if (!isObj(c)) throw new Bad(`${what}.coding[${i}] is not a Coding`);
    // system and code are both optional in FHIR: a coding without them names nothing we can look up.
    const system = optText(c.system, `${what}.coding[${i}].system`);
    const code = optText(c.code, `${what}.coding[${i}].code`);
    optText(c.display, `${what}.coding[${i}].display`);
    return code === undefined ? [] : [{ system: system ?? '', code }];
  });
}

/** How a concept reads when none of its codes is known (for staff): its first coding, else its text. */
function conceptAsWritten(concept: Obj): string {
  const first = list(concept.coding, 'coding')[0];
  const parts = isObj(first) ? [first.system, first.code, first.display].filter((x): x is string => typeof x === 'string' && x !== '') : [];
  if (parts.length) return parts.join('|');
  return typeof concept.text === 'string' && concept.text ? concept.text : JSON.stringify(concept);
}

/** Family name first, then given names ("Anyperson, John B."), as the DCC prints them. */
function holderOf(patient: Obj, log: UnknownValues): Holder {
  const holder: Holder = {};
  const name = list(patient.name, 'Patient.name')[0];
  if (name !== undefined) {
    if (!isObj(name)) throw new Bad('Patient.name[0] is not a HumanName');
    const family = optText(name.family, 'Patient.name.family') ?? '';
    const given = list(name.given, 'Patient.name.given')
      .map((g, i) => optText(g, `Patient.name.given[${i}]`))
      .filter((g): g is string => g !== undefined)
      .join(' ');
    const full = family && given ? `${family}, ${given}` : family || given || optText(name.text, 'Patient.name.text') || '';
    if (full) holder.name = shown(full);
  }
  const birthDate = optText(patient.birthDate, 'Patient.birthDate');
  if (birthDate !== undefined) {
    const t = fhirDateTime(birthDate);
    if (t) holder.birthDate = t.date;
    else log.add('Patient.birthDate', birthDate);
  }
  return holder;
}

interface Dose {
  /** Undefined: the card gives no date we can place (occurrenceString, an unreadable dateTime). */
  date?: string;
  /** Sort key: the start of the date's period. */
  start?: number;
  product: string;
  series?: number;
}

function doseOf(r: Obj, log: UnknownValues): Dose | undefined {
  // Only given doses count: "entered-in-error" and "not-done" (or anything else) are no evidence.
  if (r.status !== 'completed') return undefined;
  const all = codings(r.vaccineCode, 'Immunization.vaccineCode');
  // The first coding that names a product the gate knows (in any system it reads); else the first
  // coding as written ("CVX 999"), else the concept's text: shown, and listed as not understood.
  const known = all.map(vaccineProduct).find((p) => p.known);
  const text = optText((r.vaccineCode as Obj).text, 'Immunization.vaccineCode.text');
  const product: { name: string; doses?: number } = known ?? (all[0] ? vaccineProduct(all[0]) : { name: text ?? 'unknown vaccine' });
  if (!known) log.add('Immunization.vaccineCode', conceptAsWritten(r.vaccineCode as Obj));
  const base = { product: shown(product.name), ...(product.doses ? { series: product.doses } : {}) };
  // occurrence[x] (1..1): a dateTime, or a string ("spring 2021") that names no date we can place.
  const dt = r.occurrenceDateTime;
  const str = r.occurrenceString;
  if (dt !== undefined && str !== undefined) throw new Bad('Immunization has both occurrenceDateTime and occurrenceString');
  if (dt === undefined && str === undefined) throw new Bad('Immunization has no occurrence[x] (FHIR requires one)');
  if (str !== undefined) {
    log.add('Immunization.occurrenceString', optText(str, 'Immunization.occurrenceString') ?? '');
    return base;
  }
  if (typeof dt !== 'string') throw new Bad('Immunization.occurrenceDateTime is not a string');
  const t = fhirDateTime(dt);
  if (!t) {
    log.add('Immunization.occurrenceDateTime', dt);
    return base;
  }
  return { ...base, date: t.date, start: t.start };
}

/** The sampling time of an Observation: effectiveDateTime, effectiveInstant or effectivePeriod.start. */
function sampledAtOf(r: Obj, log: UnknownValues): string | undefined {
  const period = r.effectivePeriod;
  if (period !== undefined && !isObj(period)) throw new Bad('Observation.effectivePeriod is not a Period');
  const [field, raw] =
    r.effectiveDateTime !== undefined ? ['Observation.effectiveDateTime', r.effectiveDateTime] : r.effectiveInstant !== undefined ? ['Observation.effectiveInstant', r.effectiveInstant] : isObj(period) ? ['Observation.effectivePeriod.start', period.start] : ['Observation.effective[x]', undefined];
  if (raw === undefined) return log.add(field, undefined);
  if (typeof raw !== 'string') throw new Bad(`${field} is not a string`);
  const t = fhirDateTime(raw);
  // An instant must carry its time (FHIR instant); a dateTime may be a date, read as the start of its period.
  if (!t || (field === 'Observation.effectiveInstant' && !t.timed)) return log.add(field, raw);
  return new Date(t.start).toISOString();
}

/** An Observation that is a SARS-CoV-2 test the gate knows (by LOINC code); else undefined (another lab value). */
function testOf(r: Obj, log: UnknownValues): TestRecord | undefined {
  if (!['final', 'amended', 'corrected'].includes(r.status as string)) return undefined;
  const type = codings(r.code, 'Observation.code').map(testType).find((t) => t !== undefined);
  if (!type) return undefined;
  let result: TestRecord['result'] = 'unknown';
  if (r.valueCodeableConcept !== undefined) {
    result = codings(r.valueCodeableConcept, 'Observation.valueCodeableConcept').map(testResult).find((x) => x !== undefined) ?? 'unknown';
    if (result === 'unknown') log.add('Observation.valueCodeableConcept', conceptAsWritten(r.valueCodeableConcept as Obj));
  } else {
    // A result written otherwise (valueString "Negative", valueQuantity, none at all) is not one we read.
    const other = Object.keys(r).find((k) => k.startsWith('value'));
    log.add(other ? `Observation.${other}` : 'Observation.value[x]', other ? r[other] : undefined);
  }
  const sampledAt = sampledAtOf(r, log);
  return { type, result, ...(sampledAt ? { sampledAt } : {}) };
}

export interface FhirContent {
  holder: Holder;
  vaccinations: VaccinationRecord[];
  tests: TestRecord[];
}

export function readFhirBundle(bundle: Obj, log: UnknownValues): FhirContent {
  const resources = list(bundle.entry, 'Bundle.entry').map((e, i) => {
    if (!isObj(e) || !isObj(e.resource) || typeof e.resource.resourceType !== 'string') throw new Bad(`Bundle.entry[${i}] has no resource`);
    return e.resource;
  });
  const patients = resources.filter((r) => r.resourceType === 'Patient');
  if (patients.length > 1) throw new Bad('more than one Patient');
  const doses = resources.filter((r) => r.resourceType === 'Immunization').flatMap((r) => doseOf(r, log) ?? []);
  // Cards carry no dose numbers: dated doses are numbered by date (the start of a partial date's
  // period; ties keep the card's order). The series length is the first known product's; with none
  // known the gate cannot call the series complete (of = count + 1). A dose without a date we can
  // place is shown without a number (no evidence).
  const dated = doses.filter((d) => d.start !== undefined).sort((a, b) => a.start! - b.start!);
  const undated = doses.filter((d) => d.start === undefined);
  const of = [...dated, ...undated].find((d) => d.series)?.series ?? doses.length + 1;
  return {
    holder: patients[0] ? holderOf(patients[0], log) : {},
    vaccinations: [
      ...dated.map((d, i) => ({ dose: i + 1, of, date: d.date!, product: d.product })),
      ...undated.map((d) => ({ of, product: d.product })),
    ],
    tests: resources.filter((r) => r.resourceType === 'Observation').flatMap((r) => testOf(r, log) ?? []),
  };
}
