/**
 * The holder device's key as a v1.1 code carries it (docs/formats/cn-health-code.md §14): an
 * ES256 (P-256) public key, read from a JWK file and written as the CWT `cnf` claim holding a
 * COSE_Key. ES256 whatever the issuer signs with: it is what WebCrypto can keep as a
 * non-extractable key on any phone.
 */
import { isEcPublicJwk, type EcPublicJwk } from '../../../core/crypto/jwk.ts';
import { base64UrlBytes } from '../../../core/encoding/bytes.ts';
import { CNF_COSE_KEY, COSE_CRV_P256, COSE_KEY, COSE_KTY_EC2 } from '../../../core/formats/cn-hc/constants.ts';
import { fail, ok, type Result } from '../../../core/result.ts';

export type DeviceKeyProblem = 'DEVICE_KEY_PRIVATE' | 'DEVICE_KEY_NOT_P256' | 'DEVICE_KEY_INVALID';

const COORD_BYTES = 32;

/** x and y as 32-byte big-endian coordinates, or undefined when either is not exactly that. */
export function deviceKeyCoordinates(jwk: Pick<EcPublicJwk, 'x' | 'y'>): { x: Uint8Array; y: Uint8Array } | undefined {
  const x = base64UrlBytes(jwk.x);
  const y = base64UrlBytes(jwk.y);
  return x?.length === COORD_BYTES && y?.length === COORD_BYTES ? { x, y } : undefined;
}

/**
 * A device public key from a parsed JWK: P-256, 32-byte coordinates, a point on the curve. A
 * private JWK is refused rather than trimmed: the device's private key never leaves the device,
 * so an issuer holding one is a mistake worth stopping at.
 */
export async function deviceKeyFromJwk(j: unknown): Promise<Result<EcPublicJwk, DeviceKeyProblem>> {
  if (typeof j !== 'object' || j === null) return fail('DEVICE_KEY_INVALID', 'not a JWK (JSON object)');
  if ('d' in j) return fail('DEVICE_KEY_PRIVATE', 'this is a private key: give the device public key (the private key stays on the device)');
  if (!isEcPublicJwk(j)) return fail('DEVICE_KEY_NOT_P256', 'not an EC public JWK (kty "EC" with crv, x and y); device keys are ES256, P-256');
  if (j.crv !== 'P-256') return fail('DEVICE_KEY_NOT_P256', `curve ${j.crv}: device keys are ES256, P-256`);
  const alg = (j as { alg?: unknown }).alg;
  if (alg !== undefined && alg !== 'ES256') return fail('DEVICE_KEY_NOT_P256', `alg ${String(alg)}: device keys are ES256`);
  if (!deviceKeyCoordinates(j)) return fail('DEVICE_KEY_INVALID', 'x and y must be 32 bytes each, base64url');
  const key: EcPublicJwk = { kty: 'EC', crv: 'P-256', x: j.x, y: j.y };
  try {
    // WebCrypto refuses a point that is not on the curve: a code bound to it could never be presented.
    await crypto.subtle.importKey('jwk', key as JsonWebKey, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch {
    return fail('DEVICE_KEY_INVALID', 'x, y is not a point on P-256');
  }
  return ok(key);
}

/** The `cnf` claim's value: {1: COSE_Key {1: 2 (EC2), -1: 1 (P-256), -2: x, -3: y}}. */
export function cnfClaim(jwk: EcPublicJwk): Map<number, unknown> {
  const c = jwk.crv === 'P-256' ? deviceKeyCoordinates(jwk) : undefined;
  // Callers check with deviceKeyFromJwk; reaching this is a programming error, not bad input.
  if (!c) throw new Error('device key must be P-256 with 32-byte coordinates');
  const coseKey = new Map<number, unknown>([
    [COSE_KEY.kty, COSE_KTY_EC2],
    [COSE_KEY.crv, COSE_CRV_P256],
    [COSE_KEY.x, c.x],
    [COSE_KEY.y, c.y],
  ]);
  return new Map([[CNF_COSE_KEY, coseKey]]);
}
