/** Key pairs for issuers and roots, as JWK files carrying their kid and algorithm. */
import type { AlgName } from '../core/crypto/algorithms.ts';
import { generateEs256 } from '../core/crypto/webcrypto.ts';
import { isEcPublicJwk, jwkThumbprint, publicPart, shortKid, type EcPrivateJwk, type EcPublicJwk } from '../core/crypto/jwk.ts';
import { generateSm2 } from '../core/crypto/sm2.ts';
import { toBase64Url } from '../core/encoding/bytes.ts';
import type { PinnedRoot } from '../core/trust/bundle.ts';

export interface KeyPair {
  alg: AlgName;
  kid: string;
  privateJwk: EcPrivateJwk & { kid: string; alg: AlgName };
  publicJwk: EcPublicJwk & { kid: string; alg: AlgName };
}

/**
 * Signing keys get the short (8-byte) kid codes carry; root keys get the full thumbprint, since
 * a bundle names its root once and collisions there must be impossible.
 */
export async function generateKeyPair(alg: AlgName, role: 'signer' | 'root' = 'signer'): Promise<KeyPair> {
  const raw = alg === 'ES256' ? await generateEs256() : alg === 'ES384' || alg === 'ES512' ? await generateEc(alg) : generateSm2();
  const kid = role === 'root' ? toBase64Url(await jwkThumbprint(raw)) : await shortKid(raw);
  const privateJwk = { ...raw, kid, alg };
  return { alg, kid, privateJwk, publicJwk: { ...publicPart(raw), kid, alg } };
}

/** P-384 / P-521 key pairs (country signing CAs of other states, tests). */
async function generateEc(alg: 'ES384' | 'ES512'): Promise<EcPrivateJwk> {
  const crv = alg === 'ES384' ? 'P-384' : 'P-521';
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: crv }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const j = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { kty: 'EC', crv, x: j.x!, y: j.y!, d: j.d! };
}

export function parsePrivateJwk(text: string, what: string): EcPrivateJwk & { kid: string; alg: AlgName } {
  const j = JSON.parse(text);
  if (!isEcPublicJwk(j) || typeof (j as EcPrivateJwk).d !== 'string' || typeof j.kid !== 'string' || !j.alg)
    throw new Error(`${what} is not a private EC JWK with kid and alg`);
  return j as EcPrivateJwk & { kid: string; alg: AlgName };
}

export function parsePublicJwk(text: string, what: string): EcPublicJwk & { kid: string; alg: AlgName } {
  const j = JSON.parse(text);
  if (!isEcPublicJwk(j) || typeof j.kid !== 'string' || !j.alg) throw new Error(`${what} is not an EC JWK with kid and alg`);
  return publicPart(j) as EcPublicJwk & { kid: string; alg: AlgName };
}

export function pinnedRootFrom(jwk: EcPublicJwk & { kid: string; alg: AlgName }): PinnedRoot {
  if (jwk.alg !== 'ES256') throw new Error('root keys are ES256');
  return { kid: jwk.kid, alg: 'ES256', jwk: publicPart(jwk) };
}
