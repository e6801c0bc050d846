/** Structural validation of a bundle payload: a signed bundle with a broken shape is still rejected. */
import { isAlgName } from '../crypto/algorithms.ts';
import { isPublicJwk, keyFitsAlg } from '../crypto/jwk.ts';
import { fail, ok, type Result } from '../result.ts';
import { BUNDLE_SCHEMA, BUNDLE_TYPE, type BundleErrorCode, type TrustBundle } from './bundle.ts';

const KINDS = new Set(['health-status', 'test', 'vaccination', 'recovery']);
const ISSUER_KINDS = new Set(['province', 'country', 'url']);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isName = (v: unknown) => isObj(v) && typeof v['zh-CN'] === 'string' && typeof v.en === 'string';

export function validateBundle(v: unknown): Result<TrustBundle, BundleErrorCode> {
  const bad = (why: string) => fail<BundleErrorCode>('BUNDLE_CONTENT_INVALID', why);
  if (!isObj(v)) return bad('payload is not an object');
  if (v.type !== BUNDLE_TYPE || v.schema !== BUNDLE_SCHEMA) return bad('unknown bundle type or schema');
  if (!Number.isSafeInteger(v.version) || (v.version as number) < 1) return bad('version must be a positive integer');
  if (!isTime(v.issuedAt) || !isTime(v.expiresAt)) return bad('issuedAt/expiresAt must be ISO times');
  if (Date.parse(v.expiresAt) <= Date.parse(v.issuedAt)) return bad('expiresAt is not after issuedAt');
  if (!Array.isArray(v.issuers) || !Array.isArray(v.keys)) return bad('issuers and keys must be arrays');
  if (!Array.isArray(v.policies) || !isObj(v.revocations)) return bad('policies/revocations have the wrong type');
  if (v.demo !== undefined && typeof v.demo !== 'boolean') return bad('demo must be a boolean');
  if (v.valueSets !== undefined) {
    if (!isObj(v.valueSets)) return bad('valueSets must be an object');
    for (const [id, set] of Object.entries(v.valueSets))
      if (!isObj(set) || !Object.values(set).every((n) => typeof n === 'string')) return bad(`value set ${id} must map codes to names`);
  }
  const issuerIds = new Set<string>();
  for (const [i, is] of v.issuers.entries()) {
    if (!isObj(is) || typeof is.id !== 'string' || !ISSUER_KINDS.has(is.kind as string) || !isName(is.names))
      return bad(`issuer ${i} is malformed`);
    if (issuerIds.has(is.id)) return bad(`issuer ${is.id} is listed twice`);
    issuerIds.add(is.id);
  }
  for (const [i, k] of v.keys.entries()) {
    if (!isObj(k) || typeof k.kid !== 'string' || typeof k.issuer !== 'string') return bad(`key ${i} is malformed`);
    if (!issuerIds.has(k.issuer)) return bad(`key ${i} names an issuer the bundle does not list`);
    if (!isAlgName(k.alg) || !isPublicJwk(k.jwk) || !keyFitsAlg(k.alg, k.jwk)) return bad(`key ${i} has a bad algorithm or JWK`);
    if (!isTime(k.validFrom) || !isTime(k.validUntil)) return bad(`key ${i} validity is not ISO times`);
    if (!Array.isArray(k.formats) || !k.formats.every((f) => typeof f === 'string')) return bad(`key ${i} formats malformed`);
    if (!Array.isArray(k.kinds) || !k.kinds.every((x) => KINDS.has(x as string))) return bad(`key ${i} kinds malformed`);
  }
  return ok(v as unknown as TrustBundle);
}
