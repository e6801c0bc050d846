/** JWK shapes used by gatecheck, and RFC 7638 thumbprints (the basis of key ids). */
import { sha256, toBase64Url, utf8 } from '../encoding/bytes.ts';
import type { AlgName } from './algorithms.ts';

/** EC public key. `crv: "SM2"` is gatecheck's label for the GB/T 32918 curve (no JOSE registration exists). */
export interface EcPublicJwk {
  kty: 'EC';
  crv: 'P-256' | 'SM2';
  x: string;
  y: string;
  kid?: string;
  alg?: AlgName;
}

export interface EcPrivateJwk extends EcPublicJwk {
  d: string;
}

export const curveOf = (alg: AlgName): EcPublicJwk['crv'] => (alg === 'ES256' ? 'P-256' : 'SM2');

export function isEcPublicJwk(v: unknown): v is EcPublicJwk {
  if (typeof v !== 'object' || v === null) return false;
  const j = v as Record<string, unknown>;
  return j.kty === 'EC' && (j.crv === 'P-256' || j.crv === 'SM2') && typeof j.x === 'string' && typeof j.y === 'string';
}

export function publicPart(jwk: EcPrivateJwk | EcPublicJwk): EcPublicJwk {
  const { kty, crv, x, y, kid, alg } = jwk;
  return { kty, crv, x, y, ...(kid ? { kid } : {}), ...(alg ? { alg } : {}) };
}

/** RFC 7638 JWK thumbprint (SHA-256 over the required members in lexicographic order). */
export async function jwkThumbprint(jwk: EcPublicJwk): Promise<Uint8Array> {
  const canonical = `{"crv":${JSON.stringify(jwk.crv)},"kty":"EC","x":${JSON.stringify(jwk.x)},"y":${JSON.stringify(jwk.y)}}`;
  return sha256(utf8(canonical));
}

/** Key id for signing keys: the first 8 bytes of the thumbprint, base64url (as short as DCC kids). */
export async function shortKid(jwk: EcPublicJwk): Promise<string> {
  return toBase64Url((await jwkThumbprint(jwk)).subarray(0, 8));
}
