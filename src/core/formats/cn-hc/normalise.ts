/**
 * CWT claims of a CN health code -> the format-free Credential. Every field is type-checked, every
 * map of the format has integer keys (CDDL `* int => any`), dates are calendar dates and a dose is
 * at most the doses in its series (docs/formats/cn-health-code.md §2.5–§2.7).
 */
import { toHex } from '../../encoding/bytes.ts';
import type { Credential, CredentialKind, TestRecord, VaccinationRecord } from '../../model/credential.ts';
import { fail, ok, type Result } from '../../result.ts';
import { eachOk } from '../each-ok.ts';
import type { Decoded } from '../format.ts';
import { readCnf } from './cnf.ts';
import { CLAIM, CLAIM_CNF, CLAIM_HEALTH_CODE, HC, HOLDER, MAX_VALIDITY_S, PAYLOAD_VERSION, STATUS_CODES, TEST, TEST_RESULTS, TEST_TYPES, VACC } from './constants.ts';
import type { CnClaims } from './decode.ts';

/** Broken structure: the one failure a normaliser reports, with what was wrong. */
const bad = (why: string) => fail('MALFORMED_CLAIMS', why);

const REGION = /^[1-9]\d{5}$/;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
/** Years a date text may name: none of the format's dates lies outside; below 100, parsers disagree. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ID_TAIL = /^[0-9X]{1,4}$/;
// Seconds since the epoch, bounded to years 2000..2200 so that no date overflows anywhere downstream.
const MIN_TIME = 946684800;
const MAX_TIME = 7258118400;

function time(v: unknown, what: string): Result<string> {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN_TIME || v > MAX_TIME) return bad(`${what} is not a time`);
  return ok(new Date(v * 1000).toISOString());
}
function text(v: unknown, what: string, max = 64, pattern?: RegExp): Result<string> {
  if (typeof v !== 'string' || v.length === 0 || v.length > max || (pattern && !pattern.test(v))) return bad(`${what} is malformed`);
  return ok(v);
}
/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real (Gregorian) year, month and day. */
function dateText(v: unknown, what: string): Result<string> {
  const m = typeof v === 'string' ? DATE.exec(v) : null;
  if (!m) return bad(`${what} is malformed`);
  const [y, mo, d] = [Number(m[1]), m[2] === undefined ? 1 : Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1];
  if (y < MIN_YEAR || y > MAX_YEAR || days === undefined || d < 1 || d > days) return bad(`${what} is not a calendar date`);
  return ok(v as string);
}
/** A map of the format: keys are integers (CDDL), whatever else it holds. */
function map(v: unknown, what: string): Result<Map<unknown, unknown>> {
  if (!(v instanceof Map)) return bad(`${what} is not a map`);
  for (const k of v.keys()) if (!(typeof k === 'bigint' || (typeof k === 'number' && Number.isInteger(k)))) return bad(`${what} has a key that is not an integer`);
  return ok(v);
}
function list(v: unknown, what: string, max = 16): Result<unknown[]> {
  if (v === undefined) return ok([]);
  if (!Array.isArray(v) || v.length > max) return bad(`${what} is not a list`);
  return ok(v);
}
function small(v: unknown, what: string, max: number): Result<number> {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) return bad(`${what} is out of range`);
  return ok(v);
}

/** iat, exp and nbf: exp after iat, within the format's longest validity. */
function times(c: Map<unknown, unknown>): Result<{ issuedAt: string; expiresAt: string; notBefore?: string }> {
  const issuedAt = time(c.get(CLAIM.iat), 'iat');
  if (!issuedAt.ok) return issuedAt;
  const expiresAt = time(c.get(CLAIM.exp), 'exp');
  if (!expiresAt.ok) return expiresAt;
  const validity = (Date.parse(expiresAt.value) - Date.parse(issuedAt.value)) / 1000;
  if (validity <= 0) return bad('exp is not after iat');
  if (validity > MAX_VALIDITY_S) return bad(`validity exceeds ${MAX_VALIDITY_S / 3600} h`);
  if (!c.has(CLAIM.nbf)) return ok({ issuedAt: issuedAt.value, expiresAt: expiresAt.value });
  const notBefore = time(c.get(CLAIM.nbf), 'nbf');
  if (!notBefore.ok) return notBefore;
  return ok({ issuedAt: issuedAt.value, expiresAt: expiresAt.value, notBefore: notBefore.value });
}

function holderOf(v: unknown): Result<Credential['holder']> {
  const h = map(v, 'holder');
  if (!h.ok) return h;
  const name = text(h.value.get(HOLDER.name), 'holder name');
  if (!name.ok) return name;
  const holder: Credential['holder'] = { name: name.value };
  if (h.value.has(HOLDER.birthDate)) {
    const birthDate = dateText(h.value.get(HOLDER.birthDate), 'birth date');
    if (!birthDate.ok) return birthDate;
    holder.birthDate = birthDate.value;
  }
  if (h.value.has(HOLDER.idTail)) {
    const idTail = text(h.value.get(HOLDER.idTail), 'ID tail', 4, ID_TAIL);
    if (!idTail.ok) return idTail;
    holder.idTail = idTail.value;
  }
  return ok(holder);
}

function testOf(t: unknown): Result<TestRecord> {
  const m = map(t, 'test');
  if (!m.ok) return m;
  const type = TEST_TYPES.get(m.value.get(TEST.type));
  const result = TEST_RESULTS.get(m.value.get(TEST.result));
  if (!type || !result) return bad('test type or result is out of range');
  const sampledAt = time(m.value.get(TEST.sampledAt), 'sample time');
  if (!sampledAt.ok) return sampledAt;
  return ok({ type, result, sampledAt: sampledAt.value });
}

function vaccinationOf(v: unknown): Result<VaccinationRecord> {
  const m = map(v, 'vaccination');
  if (!m.ok) return m;
  const dose = small(m.value.get(VACC.dose), 'dose', 20);
  if (!dose.ok) return dose;
  const of = small(m.value.get(VACC.of), 'dose total', 20);
  if (!of.ok) return of;
  if (dose.value < 1 || of.value < 1) return bad('dose numbers start at 1');
  if (dose.value > of.value) return bad('dose is above the doses in its series');
  const date = dateText(m.value.get(VACC.date), 'vaccination date');
  if (!date.ok) return date;
  const product = text(m.value.get(VACC.product), 'product');
  if (!product.ok) return product;
  return ok({ dose: dose.value, of: of.value, date: date.value, product: product.value });
}

/** The health code claim: version, status, holder, tests and vaccinations, read in that order. */
function healthCodeOf(v: unknown): Result<Pick<Credential, 'holder' | 'healthStatus' | 'tests' | 'vaccinations'>> {
  const hc = map(v, 'health code claim');
  if (!hc.ok) return hc;
  if (hc.value.get(HC.ver) !== PAYLOAD_VERSION) return bad('unsupported payload version');
  const status = small(hc.value.get(HC.status), 'status', STATUS_CODES.length - 1);
  if (!status.ok) return status;
  const holder = holderOf(hc.value.get(HC.holder));
  if (!holder.ok) return holder;
  const testList = list(hc.value.get(HC.tests), 'tests');
  if (!testList.ok) return testList;
  const tests = eachOk(testList.value, testOf);
  if (!tests.ok) return tests;
  const vaccList = list(hc.value.get(HC.vaccinations), 'vaccinations');
  if (!vaccList.ok) return vaccList;
  const vaccinations = eachOk(vaccList.value, vaccinationOf);
  if (!vaccinations.ok) return vaccinations;
  return ok({ holder: holder.value, healthStatus: STATUS_CODES[status.value]!, tests: tests.value, vaccinations: vaccinations.value });
}

export function normalise(decoded: Decoded<CnClaims>): Result<Credential> {
  const c = map(decoded.claims, 'CWT claims');
  if (!c.ok) return c;
  const issuer = text(c.value.get(CLAIM.iss), 'iss', 6, REGION);
  if (!issuer.ok) return issuer;
  const t = times(c.value);
  if (!t.ok) return t;
  const cti = c.value.get(CLAIM.cti);
  if (!(cti instanceof Uint8Array) || cti.length < 8 || cti.length > 32) return bad('cti is not an 8..32 byte id');
  const content = healthCodeOf(c.value.get(CLAIM_HEALTH_CODE));
  if (!content.ok) return content;
  const { holder, healthStatus, tests, vaccinations } = content.value;
  // v1.1: a code naming its holder's device key; the pipeline checks the presentation with it.
  if (c.value.has(CLAIM_CNF)) {
    const key = readCnf(c.value.get(CLAIM_CNF));
    if (!key.ok) return key;
  }

  const kinds: CredentialKind[] = ['health-status'];
  if (tests.length) kinds.push('test');
  if (vaccinations.length) kinds.push('vaccination');
  return ok({
    format: decoded.format,
    issuer: { id: issuer.value, kind: 'province' },
    keyId: decoded.kid,
    codeId: toHex(cti),
    issuedAt: t.value.issuedAt,
    expiresAt: t.value.expiresAt,
    ...(t.value.notBefore ? { notBefore: t.value.notBefore } : {}),
    holder,
    healthStatus,
    tests,
    vaccinations,
    recoveries: [],
    ...(c.value.has(CLAIM_CNF) ? { deviceBound: {} } : {}),
    kinds,
  });
}
