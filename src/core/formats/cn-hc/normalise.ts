/**
 * CWT claims of a CN health code -> the format-free Credential. Every field is type-checked, every
 * map of the format has integer keys (CDDL `* int => any`), dates are calendar dates and a dose is
 * at most the doses in its series (docs/formats/cn-health-code.md §2.5–§2.7).
 */
import { toHex } from '../../encoding/bytes.ts';
import type { Credential, CredentialKind, TestRecord, VaccinationRecord } from '../../model/credential.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Decoded } from '../format.ts';
import { CLAIM, CLAIM_HEALTH_CODE, HC, HOLDER, MAX_VALIDITY_S, PAYLOAD_VERSION, STATUS_CODES, TEST, TEST_RESULTS, TEST_TYPES, VACC } from './constants.ts';
import type { CnClaims } from './decode.ts';

class Bad extends Error {}

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

function time(v: unknown, what: string): string {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN_TIME || v > MAX_TIME) throw new Bad(`${what} is not a time`);
  return new Date(v * 1000).toISOString();
}
function text(v: unknown, what: string, max = 64, pattern?: RegExp): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max || (pattern && !pattern.test(v))) throw new Bad(`${what} is malformed`);
  return v;
}
/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real (Gregorian) year, month and day. */
function dateText(v: unknown, what: string): string {
  const m = typeof v === 'string' ? DATE.exec(v) : null;
  if (!m) throw new Bad(`${what} is malformed`);
  const [y, mo, d] = [Number(m[1]), m[2] === undefined ? 1 : Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1];
  if (y < MIN_YEAR || y > MAX_YEAR || days === undefined || d < 1 || d > days) throw new Bad(`${what} is not a calendar date`);
  return v as string;
}
/** A map of the format: keys are integers (CDDL), whatever else it holds. */
function map(v: unknown, what: string): Map<unknown, unknown> {
  if (!(v instanceof Map)) throw new Bad(`${what} is not a map`);
  for (const k of v.keys()) if (!(typeof k === 'bigint' || (typeof k === 'number' && Number.isInteger(k)))) throw new Bad(`${what} has a key that is not an integer`);
  return v;
}
function list(v: unknown, what: string, max = 16): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > max) throw new Bad(`${what} is not a list`);
  return v;
}
function small(v: unknown, what: string, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) throw new Bad(`${what} is out of range`);
  return v;
}

export function normalise(decoded: Decoded<CnClaims>): Result<Credential> {
  try {
    return ok(toCredential(decoded));
  } catch (e) {
    if (e instanceof Bad) return fail('MALFORMED_CLAIMS', e.message);
    throw e;
  }
}

function toCredential(decoded: Decoded<CnClaims>): Credential {
  const c = map(decoded.claims, 'CWT claims');
  const issuer = text(c.get(CLAIM.iss), 'iss', 6, REGION);
  const issuedAt = time(c.get(CLAIM.iat), 'iat');
  const expiresAt = time(c.get(CLAIM.exp), 'exp');
  const validity = (Date.parse(expiresAt) - Date.parse(issuedAt)) / 1000;
  if (validity <= 0) throw new Bad('exp is not after iat');
  if (validity > MAX_VALIDITY_S) throw new Bad(`validity exceeds ${MAX_VALIDITY_S / 3600} h`);
  const notBefore = c.has(CLAIM.nbf) ? time(c.get(CLAIM.nbf), 'nbf') : undefined;
  const cti = c.get(CLAIM.cti);
  if (!(cti instanceof Uint8Array) || cti.length < 8 || cti.length > 32) throw new Bad('cti is not an 8..32 byte id');
  const hc = map(c.get(CLAIM_HEALTH_CODE), 'health code claim');
  if (hc.get(HC.ver) !== PAYLOAD_VERSION) throw new Bad('unsupported payload version');
  const status = STATUS_CODES[small(hc.get(HC.status), 'status', STATUS_CODES.length - 1)]!;
  const h = map(hc.get(HC.holder), 'holder');
  const holder: Credential['holder'] = { name: text(h.get(HOLDER.name), 'holder name') };
  if (h.has(HOLDER.birthDate)) holder.birthDate = dateText(h.get(HOLDER.birthDate), 'birth date');
  if (h.has(HOLDER.idTail)) holder.idTail = text(h.get(HOLDER.idTail), 'ID tail', 4, ID_TAIL);

  const tests: TestRecord[] = list(hc.get(HC.tests), 'tests').map((t) => {
    const m = map(t, 'test');
    const type = TEST_TYPES.get(m.get(TEST.type));
    const result = TEST_RESULTS.get(m.get(TEST.result));
    if (!type || !result) throw new Bad('test type or result is out of range');
    return { type, result, sampledAt: time(m.get(TEST.sampledAt), 'sample time') };
  });
  const vaccinations: VaccinationRecord[] = list(hc.get(HC.vaccinations), 'vaccinations').map((v) => {
    const m = map(v, 'vaccination');
    const dose = small(m.get(VACC.dose), 'dose', 20);
    const of = small(m.get(VACC.of), 'dose total', 20);
    if (dose < 1 || of < 1) throw new Bad('dose numbers start at 1');
    if (dose > of) throw new Bad('dose is above the doses in its series');
    return { dose, of, date: dateText(m.get(VACC.date), 'vaccination date'), product: text(m.get(VACC.product), 'product') };
  });

  const kinds: CredentialKind[] = ['health-status'];
  if (tests.length) kinds.push('test');
  if (vaccinations.length) kinds.push('vaccination');
  return {
    format: decoded.format,
    issuer: { id: issuer, kind: 'province' },
    keyId: decoded.kid,
    codeId: toHex(cti),
    issuedAt,
    expiresAt,
    ...(notBefore ? { notBefore } : {}),
    holder,
    healthStatus: status,
    tests,
    vaccinations,
    recoveries: [],
    kinds,
  };
}
