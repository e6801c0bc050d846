/**
 * The FHIR R4 bundle of a health card -> holder, vaccinations and tests. Resources the gate has no
 * use for (DiagnosticReport, Specimen, other lab values) are skipped; the ones it uses are
 * type-checked field by field and a wrong shape is MALFORMED_CLAIMS (thrown as Bad, caught by normalise).
 */
import type { Holder, TestRecord, VaccinationRecord } from '../../model/credential.ts';
import { MAX_ENTRIES, MAX_TEXT } from './constants.ts';
import { testResult, testType, vaccineProduct, type Coding } from './vaccine-codes.ts';

export class Bad extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_TEXT) throw new Bad(`${what} is not a text of 1..${MAX_TEXT} characters`);
  return v;
}
function list(v: unknown, what: string, max = MAX_ENTRIES): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > max) throw new Bad(`${what} is not a list of at most ${max}`);
  return v;
}

/** FHIR date (YYYY, YYYY-MM, YYYY-MM-DD) as written; dateTime -> its date part. */
const FHIR_DATE = /^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const FHIR_DATETIME = /^(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/;

function dateOf(v: unknown, what: string, full: boolean): string {
  if (typeof v === 'string') {
    const dt = FHIR_DATETIME.exec(v);
    if (dt) return dt[1]!;
    const d = FHIR_DATE.exec(v);
    if (d && (!full || d[5])) return v;
  }
  throw new Bad(`${what} is not a FHIR ${full ? 'full date' : 'date'}`);
}

function instant(v: unknown, what: string): string {
  if (typeof v !== 'string' || !FHIR_DATETIME.test(v)) throw new Bad(`${what} is not a FHIR dateTime with time zone`);
  return new Date(Date.parse(v)).toISOString();
}

function codings(concept: unknown, what: string): Coding[] {
  if (!isObj(concept)) throw new Bad(`${what} is not a CodeableConcept`);
  return list(concept.coding, `${what}.coding`, 16).map((c, i) => {
    if (!isObj(c)) throw new Bad(`${what}.coding[${i}] is not an object`);
    return { system: text(c.system, `${what}.coding[${i}].system`), code: text(c.code, `${what}.coding[${i}].code`) };
  });
}

/** Family name first, then given names ("Anyperson, John B."), as the DCC prints them. */
function holderOf(patient: Obj): Holder {
  const holder: Holder = {};
  const name = list(patient.name, 'Patient.name', 8)[0];
  if (name !== undefined) {
    if (!isObj(name)) throw new Bad('Patient.name[0] is not a HumanName');
    const family = name.family === undefined ? '' : text(name.family, 'Patient.name.family');
    const given = list(name.given, 'Patient.name.given', 8).map((g, i) => text(g, `Patient.name.given[${i}]`)).join(' ');
    const full = family && given ? `${family}, ${given}` : family || given || (name.text !== undefined ? text(name.text, 'Patient.name.text') : '');
    if (full) holder.name = full;
  }
  if (patient.birthDate !== undefined) holder.birthDate = dateOf(patient.birthDate, 'Patient.birthDate', false);
  return holder;
}

interface Dose {
  date: string;
  product: string;
  series?: number;
}

function doseOf(r: Obj): Dose | undefined {
  // Only given doses count: "entered-in-error" and "not-done" are no evidence.
  if (r.status !== 'completed') return undefined;
  const coding = codings(r.vaccineCode, 'Immunization.vaccineCode')[0];
  if (!coding) throw new Bad('Immunization.vaccineCode has no coding');
  const p = vaccineProduct(coding);
  return { date: dateOf(r.occurrenceDateTime, 'Immunization.occurrenceDateTime', true), product: p.name, ...(p.doses ? { series: p.doses } : {}) };
}

/** An Observation that is a SARS-CoV-2 test the gate knows, with a result it can read; else undefined. */
function testOf(r: Obj): TestRecord | undefined {
  if (!['final', 'amended', 'corrected'].includes(r.status as string)) return undefined;
  const type = codings(r.code, 'Observation.code').map(testType).find((t) => t !== undefined);
  if (!type || r.valueCodeableConcept === undefined) return undefined;
  const result = codings(r.valueCodeableConcept, 'Observation.valueCodeableConcept').map(testResult).find((x) => x !== undefined);
  if (!result) return undefined;
  return { type, result, sampledAt: instant(r.effectiveDateTime, 'Observation.effectiveDateTime') };
}

export interface FhirContent {
  holder: Holder;
  vaccinations: VaccinationRecord[];
  tests: TestRecord[];
}

export function readFhirBundle(bundle: Obj): FhirContent {
  const resources = list(bundle.entry, 'Bundle.entry').map((e, i) => {
    if (!isObj(e) || !isObj(e.resource) || typeof e.resource.resourceType !== 'string') throw new Bad(`Bundle.entry[${i}] has no resource`);
    return e.resource;
  });
  const patients = resources.filter((r) => r.resourceType === 'Patient');
  if (patients.length > 1) throw new Bad('more than one Patient');
  const doses = resources.filter((r) => r.resourceType === 'Immunization').flatMap((r) => doseOf(r) ?? []);
  // Cards carry no dose numbers: doses are numbered by date. The series length is the first
  // known product's; with none known the gate cannot call the series complete (of = count + 1).
  doses.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const of = doses.find((d) => d.series)?.series ?? doses.length + 1;
  return {
    holder: patients[0] ? holderOf(patients[0]) : {},
    vaccinations: doses.map((d, i) => ({ dose: i + 1, of, date: d.date, product: d.product })),
    tests: resources.filter((r) => r.resourceType === 'Observation').flatMap((r) => testOf(r) ?? []),
  };
}
