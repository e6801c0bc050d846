/** One entry point for signature checks, with imported keys cached per key object. */
import type { AlgName } from './algorithms.ts';
import { importEs256Public, signEs256, verifyEs256 } from './es256.ts';
import type { EcPrivateJwk, EcPublicJwk } from './jwk.ts';
import { prepareSm2Public, signSm2, verifySm2, type Sm2PublicKey } from './sm2.ts';

type Prepared = { alg: 'ES256'; key: CryptoKey } | { alg: 'SM2-SM3'; key: Sm2PublicKey };

// Keyed by the JWK object: bundle keys live as long as their bundle, and so does their cache entry.
const cache = new WeakMap<EcPublicJwk, Promise<Prepared>>();

function prepare(alg: AlgName, jwk: EcPublicJwk): Promise<Prepared> {
  let p = cache.get(jwk);
  if (!p) {
    p =
      alg === 'ES256'
        ? importEs256Public(jwk).then((key) => ({ alg, key }))
        : Promise.resolve().then(() => ({ alg, key: prepareSm2Public(jwk) }));
    cache.set(jwk, p);
  }
  return p;
}

/**
 * True when `signature` over `data` verifies with `jwk` under `alg`. A key whose curve does not
 * match the algorithm, or that cannot be imported, verifies nothing.
 */
export async function verifySignature(alg: AlgName, jwk: EcPublicJwk, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if ((alg === 'ES256') !== (jwk.crv === 'P-256')) return false;
  let prepared: Prepared;
  try {
    prepared = await prepare(alg, jwk);
  } catch {
    return false;
  }
  if (prepared.alg !== alg) return false;
  return prepared.alg === 'ES256' ? verifyEs256(prepared.key, data, signature) : verifySm2(prepared.key, data, signature);
}

export async function sign(alg: AlgName, jwk: EcPrivateJwk, data: Uint8Array): Promise<Uint8Array> {
  return alg === 'ES256' ? signEs256(jwk, data) : signSm2(jwk, data);
}
