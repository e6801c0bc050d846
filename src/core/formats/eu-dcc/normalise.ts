/**
 * CWT claims of an EU DCC -> the format-free Credential.
 *
 * Order: (1) the hcert claim must be a JSON object (MALFORMED_CLAIMS), (2) it must satisfy the JSON
 * schema of its version (SCHEMA_INVALID / SCHEMA_UNAVAILABLE), (3) every field used is type-checked
 * again while it is read (MALFORMED_CLAIMS): the old schemas are lax, and the Credential must be
 * sound whatever a schema allowed. Nothing here throws past normalise.
 *
 * The schema check runs here, not in decode: it is a judgement of content, like every other claims
 * check, and running after decode means the verdict still says whether the signature verified —
 * a validly signed certificate with a schema defect (an issuer's bug) and a forged one are
 * different findings at the gate.
 */
import type { Credential, CredentialKind, RecoveryRecord, TestRecord, VaccinationRecord } from '../../model/credential.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Decoded, NormaliseContext } from '../format.ts';
import {
  CLAIM,
  MAX_DOSE,
  MAX_ENTRIES,
  MAX_TEXT,
  MAX_TIME_S,
  MIN_TIME_S,
  TEST_RESULTS,
  TEST_TYPES,
  VALUE_SET_VACCINE_PRODUCTS,
} from './constants.ts';
import { calendarDate, parseDateTime } from '../../encoding/rfc3339.ts';
import type { DccClaims } from './decode.ts';
import { validateDcc } from './schema/validate.ts';
import type { Reason } from '../../model/reasons.ts';
import { hcertFromClaims, type JsonObject } from './hcert.ts';

class Bad extends Error {}

const COUNTRY = /^[A-Z]{2}$/;
/** ISO 8601 date as the schemas allow a birth date: year, year-month or full date. */
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

const has = (o: JsonObject, k: string) => Object.hasOwn(o, k);

/** CWT NumericDate: seconds, fractions allowed, within 2000..2200. */
function cwtTime(v: unknown, what: string): string {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < MIN_TIME_S || v > MAX_TIME_S) throw new Bad(`${what} is not a time in seconds within 2000..2200`);
  return new Date(Math.floor(v * 1000)).toISOString();
}
function text(v: unknown, what: string, max = MAX_TEXT): string {
  if (typeof v !== 'string' || v.length > max) throw new Bad(`${what} is not a text of at most ${max} characters`);
  return v;
}
function optionalText(o: JsonObject, k: string, what: string): string | undefined {
  return has(o, k) ? text(o[k], what) : undefined;
}
function object(v: unknown, what: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Bad(`${what} is not an object`);
  return v as JsonObject;
}
function date(v: unknown, what: string): string {
  const d = typeof v === 'string' ? calendarDate(v) : undefined;
  if (!d) throw new Bad(`${what} is not a date`);
  return d;
}
function dose(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_DOSE) throw new Bad(`${what} is not a dose number 1..${MAX_DOSE}`);
  return v;
}
function sampleTime(v: unknown): string {
  const t = typeof v === 'string' ? parseDateTime(v) : undefined;
  if (t === undefined || t < MIN_TIME_S * 1000 || t > MAX_TIME_S * 1000) throw new Bad('sample time is not an RFC 3339 date-time within 2000..2200');
  return new Date(t).toISOString();
}

/** A display name from the bundle's value sets, looked up as own data only. */
function display(ctx: NormaliseContext, set: string, code: string): string | undefined {
  const sets = ctx.valueSets;
  const table = sets && Object.hasOwn(sets, set) ? sets[set] : undefined;
  const name = table && Object.hasOwn(table, code) ? table[code] : undefined;
  return typeof name === 'string' && name.length > 0 ? name : undefined;
}

/** "MUSTERFRAU<GOESSINGER" -> "MUSTERFRAU GOESSINGER" (ICAO 9303 filler to spaces). */
const untransliterate = (s: string) => s.replace(/<+/g, ' ').trim();

/** Surname(s), forename(s), in that order as the certificate prints them; the transliterated form when a printed one is missing. */
function holderName(nam: JsonObject): string | undefined {
  const fn = optionalText(nam, 'fn', 'surname');
  const gn = optionalText(nam, 'gn', 'forename');
  const fnt = optionalText(nam, 'fnt', 'standardised surname');
  const gnt = optionalText(nam, 'gnt', 'standardised forename');
  const surname = fn?.trim() || (fnt !== undefined ? untransliterate(fnt) : '');
  const forename = gn?.trim() || (gnt !== undefined ? untransliterate(gnt) : '');
  const name = surname && forename ? `${surname}, ${forename}` : surname || forename;
  return name || undefined;
}

function entries(dcc: JsonObject, group: 'v' | 't' | 'r'): JsonObject[] {
  if (!has(dcc, group) || dcc[group] === null) return []; // some issuers write an absent group as null
  const list = dcc[group];
  if (!Array.isArray(list) || list.length > MAX_ENTRIES) throw new Bad(`${group} is not a list of at most ${MAX_ENTRIES} entries`);
  return list.map((e, i) => object(e, `${group}[${i}]`));
}

export function normalise(decoded: Decoded<DccClaims>, ctx: NormaliseContext): Result<Credential> {
  if (!(decoded.claims instanceof Map)) return fail('MALFORMED_CLAIMS', 'CWT claims are not a map');
  const dcc = hcertFromClaims(decoded.claims);
  if (!dcc.ok) return dcc;
  try {
    return ok(toCredential(decoded, dcc.value, ctx));
  } catch (e) {
    if (e instanceof Bad) return fail('MALFORMED_CLAIMS', e.message);
    throw e;
  }
}

function toCredential(decoded: Decoded<DccClaims>, dcc: JsonObject, ctx: NormaliseContext): Credential {
  const c = decoded.claims;
  const iss = c.get(CLAIM.iss);
  if (typeof iss !== 'string' || !COUNTRY.test(iss)) throw new Bad('iss is not an ISO 3166 alpha-2 country code');
  const issuedAt = cwtTime(c.get(CLAIM.iat), 'iat');
  const exp = cwtTime(c.get(CLAIM.exp), 'exp');
  if (Date.parse(exp) <= Date.parse(issuedAt)) throw new Bad('exp is not after iat');
  // A DCC is still valid at the second of exp (EU verifiers, and the EU test suite's vectors whose
  // validation clock equals exp); Credential.expiresAt is the first instant it is not.
  const expiresAt = new Date(Date.parse(exp) + 1000).toISOString();

  const holder: Credential['holder'] = {};
  const name = holderName(object(dcc.nam, 'nam'));
  if (name) holder.name = name;
  // May be empty, partial ("1979", "1979-04") or, from some issuers, a date-time.
  const dob = text(dcc.dob, 'date of birth', 32);
  if (dob !== '') {
    const birthDate = PARTIAL_DATE.test(dob) ? dob : calendarDate(dob);
    if (!birthDate) throw new Bad('date of birth is not an ISO date');
    holder.birthDate = birthDate;
  }

  const certIds: string[] = [];
  const certId = (e: JsonObject, what: string) => certIds.push(text(e.ci, `${what} certificate identifier`));

  const vaccinations: VaccinationRecord[] = entries(dcc, 'v').map((e) => {
    certId(e, 'vaccination');
    const mp = text(e.mp, 'vaccine product');
    return {
      dose: dose(e.dn, 'dose number'),
      of: dose(e.sd, 'total doses'),
      date: date(e.dt, 'vaccination date'),
      product: display(ctx, VALUE_SET_VACCINE_PRODUCTS, mp) ?? mp,
    };
  });
  const tests: TestRecord[] = entries(dcc, 't').map((e) => {
    certId(e, 'test');
    const type = TEST_TYPES.get(e.tt);
    if (!type) throw new Bad('test type is neither NAAT (LP6464-4) nor RAT (LP217198-3)');
    const result = TEST_RESULTS.get(e.tr);
    if (!result) throw new Bad('test result is neither 260415000 (not detected) nor 260373001 (detected)');
    return { type, result, sampledAt: sampleTime(e.sc) };
  });
  const recoveries: RecoveryRecord[] = entries(dcc, 'r').map((e) => {
    certId(e, 'recovery');
    return { validFrom: date(e.df, 'recovery valid-from date'), validUntil: date(e.du, 'recovery valid-until date') };
  });

  const kinds: CredentialKind[] = [];
  if (vaccinations.length) kinds.push('vaccination');
  if (tests.length) kinds.push('test');
  if (recoveries.length) kinds.push('recovery');
  if (kinds.length === 0) throw new Bad('no vaccination, test or recovery entry');

  const codeId = certIds[0];
  return {
    format: decoded.format,
    issuer: { id: iss, kind: 'country' },
    keyId: decoded.kid,
    ...(codeId ? { codeId } : {}),
    issuedAt,
    expiresAt,
    holder,
    tests,
    vaccinations,
    recoveries,
    kinds,
  };
}

/** The DCC JSON schema of the payload's version: SCHEMA_INVALID / SCHEMA_UNAVAILABLE when it fails. */
export function check(decoded: Decoded<DccClaims>): Reason[] {
  if (!(decoded.claims instanceof Map)) return [];
  const dcc = hcertFromClaims(decoded.claims);
  if (!dcc.ok) return [];
  const schema = validateDcc(dcc.value);
  return schema.ok ? [] : [schema.reason];
}
