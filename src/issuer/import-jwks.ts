/**
 * Import an issuer's keys from a JWKS (`{ "keys": [...] }`), as SMART Health Card issuers publish
 * them at `<iss>/.well-known/jwks.json`. Only public EC P-256 signing keys for ES256 are taken, each
 * named by its full RFC 7638 thumbprint (the SHC rule); a file carrying any private key member is
 * refused as a whole — a private key never goes near a bundle. So is a file in which a key's
 * certificate chain (`x5c`) is not that key's, or does not hold together: such a file is not what
 * the issuer published, or not published with care, and the operator should find out why.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { BasicConstraints, Certificate, id_ce_basicConstraints } from '@peculiar/asn1-x509';
import { bytesEqual, fromBase64, fromBase64Url, toBase64Url } from '../core/encoding/bytes.ts';
import { issuedBy, namesIssuer, parseCertLink, type CertLink } from '../core/trust/cert-chain.ts';
import { keyFromCertificate } from '../core/trust/x509.ts';
import { jwkThumbprint, type EcPublicJwk } from '../core/crypto/jwk.ts';
import type { CredentialKind } from '../core/model/credential.ts';
import type { LocalizedName } from '../core/model/verdict.ts';
import type { TrustBundle, TrustIssuer } from '../core/trust/bundle.ts';
import { isCountryCode, type ImportSkip } from './import-dcc.ts';
import { countryNames, PROVINCES } from './regions.ts';
import { trustKeyFrom, upsertKey } from './sign-bundle.ts';

/** JWK members that only a private (or symmetric) key has. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

export class PrivateKeyError extends Error {}
/** A key's x5c does not hold its key, or its chain is broken (readJwks refuses the whole file). */
export class X5cError extends Error {}

export interface JwksKey {
  index: number;
  jwk: EcPublicJwk & { kid: string; alg: 'ES256' };
  /**
   * The issuer publishes a revocation list for this key (`<iss>/.well-known/crl/<kid>.json`, its
   * `ctr` this version). Not fetched at scan time: its rids go into the bundle with `bundle revoke`.
   */
  crlVersion?: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// P-256 (SEC 2): y^2 = x^3 - 3x + b over F_p.
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
const big = (b: Uint8Array) => b.reduce((n, x) => (n << 8n) | BigInt(x), 0n);

/** Whether (x, y) is a point on P-256 (a key off the curve would verify nothing, or worse). */
export function onP256(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== 32 || y.length !== 32) return false;
  const X = big(x);
  const Y = big(y);
  if (X >= P || Y >= P) return false;
  const mod = (n: bigint) => ((n % P) + P) % P;
  return mod(Y * Y) === mod(X * X * X - 3n * X + B);
}

function coordinate(v: unknown): Uint8Array | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    return fromBase64Url(v);
  } catch {
    return undefined;
  }
}

/** Reads a JWKS: the usable keys, and every other key with the reason it was skipped. Throws PrivateKeyError on private members. */
export async function readJwks(text: string): Promise<{ keys: JwksKey[]; skipped: ImportSkip[] }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('JWKS is not JSON');
  }
  if (!isObj(json) || !Array.isArray(json.keys)) throw new Error('JWKS has no "keys" array');
  const list = json.keys as unknown[];
  list.forEach((k, i) => {
    if (isObj(k) && PRIVATE_MEMBERS.some((m) => m in k))
      throw new PrivateKeyError(`JWKS key ${i} has private key members (${PRIVATE_MEMBERS.filter((m) => m in k).join(', ')}); refusing the whole file — publish public keys only`);
  });
  const keys: JwksKey[] = [];
  const skipped: ImportSkip[] = [];
  const kids = new Set<string>();
  for (const [index, k] of list.entries()) {
    const skip = (why: string) => skipped.push({ index, why });
    if (!isObj(k)) {
      skip('not a JSON object');
      continue;
    }
    if (k.kty !== 'EC' || k.crv !== 'P-256') {
      skip(`only EC P-256 keys are accepted (kty ${String(k.kty)}, crv ${String(k.crv)})`);
      continue;
    }
    if (k.alg !== undefined && k.alg !== 'ES256') {
      skip(`alg ${String(k.alg)} is not ES256`);
      continue;
    }
    if (k.use !== undefined && k.use !== 'sig') {
      skip(`use ${String(k.use)} is not sig`);
      continue;
    }
    const x = coordinate(k.x);
    const y = coordinate(k.y);
    if (!x || !y || !onP256(x, y)) {
      skip('x/y are not a point on P-256');
      continue;
    }
    const jwk: EcPublicJwk = { kty: 'EC', crv: 'P-256', x: k.x as string, y: k.y as string };
    const thumbprint = toBase64Url(await jwkThumbprint(jwk));
    if (typeof k.kid !== 'string' || k.kid !== thumbprint) {
      skip(`kid ${typeof k.kid === 'string' ? k.kid : '(none)'} is not the key's RFC 7638 thumbprint ${thumbprint}`);
      continue;
    }
    if (kids.has(thumbprint)) {
      skip(`key ${thumbprint} is listed twice`);
      continue;
    }
    if (k.x5c !== undefined) {
      const problem = await x5cProblem(k.x5c, x, y);
      if (problem) throw new X5cError(`JWKS key ${index} (kid ${thumbprint}): ${problem}; refusing the whole file`);
    }
    kids.add(thumbprint);
    const crl = typeof k.crlVersion === 'number' && Number.isSafeInteger(k.crlVersion) && k.crlVersion > 0 ? { crlVersion: k.crlVersion } : {};
    keys.push({ index, jwk: { ...jwk, kid: thumbprint, alg: 'ES256' }, ...crl });
  }
  return { keys, skipped };
}

/** Standard base64 (RFC 7517 §4.7: x5c is base64, not base64url), padding optional. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function isCa(der: Uint8Array): boolean {
  try {
    const ext = AsnConvert.parse(der, Certificate).tbsCertificate.extensions?.find((e) => e.extnID === id_ce_basicConstraints);
    return !!ext && AsnConvert.parse(ext.extnValue, BasicConstraints).cA;
  } catch {
    return false;
  }
}

/**
 * Why a key's `x5c` (RFC 7517 §4.7) cannot be taken with it, or undefined when it can: a non-empty
 * list of base64 DER certificates; the first (the leaf) holds exactly this P-256 key; each
 * certificate is issued by the next (names agree, the next is a CA, its key verifies the
 * signature); a last certificate that names itself as issuer verifies its own signature (a chain
 * may stop below its root). Validity dates are not checked: cards outlive certificates, and the
 * bundle's own key validity governs.
 */
export async function x5cProblem(x5c: unknown, x: Uint8Array, y: Uint8Array): Promise<string | undefined> {
  if (!Array.isArray(x5c) || x5c.length === 0) return 'x5c is not a non-empty list of certificates';
  const links: CertLink[] = [];
  for (const [i, c] of x5c.entries()) {
    if (typeof c !== 'string' || !BASE64.test(c)) return `x5c[${i}] is not base64`;
    const link = parseCertLink(fromBase64(c));
    if (!link) return `x5c[${i}] is not an X.509 certificate`;
    links.push(link);
  }
  const leaf = await keyFromCertificate(links[0]!.der);
  if (!leaf.ok) return `x5c[0] (leaf certificate): ${leaf.reason.detail ?? leaf.reason.code}`;
  const lk = leaf.value.jwk;
  if (lk.kty !== 'EC' || lk.crv !== 'P-256' || !bytesEqual(fromBase64Url(lk.x), x) || !bytesEqual(fromBase64Url(lk.y), y))
    return `x5c[0] (leaf certificate) holds another key than the JWK (${lk.kty === 'EC' ? lk.crv : lk.kty}): it is not this key's certificate`;
  for (let i = 0; i + 1 < links.length; i++) {
    const issuer = links[i + 1]!;
    const key = await keyFromCertificate(issuer.der);
    if (!namesIssuer(links[i]!, issuer) || !isCa(issuer.der) || !key.ok || !(await issuedBy(links[i]!, key.value.jwk)))
      return `x5c[${i}] is not issued by x5c[${i + 1}] (the chain is broken)`;
  }
  const last = links.at(-1)!;
  if (bytesEqual(last.issuer, last.subject)) {
    const key = await keyFromCertificate(last.der);
    if (!key.ok || !(await issuedBy(last, key.value.jwk))) return `x5c[${links.length - 1}] names itself as its issuer (self-signed) but its signature does not verify`;
  }
  return undefined;
}

/**
 * The issuer an id names: an https URL (a SMART Health Card `iss`, kept exactly, names default to
 * its host), a GB/T 2260 province code, or an ISO 3166 country code. Throws on anything else.
 */
export function issuerFor(id: string, names?: Partial<LocalizedName>): TrustIssuer {
  if (/^[a-z][a-z0-9+.-]*:/i.test(id)) {
    let url: URL;
    try {
      url = new URL(id);
    } catch {
      throw new Error(`issuer ${id} is not a URL`);
    }
    if (url.protocol !== 'https:') throw new Error(`issuer URL ${id} must be https`);
    if (id.endsWith('/')) throw new Error(`issuer URL ${id} must not end with "/" (it must equal the iss the codes carry)`);
    if (url.search || url.hash || url.username || url.password) throw new Error(`issuer URL ${id} must not carry a query, fragment or credentials`);
    return { id, kind: 'url', names: { 'zh-CN': names?.['zh-CN'] ?? url.host, en: names?.en ?? url.host } };
  }
  if (PROVINCES[id]) return { id, kind: 'province', names: { ...PROVINCES[id]!, ...definedNames(names) } };
  if (isCountryCode(id)) return { id, kind: 'country', names: { ...countryNames(id), ...definedNames(names) } };
  throw new Error(`issuer ${id} is neither an https URL, a province code nor an ISO 3166 country code`);
}

const definedNames = (n?: Partial<LocalizedName>): Partial<LocalizedName> =>
  Object.fromEntries(Object.entries(n ?? {}).filter(([, v]) => v !== undefined)) as Partial<LocalizedName>;

export interface JwksMergeOptions {
  issuer: string;
  /** Names given by the operator: set on a new issuer, and replace an existing issuer's names. */
  names?: Partial<LocalizedName>;
  formats: string[];
  kinds: CredentialKind[];
  validFrom: Date;
  validUntil: Date;
}

export interface JwksMergeReport {
  added: number;
  replaced: number;
  issuerAdded: boolean;
  issuerRenamed: boolean;
}

/** Puts the keys into `draft` (in place) for one issuer; a key with the same issuer and kid is replaced. */
export function mergeJwksKeys(draft: TrustBundle, keys: readonly JwksKey[], opts: JwksMergeOptions): JwksMergeReport {
  const report: JwksMergeReport = { added: 0, replaced: 0, issuerAdded: false, issuerRenamed: false };
  const wanted = issuerFor(opts.issuer, opts.names);
  const at = draft.issuers.findIndex((i) => i.id === opts.issuer);
  if (at < 0) {
    draft.issuers.push(wanted);
    report.issuerAdded = true;
  } else {
    const existing = draft.issuers[at]!;
    if (existing.kind !== wanted.kind) throw new Error(`issuer ${opts.issuer} exists as a ${existing.kind}, not a ${wanted.kind}`);
    const given = definedNames(opts.names);
    if (Object.keys(given).length > 0) {
      const names = { ...existing.names, ...given };
      if (names['zh-CN'] !== existing.names['zh-CN'] || names.en !== existing.names.en) {
        draft.issuers[at] = { ...existing, names };
        report.issuerRenamed = true;
      }
    }
  }
  for (const k of keys) {
    upsertKey(draft, trustKeyFrom({ issuer: opts.issuer, jwk: k.jwk, validFrom: opts.validFrom, validUntil: opts.validUntil, kinds: opts.kinds, formats: opts.formats }), report);
  }
  return report;
}
