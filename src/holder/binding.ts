/**
 * Which device a code is bound to, and whether it is this one — checked before presenting, so a
 * holder app (or `gatecheck present`) says "this code is not bound to this device" instead of
 * making presentations every gate would refuse (DEVICE_SIGNATURE_INVALID). WebCrypto only: a
 * public CryptoKey is always exportable, even when its private half is not.
 */
import { bytesEqual, concatBytes, fromBase64Url } from '../core/encoding/bytes.ts';
import { readCnf } from '../core/formats/cn-hc/cnf.ts';
import { CLAIM_CNF, PREFIX } from '../core/formats/cn-hc/constants.ts';
import { decode } from '../core/formats/cn-hc/decode.ts';
import { fail, ok, type Result } from '../core/result.ts';

export type BindingProblem = 'NOT_A_CODE' | 'NOT_BOUND' | 'BINDING_MALFORMED' | 'OTHER_DEVICE';

/**
 * The uncompressed P-256 point (04 || x || y) of the code's `cnf` key; NOT_BOUND for a v1 code
 * without one. The key is read by the gate's own reader (core cnf.ts), so a holder never presents
 * a code whose binding the gate would refuse as malformed.
 */
export function boundPoint(code: string): Result<Uint8Array, BindingProblem> {
  if (!code.startsWith(PREFIX)) return fail('NOT_A_CODE', `a stored CN health code starts with ${PREFIX}`);
  const decoded = decode(code);
  if (!decoded.ok) return fail('NOT_A_CODE', `${decoded.reason.code}${decoded.reason.detail ? `: ${decoded.reason.detail}` : ''}`);
  const claims = decoded.value.claims;
  if (!claims.has(CLAIM_CNF)) return fail('NOT_BOUND', 'the code has no cnf claim: it is not bound to any device');
  const key = readCnf(claims.get(CLAIM_CNF));
  if (!key.ok) return fail('BINDING_MALFORMED', key.reason.detail);
  const jwk = key.value.jwk;
  if (jwk.kty !== 'EC') return fail('BINDING_MALFORMED', 'the cnf key is not an EC key');
  return ok(concatBytes(new Uint8Array([4]), fromBase64Url(jwk.x), fromBase64Url(jwk.y)));
}

/** Ok when `code` is bound to the device whose public key is `devicePublic` (ECDSA P-256). */
export async function checkBinding(code: string, devicePublic: CryptoKey): Promise<Result<void, BindingProblem>> {
  const point = boundPoint(code);
  if (!point.ok) return point;
  const mine = new Uint8Array(await crypto.subtle.exportKey('raw', devicePublic));
  if (!bytesEqual(mine, point.value)) return fail('OTHER_DEVICE', 'the code is bound to another device key');
  return ok(undefined);
}
