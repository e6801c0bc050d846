/**
 * ECDSA (P-256/384/521) and RSASSA-PSS through WebCrypto, with COSE/JOSE conventions: ECDSA
 * signatures are raw r||s, PSS uses MGF1 with the same hash and a salt as long as the hash.
 */
import type { AlgName } from './algorithms.ts';
import { bareJwk, type EcPrivateJwk, type PublicJwk } from './jwk.ts';

export type WebCryptoAlg = Exclude<AlgName, 'SM2-SM3'>;

interface Params {
  importAlg: EcKeyImportParams | RsaHashedImportParams;
  verifyAlg: EcdsaParams | RsaPssParams;
  /** Exact raw signature length for ECDSA; undefined for RSA (depends on the modulus). */
  sigLength?: number;
}

const PARAMS: Record<WebCryptoAlg, Params> = {
  ES256: { importAlg: { name: 'ECDSA', namedCurve: 'P-256' }, verifyAlg: { name: 'ECDSA', hash: 'SHA-256' }, sigLength: 64 },
  ES384: { importAlg: { name: 'ECDSA', namedCurve: 'P-384' }, verifyAlg: { name: 'ECDSA', hash: 'SHA-384' }, sigLength: 96 },
  ES512: { importAlg: { name: 'ECDSA', namedCurve: 'P-521' }, verifyAlg: { name: 'ECDSA', hash: 'SHA-512' }, sigLength: 132 },
  PS256: { importAlg: { name: 'RSA-PSS', hash: 'SHA-256' }, verifyAlg: { name: 'RSA-PSS', saltLength: 32 } },
  PS384: { importAlg: { name: 'RSA-PSS', hash: 'SHA-384' }, verifyAlg: { name: 'RSA-PSS', saltLength: 48 } },
  PS512: { importAlg: { name: 'RSA-PSS', hash: 'SHA-512' }, verifyAlg: { name: 'RSA-PSS', saltLength: 64 } },
};

export function importPublic(alg: WebCryptoAlg, jwk: PublicJwk): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', bareJwk(jwk) as JsonWebKey, PARAMS[alg].importAlg, false, ['verify']);
}

export async function verifyWebCrypto(alg: WebCryptoAlg, key: CryptoKey, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const p = PARAMS[alg];
  if (p.sigLength !== undefined && signature.length !== p.sigLength) return false;
  try {
    return await crypto.subtle.verify(p.verifyAlg, key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
  } catch {
    return false; // e.g. an RSA signature longer than the modulus
  }
}

/** EC signing (issuer side, tests). */
export async function signEc(alg: 'ES256' | 'ES384' | 'ES512', jwk: EcPrivateJwk, data: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d }, PARAMS[alg].importAlg, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign(PARAMS[alg].verifyAlg, key, data as Uint8Array<ArrayBuffer>));
}

export async function generateEs256(): Promise<EcPrivateJwk> {
  const pair = (await crypto.subtle.generateKey(PARAMS.ES256.importAlg as EcKeyGenParams, true, ['sign', 'verify'])) as CryptoKeyPair;
  const j = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { kty: 'EC', crv: 'P-256', x: j.x!, y: j.y!, d: j.d! };
}
