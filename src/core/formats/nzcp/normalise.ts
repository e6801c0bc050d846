/**
 * CWT claims of an NZ COVID Pass -> the format-free Credential. The pass is the issuer's statement
 * that the holder meets its rules until `exp`, without the events behind it: a PassRecord, kind
 * 'pass'. MALFORMED_CLAIMS only where the spec's structure cannot be read — nbf, exp, cti or the
 * vc claim missing or of the wrong type — since validity and the code id come from there; content
 * we do not recognise is an unknown value (vc.ts).
 */
import { toHex } from '../../encoding/bytes.ts';
import { Tagged } from '../../encoding/cbor.ts';
import type { Credential } from '../../model/credential.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Decoded } from '../format.ts';
import { UnknownValues } from '../unknown-values.ts';
import { CLAIM, DID_WEB_PREFIX, TAG_UINT8_ARRAY } from './constants.ts';
import type { NzcpClaims } from './decode.ts';
import { URN_UUID } from './revocation-id.ts';
import { shown } from './shown.ts';
import { readVc } from './vc.ts';

const bad = (why: string) => fail('MALFORMED_CLAIMS', why);
// Seconds since the epoch, bounded to years 2000..2200 so that no date overflows downstream.
const MIN_TIME = 946684800;
const MAX_TIME = 7258118400;
const KNOWN_CLAIMS = new Set<unknown>(Object.values(CLAIM));

/** NumericDate as the spec requires it: an integer (RFC 8392 §2). */
function time(v: unknown, what: string): Result<string> {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN_TIME || v > MAX_TIME) return bad(`${what} is not an integer time`);
  return ok(new Date(v * 1000).toISOString());
}

/** cti: 16 bytes (tag 64 around them read as the bytes) -> `urn:uuid:8-4-4-4-12`, lower case. */
function ctiOf(v: unknown): Result<string> {
  const bytes = v instanceof Tagged && v.tag === TAG_UINT8_ARRAY ? v.value : v;
  if (!(bytes instanceof Uint8Array) || bytes.length !== 16) return bad('cti is not a 16-byte UUID');
  const h = toHex(bytes);
  return ok(`${URN_UUID}${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`);
}

export function normalise(decoded: Decoded<NzcpClaims>): Result<Credential> {
  const c = decoded.claims;
  const iss = c.get(CLAIM.iss);
  if (typeof iss !== 'string' || iss.length === 0) return bad('iss is missing or not a text string');
  const notBefore = time(c.get(CLAIM.nbf), 'nbf');
  if (!notBefore.ok) return notBefore;
  const expiresAt = time(c.get(CLAIM.exp), 'exp');
  if (!expiresAt.ok) return expiresAt;
  if (Date.parse(expiresAt.value) <= Date.parse(notBefore.value)) return bad('exp is not after nbf');
  const cti = ctiOf(c.get(CLAIM.cti));
  if (!cti.ok) return cti;
  const vc = c.get(CLAIM.vc);
  if (!(vc instanceof Map)) return bad('vc claim is missing or not a map');

  const log = new UnknownValues();
  // Claims beyond the spec's: shown, and they leave the pass not understood (they might restrict it).
  for (const k of c.keys()) if (!KNOWN_CLAIMS.has(k)) log.add(`claim ${shown(k)}`, shown(c.get(k)));
  const before = log.list.length;
  const { holder, passType } = readVc(vc, log);
  const understood = before === 0 && passType !== 'unknown';
  return ok({
    format: decoded.format,
    issuer: { id: iss, kind: iss.startsWith('did:') ? 'did' : 'unknown' },
    keyId: decoded.kid,
    codeId: cti.value,
    // The spec maps nbf to the credential's issuance date; no other issue time is carried.
    issuedAt: notBefore.value,
    notBefore: notBefore.value,
    expiresAt: expiresAt.value,
    holder,
    tests: [],
    vaccinations: [],
    recoveries: [],
    passes: [{ type: understood ? passType : 'unknown', validUntil: expiresAt.value }],
    kinds: ['pass'],
    ...log.field,
  });
}

/** Content rules beyond normalise: every NZCP issuer is a did:web DID (spec §CWT Claims, iss). */
export function check(decoded: Decoded<NzcpClaims>) {
  const iss = decoded.claims.get(CLAIM.iss);
  const problems = typeof iss === 'string' && !iss.startsWith(DID_WEB_PREFIX) ? [{ code: 'NZCP_ISSUER_NOT_DID_WEB' as const, detail: 'iss is not a did:web DID' }] : [];
  return { problems, notes: [] };
}
