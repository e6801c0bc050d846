/**
 * CNHC1: text -> base45 -> zlib (bounded) -> COSE_Sign1 -> CWT claims map. No trust decided here.
 * A CNHP1: presentation (v1.1) carries the same code bytes; they are read exactly the same way.
 */
import { algFromCoseId } from '../../crypto/algorithms.ts';
import { decodeBase45 } from '../../encoding/base45.ts';
import { bytesEqual, toBase64Url } from '../../encoding/bytes.ts';
import { decodeCbor, encodeCbor } from '../../encoding/cbor.ts';
import { isDeterministicCbor } from '../../encoding/cbor-deterministic.ts';
import { parseCoseSign1, sigStructure } from '../../encoding/cose-sign1.ts';
import { inflateZlib } from '../../encoding/zlib.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Decoded, Opened } from '../format.ts';
import { withClaims } from '../with-claims.ts';
import { ALGORITHMS, FORMAT_ID, KID_BYTES, PREFIX, PRESENTATION_PREFIX } from './constants.ts';
import { openPresentation } from './presentation.ts';

export type CnClaims = Map<unknown, unknown>;

/** "CNHC1:…" -> the COSE envelope, its claims read (and their deterministic form checked) on demand. */
export function open(text: string): Result<Opened<CnClaims>> {
  if (text.startsWith(PRESENTATION_PREFIX)) {
    const p = openPresentation(text);
    if (!p.ok) return p;
    const code = openCode(p.value.codeBytes);
    if (!code.ok) return code;
    return ok({ ...code.value, envelope: { ...code.value.envelope, presentation: p.value.presentation } });
  }
  if (!text.startsWith(PREFIX)) return fail('UNSUPPORTED_FORMAT', `no ${PREFIX} prefix`);
  const b45 = decodeBase45(text.slice(PREFIX.length));
  if (!b45.ok) return b45;
  return openCode(b45.value);
}

/** The bytes a bare code's base45 carries (its zlib stream) -> the COSE envelope and lazy claims. */
function openCode(bytes: Uint8Array): Result<Opened<CnClaims>> {
  const inflated = inflateZlib(bytes);
  if (!inflated.ok) return inflated;
  // The format is deterministic CBOR (preferred encodings, definite lengths): anything else is refused.
  const cose = parseCoseSign1(inflated.value, { strict: true });
  if (!cose.ok) return cose;
  const { alg: algId, kid, payload, protectedBytes, protectedMap, unprotected, signature, tagged } = cose.value;
  // The format allows exactly one shape: tag 18, {alg, kid} protected, nothing unprotected.
  if (!tagged) return fail('MALFORMED_COSE', 'COSE_Sign1 tag 18 is missing');
  if (unprotected.size !== 0) return fail('MALFORMED_COSE', 'unprotected header must be empty');
  if (algId === undefined) return fail('MALFORMED_COSE', 'protected header has no alg');
  if (protectedMap.size !== 2 || !protectedMap.has(4)) return fail('MALFORMED_COSE', 'protected header must hold exactly alg and kid');
  const alg = algFromCoseId(algId);
  if (!alg || !ALGORITHMS.includes(alg)) return fail('UNSUPPORTED_ALGORITHM', `COSE algorithm ${algId}`);
  if (!kid || kid.length !== KID_BYTES) return fail('MALFORMED_COSE', kid?.length ? `kid is ${kid.length} bytes, not ${KID_BYTES}` : 'no kid');
  return ok({
    envelope: { format: FORMAT_ID, alg, kid: toBase64Url(kid), signedBytes: sigStructure(protectedBytes, payload), signature },
    claims: () => readClaims(payload, protectedMap, protectedBytes),
  });
}

function readClaims(payload: Uint8Array, protectedMap: Map<unknown, unknown>, protectedBytes: Uint8Array): Result<CnClaims> {
  const claims = decodeCbor(payload, { strict: true });
  if (!claims.ok) return claims;
  if (!(claims.value instanceof Map)) return fail('MALFORMED_CLAIMS', 'CWT claims are not a map');
  // Deterministic encoding (§2.4): map keys in bytewise order, no array or map keys, integral
  // numbers as integers and floats in their shortest width, checked over the bytes
  // (cbor-deterministic.ts), so one code has one byte form. The protected header (alg and kid
  // only) is checked by re-encoding it.
  if (!isDeterministicCbor(payload) || !bytesEqual(encodeCbor(protectedMap), protectedBytes)) return fail('MALFORMED_CBOR', 'not in deterministic CBOR encoding');
  return ok(claims.value);
}

export function decode(text: string): Result<Decoded<CnClaims>> {
  return withClaims(open(text));
}
