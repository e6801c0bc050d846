/**
 * Readers for the members of a VDS-NC message: each returns the value, or MALFORMED_CLAIMS naming
 * the member that is missing or of the wrong JSON type (structure only; a value we do not
 * recognise is read and listed as unknown, see normalise.ts).
 */
import type { Credential, Holder } from '../../model/credential.ts';
import { fail, ok, type Result } from '../../result.ts';
import { isFullDate, parseDateTime } from '../../encoding/rfc3339.ts';
import type { UnknownValues } from '../unknown-values.ts';
import { MAX_TEXT } from './constants.ts';
import { isObject } from './decode.ts';
import type { Json, JsonObject } from '../../encoding/strict-json.ts';

/** What a seal's type says about its holder and evidence; normalise adds what every seal has. */
export type Body = Omit<Credential, 'format' | 'keyId' | 'issuer' | 'issuedAt' | 'expiresAt'> & { signedAfter?: string };

export const bad = (why: string) => fail('MALFORMED_CLAIMS', why);

const MIN_MS = Date.UTC(2000, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function obj(v: Json | undefined, what: string): Result<JsonObject> {
  return isObject(v) ? ok(v) : bad(`${what} is ${v === undefined ? 'missing' : 'not an object'}`);
}
/** A required text member (any length: the seal itself is bounded). */
export function text(v: Json | undefined, what: string): Result<string> {
  return typeof v === 'string' && v.length > 0 ? ok(v) : bad(`${what} is ${v === undefined ? 'missing' : 'not a text'}`);
}
export const shown = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

/** An RFC 3339 date-time within 2000..2200 as an ISO instant; otherwise recorded as unknown. */
export function time(v: Json | undefined, what: string, log: UnknownValues): Result<string | undefined> {
  if (typeof v !== 'string') return bad(`${what} is ${v === undefined ? 'missing' : 'not a text'}`);
  const t = parseDateTime(v);
  if (t === undefined || t < MIN_MS || t > MAX_MS) return ok(log.add(what, v));
  return ok(new Date(t).toISOString());
}

/** Doc 9303 names put two spaces between primary and secondary identifier: "CITIZEN  JANE" -> "CITIZEN, JANE". */
function displayName(n: string): string {
  const [surname, ...given] = n.trim().split(/ {2,}/);
  return shown(given.length ? `${surname}, ${given.join(' ')}` : surname!);
}

export function holderOf(pid: JsonObject, docNumber: Json | undefined, docField: string, log: UnknownValues): Result<Holder> {
  const name = text(pid.n, 'pid.n');
  if (!name.ok) return name;
  const holder: Holder = { name: displayName(name.value) };
  if (pid.dob !== undefined) {
    const dob = text(pid.dob, 'pid.dob');
    if (!dob.ok) return dob;
    if (PARTIAL_DATE.test(dob.value) && (dob.value.length !== 10 || isFullDate(dob.value))) holder.birthDate = dob.value;
    else log.add('pid.dob', dob.value);
  }
  // The document number ties the seal to a passport; staff need its end only.
  if (docNumber !== undefined) {
    const doc = text(docNumber, docField);
    if (!doc.ok) return doc;
    holder.idTail = doc.value.slice(-4);
  }
  return ok(holder);
}
