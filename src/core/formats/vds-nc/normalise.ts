/**
 * VDS-NC message -> Credential. icao.test v1: utci, pid {n, dob?, dt, dn}, sp, dat {sc, ri},
 * tr {tc, r, m?}. icao.vacc v1: uvci, pid {n, dob?, sex?, i?, ai?}, ve [{des, nam, dis?,
 * vd [{dvc, seq, ctr, adm?, lot, dvn?}]}].
 *
 * Times: a test seal's issuedAt is its report time (dat.ri). A vaccination seal states no signing
 * time, so issuedAt is the earliest it can have been signed: the later of the last vaccination
 * date and the signer certificate's notBefore; key validity is checked at that lower bound
 * (docs/formats/vds-nc.md). Neither type expires by
 * itself: how long a test or a vaccination counts is the checkpoint policy's decision.
 */
import type { Credential, Holder, TestRecord, VaccinationRecord } from '../../model/credential.ts';
import { fail, ok, type Result } from '../../result.ts';
import { isFullDate, parseDateTime } from '../../encoding/rfc3339.ts';
import type { Decoded } from '../format.ts';
import { MAX_EVENTS, MAX_TEXT, TEST_RESULTS, TEST_TYPES } from './constants.ts';
import { alpha2Of } from './countries.ts';
import { isObject, type VdsNcClaims } from './decode.ts';
import { parseCertLink } from '../../trust/cert-chain.ts';
import type { Json, JsonObject } from '../../encoding/strict-json.ts';

class Bad extends Error {}

const MIN_MS = Date.UTC(2000, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function obj(v: Json | undefined, what: string): JsonObject {
  if (!isObject(v)) throw new Bad(`${what} is not an object`);
  return v;
}
function text(v: Json | undefined, what: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_TEXT) throw new Bad(`${what} is not a text of 1..${MAX_TEXT} characters`);
  return v;
}
function time(v: Json | undefined, what: string): string {
  const t = typeof v === 'string' ? parseDateTime(v) : undefined;
  if (t === undefined || t < MIN_MS || t > MAX_MS) throw new Bad(`${what} is not an RFC 3339 date-time within 2000..2200`);
  return new Date(t).toISOString();
}
function day(v: Json | undefined, what: string): string {
  if (typeof v !== 'string' || !isFullDate(v)) throw new Bad(`${what} is not a date (YYYY-MM-DD)`);
  return v;
}

/** Doc 9303 names put two spaces between primary and secondary identifier: "CITIZEN  JANE" -> "CITIZEN, JANE". */
function displayName(n: string): string {
  const [surname, ...given] = n.trim().split(/ {2,}/);
  return given.length ? `${surname}, ${given.join(' ')}` : surname!;
}

function holderOf(pid: JsonObject, docNumber: Json | undefined): Holder {
  const holder: Holder = { name: displayName(text(pid.n, 'pid.n')) };
  if (pid.dob !== undefined) {
    const dob = text(pid.dob, 'pid.dob');
    if (!PARTIAL_DATE.test(dob) || (dob.length === 10 && !isFullDate(dob))) throw new Bad('pid.dob is not an ISO date');
    holder.birthDate = dob;
  }
  // The document number ties the seal to a passport; staff need its end only.
  if (docNumber !== undefined) holder.idTail = text(docNumber, 'document number').slice(-4);
  return holder;
}

function issuerOf(claims: VdsNcClaims): Credential['issuer'] {
  const id = alpha2Of(claims.issuingState);
  if (!id) throw new Bad(`hdr.is ${claims.issuingState} names no state gatecheck knows`);
  return { id, kind: 'country' };
}

function testCredential(d: Decoded<VdsNcClaims>): Omit<Credential, 'format' | 'keyId' | 'issuer'> {
  const m = d.claims.msg;
  const pid = obj(m.pid, 'pid');
  text(pid.dt, 'pid.dt');
  const dat = obj(m.dat, 'dat');
  const tr = obj(m.tr, 'tr');
  const type = TEST_TYPES.get(text(tr.tc, 'tr.tc'));
  if (!type) throw new Bad('tr.tc is not molecular(PCR), molecular(other), antigen or antibody');
  const result = TEST_RESULTS.get(text(tr.r, 'tr.r'));
  if (!result) throw new Bad('tr.r is not negative, positive, normal or abnormal');
  const sampledAt = time(dat.sc, 'dat.sc');
  const issuedAt = time(dat.ri, 'dat.ri');
  if (Date.parse(issuedAt) < Date.parse(sampledAt)) throw new Bad('dat.ri is before dat.sc');
  // An antibody test is no NAT/RAT evidence: the seal is read, and the policy finds nothing qualifying.
  const tests: TestRecord[] = type === 'antibody' ? [] : [{ type, result, sampledAt }];
  return { codeId: text(m.utci, 'utci'), issuedAt, holder: holderOf(pid, pid.dn), tests, vaccinations: [], recoveries: [], kinds: ['test'] };
}

function vaccinationCredential(d: Decoded<VdsNcClaims>): Omit<Credential, 'format' | 'keyId' | 'issuer'> {
  const m = d.claims.msg;
  const pid = obj(m.pid, 'pid');
  if (!Array.isArray(m.ve) || m.ve.length === 0 || m.ve.length > MAX_EVENTS) throw new Bad(`ve is not a list of 1..${MAX_EVENTS} vaccines`);
  const vaccinations: VaccinationRecord[] = [];
  for (const [i, raw] of m.ve.entries()) {
    const ve = obj(raw, `ve[${i}]`);
    text(ve.des, `ve[${i}].des`);
    const product = text(ve.nam, `ve[${i}].nam`);
    if (!Array.isArray(ve.vd) || ve.vd.length === 0 || ve.vd.length > MAX_EVENTS) throw new Bad(`ve[${i}].vd is not a list of 1..${MAX_EVENTS} doses`);
    const doses = ve.vd.map((rawDose, j) => {
      const vd = obj(rawDose, `ve[${i}].vd[${j}]`);
      const seq = vd.seq;
      if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || seq > 99) throw new Bad(`ve[${i}].vd[${j}].seq is not a dose number 1..99`);
      text(vd.ctr, `ve[${i}].vd[${j}].ctr`);
      text(vd.lot, `ve[${i}].vd[${j}].lot`);
      return { dose: seq, date: day(vd.dvc, `ve[${i}].vd[${j}].dvc`) };
    });
    // The seal does not state the series length: "of" is the highest dose it records for this vaccine.
    const of = Math.max(...doses.map((x) => x.dose));
    for (const x of doses) vaccinations.push({ ...x, of, product });
  }
  const lastDose = `${vaccinations.map((v) => v.date).sort().at(-1)!}T00:00:00.000Z`;
  const certFrom = d.signerCertificate ? parseCertLink(d.signerCertificate)?.notBefore : undefined;
  return {
    codeId: text(m.uvci, 'uvci'),
    issuedAt: certFrom && Date.parse(certFrom) > Date.parse(lastDose) ? certFrom : lastDose,
    holder: holderOf(pid, pid.i),
    tests: [],
    vaccinations,
    recoveries: [],
    kinds: ['vaccination'],
  };
}

export function normalise(decoded: Decoded<VdsNcClaims>): Result<Credential> {
  try {
    const issuer = issuerOf(decoded.claims);
    const body = decoded.claims.type === 'icao.test' ? testCredential(decoded) : vaccinationCredential(decoded);
    return ok({ format: decoded.format, issuer, keyId: decoded.kid, ...body });
  } catch (e) {
    if (e instanceof Bad) return fail('MALFORMED_CLAIMS', e.message);
    throw e;
  }
}
