/** The JWS payload of a health card: `{iss, nbf, exp?, vc: {type, credentialSubject: {fhirVersion, fhirBundle}, rid?}}`. */
import { fail, ok, type Result } from '../../result.ts';
import { HEALTH_CARD_TYPE, MAX_TIME_S, MIN_TIME_S, RID } from './constants.ts';

export interface ShcClaims {
  iss: string;
  /** Seconds since the epoch (fractions allowed, as the spec's examples have). */
  nbf: number;
  exp?: number;
  rid?: string;
  types: string[];
  /** The FHIR Bundle, checked by normalise. */
  fhirBundle: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= MIN_TIME_S && v <= MAX_TIME_S;

/** Shape checks only (MALFORMED_CLAIMS); what the claims mean is normalise's. */
export function readClaims(p: Record<string, unknown>): Result<ShcClaims> {
  const bad = (why: string) => fail('MALFORMED_CLAIMS', why);
  // iss is compared with the trusted key's issuer exactly; the spec forbids a trailing "/".
  if (typeof p.iss !== 'string' || !/^https:\/\/[^\s]{1,240}$/.test(p.iss) || p.iss.endsWith('/')) return bad('iss is not an https URL without a trailing "/"');
  if (!isTime(p.nbf)) return bad('nbf is not a time in seconds within 2000..2200');
  if (p.exp !== undefined && (!isTime(p.exp) || p.exp <= p.nbf)) return bad('exp is not a time in seconds after nbf');
  if (!isObject(p.vc)) return bad('vc is not an object');
  const vc = p.vc;
  if (!Array.isArray(vc.type) || !vc.type.every((t) => typeof t === 'string') || !vc.type.includes(HEALTH_CARD_TYPE))
    return bad(`vc.type does not include ${HEALTH_CARD_TYPE}`);
  if (vc.rid !== undefined && (typeof vc.rid !== 'string' || !RID.test(vc.rid))) return bad('vc.rid is not base64url of at most 24 characters');
  const subject = vc.credentialSubject;
  if (!isObject(subject)) return bad('vc.credentialSubject is not an object');
  if (typeof subject.fhirVersion !== 'string' || !/^4\.\d+\.\d+$/.test(subject.fhirVersion)) return bad('fhirVersion is not FHIR R4 (4.x.y)');
  const bundle = subject.fhirBundle;
  if (!isObject(bundle) || bundle.resourceType !== 'Bundle') return bad('fhirBundle is not a FHIR Bundle');
  return ok({
    iss: p.iss,
    nbf: p.nbf,
    ...(p.exp !== undefined ? { exp: p.exp as number } : {}),
    ...(typeof vc.rid === 'string' ? { rid: vc.rid } : {}),
    types: vc.type as string[],
    fhirBundle: bundle,
  });
}
