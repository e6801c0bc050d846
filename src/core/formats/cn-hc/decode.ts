/** CNHC1: text -> base45 -> zlib (bounded) -> COSE_Sign1 -> CWT claims map. No trust decided here. */
import { algFromCoseId } from '../../crypto/algorithms.ts';
import { decodeBase45 } from '../../encoding/base45.ts';
import { toBase64Url } from '../../encoding/bytes.ts';
import { decodeCbor } from '../../encoding/cbor.ts';
import { parseCoseSign1, sigStructure } from '../../encoding/cose-sign1.ts';
import { inflateZlib } from '../../encoding/zlib.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Decoded } from '../format.ts';
import { FORMAT_ID, PREFIX } from './constants.ts';

export type CnClaims = Map<unknown, unknown>;

export function decode(text: string): Result<Decoded<CnClaims>> {
  const b45 = decodeBase45(text.slice(PREFIX.length));
  if (!b45.ok) return b45;
  const inflated = inflateZlib(b45.value);
  if (!inflated.ok) return inflated;
  // The format is deterministic CBOR (preferred encodings, definite lengths): anything else is refused.
  const cose = parseCoseSign1(inflated.value, { strict: true });
  if (!cose.ok) return cose;
  const { alg: algId, kid, payload, protectedBytes, signature } = cose.value;
  if (algId === undefined) return fail('MALFORMED_COSE', 'protected header has no alg');
  const alg = algFromCoseId(algId);
  if (!alg) return fail('UNSUPPORTED_ALGORITHM', `COSE algorithm ${algId}`);
  if (!kid || kid.length === 0) return fail('MALFORMED_COSE', 'no kid');
  const claims = decodeCbor(payload, { strict: true });
  if (!claims.ok) return claims;
  if (!(claims.value instanceof Map)) return fail('MALFORMED_CLAIMS', 'CWT claims are not a map');
  return ok({
    format: FORMAT_ID,
    alg,
    kid: toBase64Url(kid),
    signedBytes: sigStructure(protectedBytes, payload),
    signature,
    claims: claims.value,
  });
}
