/** ECDSA P-256 with SHA-256 through WebCrypto; signatures are raw r||s (64 bytes) as COSE and JWS use. */
import type { EcPrivateJwk, EcPublicJwk } from './jwk.ts';

const ALG = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export function importEs256Public(jwk: EcPublicJwk): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, ALG, false, ['verify']);
}

export async function verifyEs256(key: CryptoKey, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (signature.length !== 64) return false;
  return crypto.subtle.verify(SIGN, key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
}

export async function signEs256(jwk: EcPrivateJwk, data: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }, ALG, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign(SIGN, key, data as Uint8Array<ArrayBuffer>));
}

export async function generateEs256(): Promise<EcPrivateJwk> {
  const pair = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const j = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { kty: 'EC', crv: 'P-256', x: j.x!, y: j.y!, d: j.d! };
}
