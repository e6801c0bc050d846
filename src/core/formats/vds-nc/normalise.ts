/**
 * VDS-NC message -> Credential. icao.test v1: utci, pid {n, dob?, dt, dn}, sp, dat {sc, ri},
 * tr {tc, r, m?}. icao.vacc v1: uvci, pid {n, dob?, sex?, i?, ai?}, ve [{des, nam, dis?,
 * vd [{dvc, seq, ctr, adm?, lot, dvn?}]}] — no series length: see seriesLength.
 *
 * What is refused (MALFORMED_CLAIMS) is structure only: a member the use case requires that is
 * missing or of the wrong JSON type. Values we do not recognise are read and judged: a seal type or
 * version we do not know is a verified credential with no evidence; a state code we cannot map is
 * shown as written (and cannot match its signer's country, ISSUER_MISMATCH); a test type or
 * result, a date or a dose number we cannot read leaves its record incomplete (no evidence), and
 * the raw value is listed in Credential.unknown.
 *
 * Times: a seal states no signing time. issuedAt is the earliest it can have been signed: the
 * latest of what the content dates (a test's report time dat.ri, a vaccination's last dose) and the
 * barcode signer certificate's notBefore; key validity is checked at that lower bound. Under ICAO's
 * PKI profile a barcode signer certificate stays valid as long as the seals it signed (its private
 * key usage period plus their validity), so a seal expires with its certificate: expiresAt is the
 * certificate's notAfter. Beyond that, neither type expires by itself: how long a test or a
 * vaccination counts is the checkpoint policy's decision (docs/formats/vds-nc.md).
 */
import type { Credential, Holder, TestRecord, VaccinationRecord } from '../../model/credential.ts';
import { fail, ok, type Result } from '../../result.ts';
import { isFullDate, parseDateTime } from '../../encoding/rfc3339.ts';
import type { Decoded } from '../format.ts';
import { UnknownValues } from '../unknown-values.ts';
import { MAX_TEXT, productKey, SINGLE_DOSE_ICD11, SINGLE_DOSE_NAMES, TEST_RESULTS, TEST_TYPES, TYPES, VERSIONS, type SealType } from './constants.ts';
import { alpha2Of } from './countries.ts';
import { isObject, type VdsNcClaims } from './decode.ts';
import { parseCertLink } from '../../trust/cert-chain.ts';
import type { Json, JsonObject } from '../../encoding/strict-json.ts';

class Bad extends Error {}

const MIN_MS = Date.UTC(2000, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
/** Dose numbers read as such; a larger or fractional seq is shown, not counted. */
const MAX_DOSE = 99;

type Body = Omit<Credential, 'format' | 'keyId' | 'issuer' | 'issuedAt' | 'expiresAt'> & { signedAfter?: string };

function obj(v: Json | undefined, what: string): JsonObject {
  if (!isObject(v)) throw new Bad(`${what} is ${v === undefined ? 'missing' : 'not an object'}`);
  return v;
}
/** A required text member (any length: the seal itself is bounded). */
function text(v: Json | undefined, what: string): string {
  if (typeof v !== 'string' || v.length === 0) throw new Bad(`${what} is ${v === undefined ? 'missing' : 'not a text'}`);
  return v;
}
const shown = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

/** An RFC 3339 date-time within 2000..2200 as an ISO instant; otherwise recorded as unknown. */
function time(v: Json | undefined, what: string, log: UnknownValues): string | undefined {
  if (typeof v !== 'string') throw new Bad(`${what} is ${v === undefined ? 'missing' : 'not a text'}`);
  const t = parseDateTime(v);
  if (t === undefined || t < MIN_MS || t > MAX_MS) return log.add(what, v);
  return new Date(t).toISOString();
}

/** Doc 9303 names put two spaces between primary and secondary identifier: "CITIZEN  JANE" -> "CITIZEN, JANE". */
function displayName(n: string): string {
  const [surname, ...given] = n.trim().split(/ {2,}/);
  return shown(given.length ? `${surname}, ${given.join(' ')}` : surname!);
}

function holderOf(pid: JsonObject, docNumber: Json | undefined, docField: string, log: UnknownValues): Holder {
  const holder: Holder = { name: displayName(text(pid.n, 'pid.n')) };
  if (pid.dob !== undefined) {
    const dob = text(pid.dob, 'pid.dob');
    if (PARTIAL_DATE.test(dob) && (dob.length !== 10 || isFullDate(dob))) holder.birthDate = dob;
    else log.add('pid.dob', dob);
  }
  // The document number ties the seal to a passport; staff need its end only.
  if (docNumber !== undefined) holder.idTail = text(docNumber, docField).slice(-4);
  return holder;
}

/**
 * The issuing state: ISO alpha-2 when the Doc 9303 code names one we know. Otherwise the code is
 * shown as written, still as the country the seal claims: it then equals no trusted signer's
 * country, so the key check reports ISSUER_MISMATCH rather than letting a CA vouch for a seal that
 * names another state.
 */
function issuerOf(claims: VdsNcClaims, log: UnknownValues): Credential['issuer'] {
  const id = alpha2Of(claims.issuingState);
  if (id) return { id, kind: 'country' };
  log.add('hdr.is', claims.issuingState);
  return { id: claims.issuingState.slice(0, 16), kind: 'country' };
}

function testBody(m: JsonObject, log: UnknownValues): Body {
  const pid = obj(m.pid, 'pid');
  text(pid.dt, 'pid.dt');
  const dat = obj(m.dat, 'dat');
  const tr = obj(m.tr, 'tr');
  const tc = text(tr.tc, 'tr.tc');
  const known = TEST_TYPES.get(tc);
  if (!known) log.add('tr.tc', tc);
  const r = text(tr.r, 'tr.r');
  const result = TEST_RESULTS.get(r) ?? (log.add('tr.r', r), 'unknown' as const);
  const sampledAt = time(dat.sc, 'dat.sc', log);
  const reportedAt = time(dat.ri, 'dat.ri', log);
  if (sampledAt && reportedAt && Date.parse(reportedAt) < Date.parse(sampledAt)) throw new Bad('dat.ri is before dat.sc');
  // An antibody test is no NAT/RAT evidence: the seal is read, and the policy finds nothing qualifying.
  const tests: TestRecord[] = known === 'antibody' ? [] : [{ type: known ?? 'unknown', result, ...(sampledAt ? { sampledAt } : {}) }];
  return {
    codeId: text(m.utci, 'utci'),
    ...(reportedAt ? { signedAfter: reportedAt } : {}),
    holder: holderOf(pid, pid.dn, 'pid.dn', log),
    tests,
    vaccinations: [],
    recoveries: [],
    kinds: ['test'],
  };
}

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

function vaccinationBody(m: JsonObject, log: UnknownValues): Body {
  const pid = obj(m.pid, 'pid');
  if (!Array.isArray(m.ve) || m.ve.length === 0) throw new Bad(`ve is ${m.ve === undefined ? 'missing' : 'not a list of vaccines'}`);
  // One series per disease (ve.dis, else the vaccine ve.des): a course of mixed products (AZ then
  // Moderna) or one ve entry per dose (Japan's seals) is still one course.
  const records: (VaccinationRecord & { series: string; dueNext: boolean; singleDose: boolean })[] = [];
  for (const [i, raw] of m.ve.entries()) {
    const ve = obj(raw, `ve[${i}]`);
    const des = text(ve.des, `ve[${i}].des`);
    const series = ve.dis === undefined ? `des:${des}` : `dis:${text(ve.dis, `ve[${i}].dis`)}`;
    const nam = text(ve.nam, `ve[${i}].nam`);
    const product = shown(nam);
    const singleDose = SINGLE_DOSE_ICD11.has(des) || SINGLE_DOSE_NAMES.has(productKey(nam));
    if (!Array.isArray(ve.vd) || ve.vd.length === 0) throw new Bad(`ve[${i}].vd is ${ve.vd === undefined ? 'missing' : 'not a list of doses'}`);
    for (const [j, rawDose] of ve.vd.entries()) {
      const at = `ve[${i}].vd[${j}]`;
      const vd = obj(rawDose, at);
      if (typeof vd.seq !== 'number') throw new Bad(`${at}.seq is ${vd.seq === undefined ? 'missing' : 'not a number'}`);
      const dose = Number.isInteger(vd.seq) && vd.seq >= 1 && vd.seq <= MAX_DOSE ? vd.seq : log.add(`${at}.seq`, vd.seq);
      text(vd.ctr, `${at}.ctr`);
      text(vd.lot, `${at}.lot`);
      const dvc = text(vd.dvc, `${at}.dvc`);
      const date = isFullDate(dvc) ? dvc : log.add(`${at}.dvc`, dvc);
      // A next dose due, whatever its date says: a date we cannot read is still a dose due.
      const dueNext = vd.dvn !== undefined;
      if (dueNext) {
        const dvn = text(vd.dvn, `${at}.dvn`);
        if (!isFullDate(dvn)) log.add(`${at}.dvn`, dvn);
      }
      records.push({ series, product, dueNext, singleDose, ...(dose !== undefined ? { dose } : {}), ...(date !== undefined ? { date } : {}) });
    }
  }
  const highest = new Map<string, number>();
  for (const r of records) if (r.dose !== undefined) highest.set(r.series, Math.max(highest.get(r.series) ?? 0, r.dose));
  const vaccinations: VaccinationRecord[] = records.map(({ series, dueNext, singleDose, ...r }) => {
    const of = r.dose === undefined ? undefined : seriesLength(r.dose, dueNext, singleDose, highest.get(series) ?? 0);
    return { ...(r.dose !== undefined ? { dose: r.dose } : {}), ...(of !== undefined ? { of } : {}), ...(r.date !== undefined ? { date: r.date } : {}), product: r.product };
  });
  const lastDose = records.flatMap((r) => r.date ?? []).sort().at(-1);
  return {
    codeId: text(m.uvci, 'uvci'),
    ...(lastDose ? { signedAfter: `${lastDose}T00:00:00.000Z` } : {}),
    holder: holderOf(pid, pid.i, 'pid.i', log),
    tests: [],
    vaccinations,
    recoveries: [],
    kinds: ['vaccination'],
  };
}

/** A seal type or version this plug-in does not read: verified and shown, but no evidence of anything. */
function unknownBody(claims: VdsNcClaims, log: UnknownValues): Body {
  log.add('hdr.t', `${claims.type} v${claims.version}`);
  return { holder: {}, tests: [], vaccinations: [], recoveries: [], kinds: [] };
}

const isKnownType = (c: VdsNcClaims): c is VdsNcClaims & { type: SealType } => TYPES.includes(c.type as SealType) && (VERSIONS as readonly number[]).includes(c.version);

export function normalise(decoded: Decoded<VdsNcClaims>): Result<Credential> {
  const log = new UnknownValues();
  try {
    const c = decoded.claims;
    const issuer = issuerOf(c, log);
    const { signedAfter, ...body } = !isKnownType(c) ? unknownBody(c, log) : c.type === 'icao.test' ? testBody(c.msg, log) : vaccinationBody(c.msg, log);
    const cert = decoded.signerCertificate ? parseCertLink(decoded.signerCertificate) : undefined;
    const bounds = [signedAfter, cert?.notBefore].filter((x): x is string => x !== undefined);
    // Only a seal whose certificate cannot be read and whose content dates nothing: it fails its key check anyway.
    if (bounds.length === 0) throw new Bad('neither the content nor the signer certificate dates the seal');
    const issuedAt = bounds.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
    return ok({ format: decoded.format, issuer, keyId: decoded.kid, issuedAt, ...(cert ? { expiresAt: cert.notAfter } : {}), ...body, ...log.field });
  } catch (e) {
    if (e instanceof Bad) return fail('MALFORMED_CLAIMS', e.message);
    throw e;
  }
}
