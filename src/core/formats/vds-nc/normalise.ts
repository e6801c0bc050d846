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
import type { Credential, TestRecord } from '../../model/credential.ts';
import { ok, type Result } from '../../result.ts';
import type { Decoded } from '../format.ts';
import { UnknownValues } from '../unknown-values.ts';
import { TEST_RESULTS, TEST_TYPES, TYPES, VERSIONS, type SealType } from './constants.ts';
import { alpha2Of } from './countries.ts';
import type { VdsNcClaims } from './decode.ts';
import { bad, holderOf, obj, text, time, type Body } from './members.ts';
import { vaccinationBody } from './vaccination.ts';
import { parseCertLink } from '../../trust/cert-chain.ts';
import type { JsonObject } from '../../encoding/strict-json.ts';

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

/** The test's type and result (unknown ones listed), and its sample and report times. */
function testOf(m: JsonObject, log: UnknownValues): Result<{ tests: TestRecord[]; reportedAt?: string }> {
  const dat = obj(m.dat, 'dat');
  if (!dat.ok) return dat;
  const tr = obj(m.tr, 'tr');
  if (!tr.ok) return tr;
  const tc = text(tr.value.tc, 'tr.tc');
  if (!tc.ok) return tc;
  const known = TEST_TYPES.get(tc.value);
  if (!known) log.add('tr.tc', tc.value);
  const r = text(tr.value.r, 'tr.r');
  if (!r.ok) return r;
  const result = TEST_RESULTS.get(r.value) ?? (log.add('tr.r', r.value), 'unknown' as const);
  const sampledAt = time(dat.value.sc, 'dat.sc', log);
  if (!sampledAt.ok) return sampledAt;
  const reportedAt = time(dat.value.ri, 'dat.ri', log);
  if (!reportedAt.ok) return reportedAt;
  if (sampledAt.value && reportedAt.value && Date.parse(reportedAt.value) < Date.parse(sampledAt.value)) return bad('dat.ri is before dat.sc');
  // An antibody test is no NAT/RAT evidence: the seal is read, and the policy finds nothing qualifying.
  const tests: TestRecord[] = known === 'antibody' ? [] : [{ type: known ?? 'unknown', result, ...(sampledAt.value ? { sampledAt: sampledAt.value } : {}) }];
  return ok({ tests, ...(reportedAt.value ? { reportedAt: reportedAt.value } : {}) });
}

/** icao.test v1: utci, pid {n, dob?, dt, dn}, sp, dat {sc, ri}, tr {tc, r, m?}. */
function testBody(m: JsonObject, log: UnknownValues): Result<Body> {
  const pid = obj(m.pid, 'pid');
  if (!pid.ok) return pid;
  const dt = text(pid.value.dt, 'pid.dt');
  if (!dt.ok) return dt;
  const test = testOf(m, log);
  if (!test.ok) return test;
  const codeId = text(m.utci, 'utci');
  if (!codeId.ok) return codeId;
  const holder = holderOf(pid.value, pid.value.dn, 'pid.dn', log);
  if (!holder.ok) return holder;
  const { tests, reportedAt } = test.value;
  return ok({
    codeId: codeId.value,
    ...(reportedAt ? { signedAfter: reportedAt } : {}),
    holder: holder.value,
    tests,
    vaccinations: [],
    recoveries: [],
    kinds: ['test'],
  });
}

/** A seal type or version this plug-in does not read: verified and shown, but no evidence of anything. */
function unknownBody(claims: VdsNcClaims, log: UnknownValues): Result<Body> {
  log.add('hdr.t', `${claims.type} v${claims.version}`);
  return ok({ holder: {}, tests: [], vaccinations: [], recoveries: [], kinds: [] });
}

const isKnownType = (c: VdsNcClaims): c is VdsNcClaims & { type: SealType } => TYPES.includes(c.type as SealType) && (VERSIONS as readonly number[]).includes(c.version);

export function normalise(decoded: Decoded<VdsNcClaims>): Result<Credential> {
  const log = new UnknownValues();
  const c = decoded.claims;
  const issuer = issuerOf(c, log);
  const read = !isKnownType(c) ? unknownBody(c, log) : c.type === 'icao.test' ? testBody(c.msg, log) : vaccinationBody(c.msg, log);
  if (!read.ok) return read;
  const { signedAfter, ...body } = read.value;
  const cert = decoded.signerCertificate ? parseCertLink(decoded.signerCertificate) : undefined;
  const bounds = [signedAfter, cert?.notBefore].filter((x): x is string => x !== undefined);
  // Only a seal whose certificate cannot be read and whose content dates nothing: it fails its key check anyway.
  if (bounds.length === 0) return bad('neither the content nor the signer certificate dates the seal');
  const issuedAt = bounds.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
  return ok({ format: decoded.format, issuer, keyId: decoded.kid, issuedAt, ...(cert ? { expiresAt: cert.notAfter } : {}), ...body, ...log.field });
}
