/**
 * The public keys `bundle import-did` takes from a DID document's `publicKeyJwk`: EC P-256 (ES256)
 * and P-384 (ES384), as NZCP and did:web issuers publish them, and Ed25519 (OKP), which a DID
 * document may carry but a trust bundle cannot yet (gatecheck verifies no EdDSA): such a key is
 * set aside with that reason rather than refused. Anything else — other key types or curves, keys
 * off their curve, and above all any private member — makes the document unusable: the operator is
 * told which method and why, and nothing is written.
 */
import type { AlgName } from '../core/crypto/algorithms.ts';
import type { EcPublicJwk } from '../core/crypto/jwk.ts';
import { base64UrlBytes, toBase64Url } from '../core/encoding/bytes.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { onP256 } from './import-jwks.ts';

/** JWK members only a private (or symmetric) key has (RFC 7517, 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2). */
export const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'] as const;

/** Refused: the document cannot be imported. Uncarried: a good key the bundle has no algorithm for. */
export type DidKeyProblem = 'DID_KEY_REFUSED' | 'DID_KEY_UNCARRIED';

export interface DidPublicKey {
  alg: AlgName;
  /** The key members only, coordinates at their curve's length. */
  jwk: EcPublicJwk;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The private members a JWK carries (none: an empty list). */
export const privateMembers = (jwk: unknown): string[] => (isObj(jwk) ? PRIVATE_MEMBERS.filter((m) => m in jwk) : []);

// P-384 (SEC 2 §2.5.1): y^2 = x^3 - 3x + b over F_p.
const P384 = 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n;
const B384 = 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn;
const big = (b: Uint8Array) => b.reduce((n, x) => (n << 8n) | BigInt(x), 0n);

/** Whether (x, y) is a point on P-384 (a key off its curve verifies nothing, or worse). */
export function onP384(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== 48 || y.length !== 48) return false;
  const X = big(x);
  const Y = big(y);
  if (X >= P384 || Y >= P384) return false;
  const mod = (n: bigint) => ((n % P384) + P384) % P384;
  return mod(Y * Y) === mod(X * X * X - 3n * X + B384);
}

/**
 * A coordinate at exactly `size` bytes. Some publishers write the sign byte of a Java BigInteger
 * (33 bytes starting 0x00 for P-256: the WHO trust lists do): leading zero bytes are dropped, the
 * number is the same. Anything longer, or not base64url, is no coordinate.
 */
export function coordinate(v: unknown, size: number): Uint8Array | undefined {
  if (typeof v !== 'string') return undefined;
  let b = base64UrlBytes(v);
  if (!b) return undefined;
  while (b.length > size && b[0] === 0) b = b.subarray(1);
  if (b.length > size) return undefined;
  if (b.length === size) return b;
  const out = new Uint8Array(size);
  out.set(b, size - b.length);
  return out;
}

const EC_CURVES = {
  'P-256': { size: 32, alg: 'ES256', on: onP256 },
  'P-384': { size: 48, alg: 'ES384', on: onP384 },
} as const;

/** What one `publicKeyJwk` (without a certificate) is, for `method` (named in every message). */
export function didPublicKey(jwk: unknown, method: string): Result<DidPublicKey, DidKeyProblem> {
  if (!isObj(jwk)) return fail('DID_KEY_REFUSED', `${method}: publicKeyJwk is not a JSON object`);
  const priv = privateMembers(jwk);
  if (priv.length) return fail('DID_KEY_REFUSED', `${method}: publicKeyJwk has private key members (${priv.join(', ')}); a private key never goes near a bundle — publish public keys only`);
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    const x = typeof jwk.x === 'string' ? base64UrlBytes(jwk.x) : undefined;
    if (!x || x.length !== 32) return fail('DID_KEY_REFUSED', `${method}: Ed25519 x is not 32 bytes of base64url`);
    return fail('DID_KEY_UNCARRIED', `${method}: Ed25519 (EdDSA) key: gatecheck verifies no EdDSA signature, so a bundle cannot carry it`);
  }
  const curve = jwk.kty === 'EC' && typeof jwk.crv === 'string' ? EC_CURVES[jwk.crv as keyof typeof EC_CURVES] : undefined;
  if (!curve) return fail('DID_KEY_REFUSED', `${method}: key type ${String(jwk.kty)}${jwk.crv === undefined ? '' : ` ${String(jwk.crv)}`} is not EC P-256, EC P-384 or Ed25519`);
  const x = coordinate(jwk.x, curve.size);
  const y = coordinate(jwk.y, curve.size);
  if (!x || !y || !curve.on(x, y)) return fail('DID_KEY_REFUSED', `${method}: x/y are not a point on ${String(jwk.crv)}`);
  if (jwk.alg !== undefined && jwk.alg !== curve.alg) return fail('DID_KEY_REFUSED', `${method}: alg ${String(jwk.alg)} does not fit ${String(jwk.crv)} (${curve.alg})`);
  if (jwk.use !== undefined && jwk.use !== 'sig') return fail('DID_KEY_REFUSED', `${method}: use ${String(jwk.use)} is not sig`);
  return ok({ alg: curve.alg, jwk: { kty: 'EC', crv: jwk.crv as EcPublicJwk['crv'], x: toBase64Url(x), y: toBase64Url(y) } });
}
