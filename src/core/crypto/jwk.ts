/** JWK shapes used by gatecheck, and RFC 7638 thumbprints (the basis of key ids). */
import { sha256, utf8, toBase64Url } from '../encoding/bytes.ts';
import type { AlgName } from './algorithms.ts';

/** EC public key. `crv: "SM2"` is gatecheck's label for the GB/T 32918 curve (no JOSE registration exists). */
export interface EcPublicJwk {
  kty: 'EC';
  crv: 'P-256' | 'P-384' | 'P-521' | 'SM2';
  x: string;
  y: string;
  kid?: string;
  alg?: AlgName;
}

export interface RsaPublicJwk {
  kty: 'RSA';
  n: string;
  e: string;
  kid?: string;
  alg?: AlgName;
}

export type PublicJwk = EcPublicJwk | RsaPublicJwk;

export interface EcPrivateJwk extends EcPublicJwk {
  d: string;
}

const CURVE_OF: Partial<Record<AlgName, EcPublicJwk['crv']>> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521', 'SM2-SM3': 'SM2' };

export const curveOf = (alg: AlgName): EcPublicJwk['crv'] | undefined => CURVE_OF[alg];

/** Whether a key of this shape can be used with `alg` at all (curve for ECDSA/SM2, RSA for PS*). */
export function keyFitsAlg(alg: AlgName, jwk: PublicJwk): boolean {
  if (jwk.kty === 'RSA') return alg.startsWith('PS');
  return curveOf(alg) === jwk.crv;
}

export function isPublicJwk(v: unknown): v is PublicJwk {
  if (typeof v !== 'object' || v === null) return false;
  const j = v as Record<string, unknown>;
  if (j.kty === 'RSA') return typeof j.n === 'string' && typeof j.e === 'string';
  return j.kty === 'EC' && ['P-256', 'P-384', 'P-521', 'SM2'].includes(j.crv as string) && typeof j.x === 'string' && typeof j.y === 'string';
}

/** An EC public JWK: what gatecheck's own issuer and root keys are (it signs with ES256 and SM2 only). */
export function isEcPublicJwk(v: unknown): v is EcPublicJwk {
  return isPublicJwk(v) && v.kty === 'EC';
}

/** The key members only: no kid, alg, d or other extras (what a trust bundle stores). */
export function bareJwk(jwk: PublicJwk): PublicJwk {
  return jwk.kty === 'RSA' ? { kty: 'RSA', n: jwk.n, e: jwk.e } : { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y };
}

/** The public members only (drops d and any other private or extra members). */
export function publicPart(jwk: EcPublicJwk): EcPublicJwk;
export function publicPart(jwk: RsaPublicJwk): RsaPublicJwk;
export function publicPart(jwk: PublicJwk): PublicJwk;
export function publicPart(jwk: PublicJwk): PublicJwk {
  return { ...bareJwk(jwk), ...(jwk.kid ? { kid: jwk.kid } : {}), ...(jwk.alg ? { alg: jwk.alg } : {}) };
}

/** RFC 7638 JWK thumbprint (SHA-256 over the required members in lexicographic order). */
export async function jwkThumbprint(jwk: PublicJwk): Promise<Uint8Array> {
  const canonical =
    jwk.kty === 'RSA'
      ? `{"e":${JSON.stringify(jwk.e)},"kty":"RSA","n":${JSON.stringify(jwk.n)}}`
      : `{"crv":${JSON.stringify(jwk.crv)},"kty":"EC","x":${JSON.stringify(jwk.x)},"y":${JSON.stringify(jwk.y)}}`;
  return sha256(utf8(canonical));
}

/** Key id for signing keys: the first 8 bytes of the thumbprint, base64url (as short as DCC kids). */
export async function shortKid(jwk: PublicJwk): Promise<string> {
  return toBase64Url((await jwkThumbprint(jwk)).subarray(0, 8));
}
