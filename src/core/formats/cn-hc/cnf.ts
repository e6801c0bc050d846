/**
 * The `cnf` claim of a device-bound code (v1.1, docs/formats/cn-health-code.md §14): exactly
 * {1: COSE_Key}, the key exactly EC2 P-256 {1: 2, -1: 1, -2: x, -3: y} with 32-byte x and y.
 * Anything else is MALFORMED_CLAIMS: a key the gate might read two ways would bind nothing.
 */
import { toBase64Url } from '../../encoding/bytes.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Decoded, HolderKey } from '../format.ts';
import { CLAIM_CNF, CNF_COSE_KEY, COSE_CRV_P256, COSE_KEY, COSE_KTY_EC2 } from './constants.ts';
import type { CnClaims } from './decode.ts';

const bad = (why: string) => fail('MALFORMED_CLAIMS', `cnf: ${why}`);
const coord = (v: unknown): v is Uint8Array => v instanceof Uint8Array && v.length === 32;

/** The device key a `cnf` claim value names. */
export function readCnf(v: unknown): Result<HolderKey> {
  if (!(v instanceof Map) || v.size !== 1 || !v.has(CNF_COSE_KEY)) return bad('not exactly {1: COSE_Key}');
  const k = v.get(CNF_COSE_KEY);
  if (!(k instanceof Map) || k.size !== 4) return bad('COSE_Key is not a map of kty, crv, x and y');
  if (k.get(COSE_KEY.kty) !== COSE_KTY_EC2) return bad('kty is not EC2');
  if (k.get(COSE_KEY.crv) !== COSE_CRV_P256) return bad('crv is not P-256');
  const x = k.get(COSE_KEY.x);
  const y = k.get(COSE_KEY.y);
  if (!coord(x) || !coord(y)) return bad('x and y are not 32-byte strings');
  return ok({ alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256', x: toBase64Url(x), y: toBase64Url(y) } });
}

/** The plug-in's holderKey: the key of a bound code, undefined for an unbound one (or claims normalise refused). */
export function holderKey(decoded: Decoded<CnClaims>): HolderKey | undefined {
  const c = decoded.claims;
  if (!(c instanceof Map) || !c.has(CLAIM_CNF)) return undefined;
  const key = readCnf(c.get(CLAIM_CNF));
  return key.ok ? key.value : undefined;
}
