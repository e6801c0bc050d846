/** Structural validation of a bundle payload: a signed bundle with a broken shape is still rejected. */
import { isAlgName } from '../crypto/algorithms.ts';
import { isEcPublicJwk, isPublicJwk, keyFitsAlg } from '../crypto/jwk.ts';
import { fail, ok, type Result } from '../result.ts';
import { parsePolicies } from '../policy/parse-policies.ts';
import { BUNDLE_SCHEMA, BUNDLE_TYPE, MAX_BUNDLE_VERSION, type BundleErrorCode, type TrustBundle } from './bundle.ts';

const KINDS = new Set(['health-status', 'test', 'vaccination', 'recovery', 'pass']);
const ISSUER_KINDS = new Set(['province', 'country', 'url', 'did']);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isName = (v: unknown) => isObj(v) && typeof v['zh-CN'] === 'string' && typeof v.en === 'string';

export function validateBundle(v: unknown): Result<TrustBundle, BundleErrorCode> {
  const bad = (why: string) => fail<BundleErrorCode>('BUNDLE_CONTENT_INVALID', why);
  if (!isObj(v)) return bad('payload is not an object');
  if (v.type !== BUNDLE_TYPE || v.schema !== BUNDLE_SCHEMA) return bad('unknown bundle type or schema');
  if (!Number.isSafeInteger(v.version) || (v.version as number) < 1) return bad('version must be a positive integer');
  if ((v.version as number) > MAX_BUNDLE_VERSION) return bad(`version ${v.version as number} is above 2^50 (${MAX_BUNDLE_VERSION}): it leaves no room to grow`);
  if (!isTime(v.issuedAt) || !isTime(v.expiresAt)) return bad('issuedAt/expiresAt must be ISO times');
  if (Date.parse(v.expiresAt) <= Date.parse(v.issuedAt)) return bad('expiresAt is not after issuedAt');
  if (!Array.isArray(v.issuers) || !Array.isArray(v.keys)) return bad('issuers and keys must be arrays');
  const policies = parsePolicies(v.policies);
  if (!policies.ok) return bad(policies.reason.detail ?? 'policies are invalid');
  const fresh = checkFreshness(v.freshness);
  if (fresh) return bad(fresh);
  const roots = checkRollover(v.roots);
  if (roots) return bad(roots);
  const revs = checkRevocations(v.revocations);
  if (revs) return bad(revs);
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
    if (k.role !== undefined && k.role !== 'signer' && k.role !== 'ca') return bad(`key ${i} role must be "signer" or "ca"`);
    if (k.x5c !== undefined && (typeof k.x5c !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(k.x5c))) return bad(`key ${i} x5c is not base64`);
    if (k.role === 'ca' && k.x5c === undefined) return bad(`key ${i} is a CA without its certificate (x5c)`);
  }
  return ok(v as unknown as TrustBundle);
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isPositive = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

function checkFreshness(f: unknown): string | null {
  if (!isObj(f)) return 'freshness is missing';
  const { refreshSeconds: r, warnAgeSeconds: w, maxAgeSeconds: m } = f;
  if (!isPositive(r) || !isPositive(w) || !isPositive(m)) return 'freshness durations must be positive integers (seconds)';
  if (w > m) return 'freshness warnAgeSeconds is beyond maxAgeSeconds';
  if (r > w) return 'freshness refreshSeconds is beyond warnAgeSeconds';
  if (!['fail', 'warn'].includes(f.onStale as string) || !['fail', 'warn'].includes(f.onClockSuspect as string))
    return 'freshness onStale/onClockSuspect must be "fail" or "warn"';
  return null;
}

function checkRollover(r: unknown): string | null {
  if (r === undefined) return null;
  if (!isObj(r) || !Array.isArray(r.next) || !Array.isArray(r.retired)) return 'roots must have next and retired arrays';
  for (const [i, n] of r.next.entries())
    if (!isObj(n) || typeof n.kid !== 'string' || n.alg !== 'ES256' || !isEcPublicJwk(n.jwk) || !keyFitsAlg('ES256', n.jwk))
      return `roots.next ${i} is not an ES256 root key`;
  if (!r.retired.every((k) => typeof k === 'string')) return 'roots.retired must list kids';
  const retired = r.retired as string[];
  if (r.next.some((n) => retired.includes((n as { kid: string }).kid))) return 'a root is both next and retired';
  return null;
}

const SHA256_B64URL = /^[A-Za-z0-9_-]{43}$/;

function checkRevocations(v: unknown): string | null {
  if (!isObj(v) || !Array.isArray(v.lists)) return 'revocations.lists must be an array';
  const ids = new Set<string>();
  for (const [i, l] of v.lists.entries()) {
    if (!isObj(l) || typeof l.id !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(l.id)) return `revocation list ${i} has no valid id`;
    if (ids.has(l.id)) return `revocation list ${l.id} is listed twice`;
    ids.add(l.id);
    if (!isCount(l.count) || !isPositive(l.bytes)) return `revocation list ${l.id} count/bytes malformed`;
    if (typeof l.sha256 !== 'string' || !SHA256_B64URL.test(l.sha256)) return `revocation list ${l.id} sha256 malformed`;
    const inline = typeof l.data === 'string';
    const external = typeof l.href === 'string';
    if (inline === external) return `revocation list ${l.id} needs exactly one of data or href`;
    if (external && (/^[a-z][a-z0-9+.-]*:/i.test(l.href as string) || (l.href as string).startsWith('//')))
      return `revocation list ${l.id} href must be relative to the bundle`;
  }
  return null;
}
