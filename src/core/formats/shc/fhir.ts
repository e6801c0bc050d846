/**
 * The FHIR R4 bundle of a health card -> holder, vaccinations and tests.
 *
 * Unknown is not malformed: resources the gate has no use for (DiagnosticReport, Specimen, lab
 * values other than SARS-CoV-2 tests) are skipped; codes and systems it does not know, statuses
 * other than the ones it counts, a date it cannot place, a result it cannot read are read and shown
 * (the record then counts as no evidence, the raw value goes to Credential.unknown). Only structure
 * that cannot be read is MALFORMED_CLAIMS (a failure value, the first one found): an element of a
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
import { fail, ok, type Result } from '../../result.ts';
import { eachOk } from '../each-ok.ts';
import type { UnknownValues } from '../unknown-values.ts';
import { MAX_ENTRIES, MAX_TEXT } from './constants.ts';
import { fhirDateTime } from './fhir-datetime.ts';
import { testResult, testType, vaccineProduct, type Coding } from './vaccine-codes.ts';

export { fhirDateTime } from './fhir-datetime.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Structure that cannot be read: the one failure this file reports. */
const bad = (why: string) => fail('MALFORMED_CLAIMS', why);

/** A FHIR string element, if present (an empty string counts as absent); another type is unreadable. */
function optText(v: unknown, what: string): Result<string | undefined> {
  if (v === undefined) return ok(undefined);
  if (typeof v !== 'string') return bad(`${what} is not a string`);
  return ok(v === '' ? undefined : v);
}
const shown = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

function list(v: unknown, what: string): Result<unknown[]> {
  if (v === undefined) return ok([]);
  if (!Array.isArray(v) || v.length > MAX_ENTRIES) return bad(`${what} is not a list of at most ${MAX_ENTRIES}`);
  return ok(v);
}

function coding(c: unknown, at: string): Result<Coding[]> {
  if (!isObj(c)) return bad(`${at} is not a Coding`);
  // system and code are both optional in FHIR: a coding without them names nothing we can look up.
  const system = optText(c.system, `${at}.system`);
  if (!system.ok) return system;
  const code = optText(c.code, `${at}.code`);
  if (!code.ok) return code;
  const display = optText(c.display, `${at}.display`);
  if (!display.ok) return display;
  return ok(code.value === undefined ? [] : [{ system: system.value ?? '', code: code.value }]);
}

function codings(concept: unknown, what: string): Result<Coding[]> {
  if (!isObj(concept)) return bad(`${what} is ${concept === undefined ? 'missing' : 'not a CodeableConcept'}`);
  const all = list(concept.coding, `${what}.coding`);
  if (!all.ok) return all;
  const each = eachOk(all.value, (c, i) => coding(c, `${what}.coding[${i}]`));
  return each.ok ? ok(each.value.flat()) : each;
}

/** How a concept reads when none of its codes is known (for staff): its first coding, else its text. */
function conceptAsWritten(concept: Obj): string {
  // Called only after codings() read this concept, so its coding is absent or a bounded list.
  const first = Array.isArray(concept.coding) ? (concept.coding[0] as unknown) : undefined;
  const parts = isObj(first) ? [first.system, first.code, first.display].filter((x): x is string => typeof x === 'string' && x !== '') : [];
  if (parts.length) return parts.join('|');
  return typeof concept.text === 'string' && concept.text ? concept.text : JSON.stringify(concept);
}

/** Given names joined by spaces ("John B."); empty and absent ones left out. */
function givenNames(v: unknown): Result<string> {
  const given = list(v, 'Patient.name.given');
  if (!given.ok) return given;
  const names = eachOk(given.value, (g, i) => optText(g, `Patient.name.given[${i}]`));
  return names.ok ? ok(names.value.filter((g): g is string => g !== undefined).join(' ')) : names;
}

/** Family name first, then given names ("Anyperson, John B."), as the DCC prints them; else name.text. */
function fullName(name: unknown): Result<string> {
  if (!isObj(name)) return bad('Patient.name[0] is not a HumanName');
  const family = optText(name.family, 'Patient.name.family');
  if (!family.ok) return family;
  const given = givenNames(name.given);
  if (!given.ok) return given;
  if (family.value && given.value) return ok(`${family.value}, ${given.value}`);
  if (family.value || given.value) return ok(family.value || given.value);
  // name.text is read (and must be a string) only when the parts name nobody.
  const text = optText(name.text, 'Patient.name.text');
  return text.ok ? ok(text.value || '') : text;
}

function holderOf(patient: Obj, log: UnknownValues): Result<Holder> {
  const holder: Holder = {};
  const names = list(patient.name, 'Patient.name');
  if (!names.ok) return names;
  if (names.value[0] !== undefined) {
    const full = fullName(names.value[0]);
    if (!full.ok) return full;
    if (full.value) holder.name = shown(full.value);
  }
  const birthDate = optText(patient.birthDate, 'Patient.birthDate');
  if (!birthDate.ok) return birthDate;
  if (birthDate.value !== undefined) {
    const t = fhirDateTime(birthDate.value);
    if (t) holder.birthDate = t.date;
    else log.add('Patient.birthDate', birthDate.value);
  }
  return ok(holder);
}

interface Dose {
  /** Undefined: the card gives no date we can place (occurrenceString, an unreadable dateTime). */
  date?: string;
  /** Sort key: the start of the date's period. */
  start?: number;
  product: string;
  series?: number;
}

/** The product a dose names, as the dose's base record (no date yet). */
function productOf(r: Obj, log: UnknownValues): Result<Dose> {
  const all = codings(r.vaccineCode, 'Immunization.vaccineCode');
  if (!all.ok) return all;
  // The first coding that names a product the gate knows (in any system it reads); else the first
  // coding as written ("CVX 999"), else the concept's text: shown, and listed as not understood.
  const known = all.value.map(vaccineProduct).find((p) => p.known);
  const text = optText((r.vaccineCode as Obj).text, 'Immunization.vaccineCode.text');
  if (!text.ok) return text;
  const product: { name: string; doses?: number } = known ?? (all.value[0] ? vaccineProduct(all.value[0]) : { name: text.value ?? 'unknown vaccine' });
  if (!known) log.add('Immunization.vaccineCode', conceptAsWritten(r.vaccineCode as Obj));
  return ok({ product: shown(product.name), ...(product.doses ? { series: product.doses } : {}) });
}

function doseOf(r: Obj, log: UnknownValues): Result<Dose[]> {
  // Only given doses count: "entered-in-error" and "not-done" (or anything else) are no evidence.
  if (r.status !== 'completed') return ok([]);
  const base = productOf(r, log);
  if (!base.ok) return base;
  // occurrence[x] (1..1): a dateTime, or a string ("spring 2021") that names no date we can place.
  const dt = r.occurrenceDateTime;
  const str = r.occurrenceString;
  if (dt !== undefined && str !== undefined) return bad('Immunization has both occurrenceDateTime and occurrenceString');
  if (dt === undefined && str === undefined) return bad('Immunization has no occurrence[x] (FHIR requires one)');
  if (str !== undefined) {
    const written = optText(str, 'Immunization.occurrenceString');
    if (!written.ok) return written;
    log.add('Immunization.occurrenceString', written.value ?? '');
    return ok([base.value]);
  }
  if (typeof dt !== 'string') return bad('Immunization.occurrenceDateTime is not a string');
  const t = fhirDateTime(dt);
  if (!t) {
    log.add('Immunization.occurrenceDateTime', dt);
    return ok([base.value]);
  }
  return ok([{ ...base.value, date: t.date, start: t.start }]);
}

/** The sampling time of an Observation: effectiveDateTime, effectiveInstant or effectivePeriod.start. */
function sampledAtOf(r: Obj, log: UnknownValues): Result<string | undefined> {
  const period = r.effectivePeriod;
  if (period !== undefined && !isObj(period)) return bad('Observation.effectivePeriod is not a Period');
  const [field, raw] =
    r.effectiveDateTime !== undefined ? ['Observation.effectiveDateTime', r.effectiveDateTime] : r.effectiveInstant !== undefined ? ['Observation.effectiveInstant', r.effectiveInstant] : isObj(period) ? ['Observation.effectivePeriod.start', period.start] : ['Observation.effective[x]', undefined];
  if (raw === undefined) return ok(log.add(field, undefined));
  if (typeof raw !== 'string') return bad(`${field} is not a string`);
  const t = fhirDateTime(raw);
  // An instant must carry its time (FHIR instant); a dateTime may be a date, read as the start of its period.
  if (!t || (field === 'Observation.effectiveInstant' && !t.timed)) return ok(log.add(field, raw));
  return ok(new Date(t.start).toISOString());
}

/** The result of a test: its valueCodeableConcept when the gate knows a code of it, else 'unknown'. */
function resultOf(r: Obj, log: UnknownValues): Result<TestRecord['result']> {
  if (r.valueCodeableConcept === undefined) {
    // A result written otherwise (valueString "Negative", valueQuantity, none at all) is not one we read.
    const other = Object.keys(r).find((k) => k.startsWith('value'));
    log.add(other ? `Observation.${other}` : 'Observation.value[x]', other ? r[other] : undefined);
    return ok('unknown');
  }
  const all = codings(r.valueCodeableConcept, 'Observation.valueCodeableConcept');
  if (!all.ok) return all;
  const result = all.value.map(testResult).find((x) => x !== undefined) ?? 'unknown';
  if (result === 'unknown') log.add('Observation.valueCodeableConcept', conceptAsWritten(r.valueCodeableConcept as Obj));
  return ok(result);
}

/** An Observation that is a SARS-CoV-2 test the gate knows (by LOINC code); else none (another lab value). */
function testOf(r: Obj, log: UnknownValues): Result<TestRecord[]> {
  if (!['final', 'amended', 'corrected'].includes(r.status as string)) return ok([]);
  const code = codings(r.code, 'Observation.code');
  if (!code.ok) return code;
  const type = code.value.map(testType).find((t) => t !== undefined);
  if (!type) return ok([]);
  const result = resultOf(r, log);
  if (!result.ok) return result;
  const sampledAt = sampledAtOf(r, log);
  if (!sampledAt.ok) return sampledAt;
  return ok([{ type, result: result.value, ...(sampledAt.value ? { sampledAt: sampledAt.value } : {}) }]);
}

export interface FhirContent {
  holder: Holder;
  vaccinations: VaccinationRecord[];
  tests: TestRecord[];
}

/** The bundle's resources, in order; every entry must hold one. */
function resourcesOf(bundle: Obj): Result<Obj[]> {
  const entries = list(bundle.entry, 'Bundle.entry');
  if (!entries.ok) return entries;
  return eachOk(entries.value, (e, i) => (isObj(e) && isObj(e.resource) && typeof e.resource.resourceType === 'string' ? ok(e.resource) : bad(`Bundle.entry[${i}] has no resource`)));
}

/**
 * Cards carry no dose numbers: dated doses are numbered by date (the start of a partial date's
 * period; ties keep the card's order). The series length is the first known product's; with none
 * known the gate cannot call the series complete (of = count + 1). A dose without a date we can
 * place is shown without a number (no evidence).
 */
function numbered(doses: Dose[]): VaccinationRecord[] {
  const dated = doses.filter((d) => d.start !== undefined).sort((a, b) => a.start! - b.start!);
  const undated = doses.filter((d) => d.start === undefined);
  const of = [...dated, ...undated].find((d) => d.series)?.series ?? doses.length + 1;
  return [...dated.map((d, i) => ({ dose: i + 1, of, date: d.date!, product: d.product })), ...undated.map((d) => ({ of, product: d.product }))];
}

/** Read in the order the unknown-value log lists its entries: doses, then the holder, then tests. */
export function readFhirBundle(bundle: Obj, log: UnknownValues): Result<FhirContent> {
  const resources = resourcesOf(bundle);
  if (!resources.ok) return resources;
  const patients = resources.value.filter((r) => r.resourceType === 'Patient');
  if (patients.length > 1) return bad('more than one Patient');
  const doses = eachOk(resources.value.filter((r) => r.resourceType === 'Immunization'), (r) => doseOf(r, log));
  if (!doses.ok) return doses;
  const holder = patients[0] ? holderOf(patients[0], log) : ok<Holder>({});
  if (!holder.ok) return holder;
  const tests = eachOk(resources.value.filter((r) => r.resourceType === 'Observation'), (r) => testOf(r, log));
  if (!tests.ok) return tests;
  return ok({ holder: holder.value, vaccinations: numbered(doses.value.flat()), tests: tests.value.flat() });
}
