/** One entry point for signature checks, with prepared keys cached per key object. */
import type { AlgName } from './algorithms.ts';
import { keyFitsAlg, type EcPrivateJwk, type EcPublicJwk, type PublicJwk } from './jwk.ts';
import { prepareSm2Public, signSm2, verifySm2, type Sm2PublicKey } from './sm2.ts';
import { importPublic, signEc, verifyWebCrypto } from './webcrypto.ts';

type Prepared = CryptoKey | Sm2PublicKey;

// Keyed by the JWK object and algorithm: bundle keys live as long as their bundle, and so do their
// prepared forms. Importing per call would cost about three verifications.
const cache = new WeakMap<PublicJwk, Map<AlgName, Promise<Prepared>>>();
// The same keys once ready, so a verification with a known key starts without waiting a turn: the
// pipeline starts it, then normalises and decides on this thread while WebCrypto works on its own.
const ready = new WeakMap<PublicJwk, Map<AlgName, Prepared>>();

function prepare(alg: AlgName, jwk: PublicJwk): Promise<Prepared> {
  let byAlg = cache.get(jwk);
  if (!byAlg) cache.set(jwk, (byAlg = new Map()));
  let p = byAlg.get(alg);
  if (!p) {
    // Callers check keyFitsAlg first, so an SM2 algorithm always comes with an SM2 curve key.
    p = alg === 'SM2-SM3' ? Promise.resolve().then(() => prepareSm2Public(jwk as EcPublicJwk)) : importPublic(alg, jwk);
    byAlg.set(alg, p);
    p.then(
      (key) => {
        let r = ready.get(jwk);
        if (!r) ready.set(jwk, (r = new Map()));
        r.set(alg, key);
      },
      () => undefined,
    );
  }
  return p;
}

/**
 * Imports (or prepares, for SM2) a key ahead of its first use, so the first code it verifies does
 * not wait for it. False when the key does not fit the algorithm or cannot be imported.
 */
export async function prepareKey(alg: AlgName, jwk: PublicJwk): Promise<boolean> {
  if (!keyFitsAlg(alg, jwk)) return false;
  return prepare(alg, jwk).then(
    () => true,
    () => false,
  );
}

/**
 * True when `signature` over `data` verifies with `jwk` under `alg`. A key whose type does not fit
 * the algorithm, or that cannot be imported, verifies nothing.
 */
export async function verifySignature(alg: AlgName, jwk: PublicJwk, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (!keyFitsAlg(alg, jwk)) return false;
  let key = ready.get(jwk)?.get(alg);
  if (!key)
    try {
      key = await prepare(alg, jwk);
    } catch {
      return false;
    }
  if (alg === 'SM2-SM3') return verifySm2(key as Sm2PublicKey, data, signature);
  return verifyWebCrypto(alg, key as CryptoKey, data, signature);
}

/** Signing for the issuer side and tests: EC keys only (gatecheck issues ES256 and SM2 codes). */
export async function sign(alg: AlgName, jwk: EcPrivateJwk, data: Uint8Array): Promise<Uint8Array> {
  if (alg === 'SM2-SM3') return signSm2(jwk, data);
  if (alg === 'ES256' || alg === 'ES384' || alg === 'ES512') return signEc(alg, jwk, data);
  throw new Error(`signing with ${alg} is not supported`);
}
