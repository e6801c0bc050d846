/**
 * HC1: text -> base45 -> zlib (when it is zlib) -> COSE_Sign1 -> CWT claims map. No trust decided
 * here. Each layer is exported on its own, for the conformance runner and the tests.
 *
 * Unlike the CN format (one deterministic byte form), the DCC is read as issuers really encode it:
 * tagged or untagged COSE_Sign1, optionally inside a CWT tag 61, non-preferred integer and length
 * encodings, indefinite-length maps, kid (and even alg) in the unprotected header. What stays
 * refused is what the shared CBOR decoder always refuses: duplicate map keys, unknown tags,
 * undefined/NaN/Infinity, truncated or trailing data.
 */
import { algFromCoseId } from '../../crypto/algorithms.ts';
import { decodeBase45 } from '../../encoding/base45.ts';
import { toBase64Url } from '../../encoding/bytes.ts';
import { decodeCbor } from '../../encoding/cbor.ts';
import { parseCoseSign1, sigStructure } from '../../encoding/cose-sign1.ts';
import { inflateZlib } from '../../encoding/zlib.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Decoded, Opened } from '../format.ts';
import { withClaims } from '../with-claims.ts';
import { ALGORITHMS, FORMAT_ID, PREFIX } from './constants.ts';

/** The CWT claims map as decoded (iss, iat, exp, hcert); normalise type-checks every field. */
export type DccClaims = Map<unknown, unknown>;

/**
 * Date tags accepted inside the payload, as issuers' CBOR libraries write dates: 0 (RFC 8949
 * §3.4.1, a date/time text; Sweden tags the sample time), 1 (epoch seconds), 100 and 1004
 * (RFC 8943: days since 1970, and a full-date text). hcert.ts turns each into the JSON text the
 * schemas describe; a date tag around anything else, and every other tag, is refused.
 */
export const PAYLOAD_TAGS = [0, 1, 100, 1004];

const HEADER_ALG = 1;

/** "HC1:…" -> the base45 text. */
export function unprefix(text: string): Result<string> {
  if (!text.startsWith(PREFIX)) return fail('UNSUPPORTED_FORMAT', `no ${PREFIX} prefix`);
  return ok(text.slice(PREFIX.length));
}

/**
 * Whether bytes start with a zlib header (RFC 1950 §2.2): compression method 8 (DEFLATE), window
 * at most 32 KB, header check bits right. A COSE message cannot look like this: it starts with
 * 0xd2 (tag 18), 0x84 (array of 4) or 0xd8 0x3d (tag 61), none of which is a DEFLATE CMF byte.
 */
export function isZlibHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 2) return false;
  const cmf = bytes[0]!;
  const flg = bytes[1]!;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0;
}

export interface Decompressed {
  bytes: Uint8Array;
  /** True when the input was a zlib stream (and inflated); false when it was passed through. */
  compressed: boolean;
}

/**
 * The DCC compresses with zlib, but the spec lets a code carry the COSE message uncompressed.
 * The zlib header decides: a zlib stream must inflate completely (bounded, checksum checked);
 * anything else is passed on as the COSE message, for the COSE layer to accept or refuse.
 * The test suite's EXPECTEDCOMPRESSION ("COMPRESSED inflates with zlib to COSE") is
 * `compressed && bytes equal COSE`.
 */
export function decompress(data: Uint8Array): Result<Decompressed> {
  if (!isZlibHeader(data)) return ok({ bytes: data, compressed: false });
  const inflated = inflateZlib(data);
  return inflated.ok ? ok({ bytes: inflated.value, compressed: true }) : inflated;
}

/** A COSE_Sign1 message (tagged, untagged or CWT-tagged) -> kid, alg, signed bytes, signature; claims on demand. */
export function openCose(bytes: Uint8Array): Result<Opened<DccClaims>> {
  // Not strict: issuers' CBOR encoders differ (integer widths, indefinite lengths, key order).
  const cose = parseCoseSign1(bytes, { cwtTag: true });
  if (!cose.ok) return cose;
  const { alg: protectedAlg, kid, payload, protectedBytes, unprotected, signature } = cose.value;

  // alg belongs in the protected header; a few issuers put it in the unprotected one. Taking it
  // from there is safe here: the trusted key fixes its own algorithm and verify insists they match.
  const unprotectedAlg = unprotected.get(HEADER_ALG);
  if (protectedAlg === undefined && unprotectedAlg !== undefined && typeof unprotectedAlg !== 'number')
    return fail('MALFORMED_COSE', 'alg is not an integer');
  const algId = protectedAlg ?? (unprotectedAlg as number | undefined);
  if (algId === undefined) return fail('MALFORMED_COSE', 'no alg in either header');
  const alg = algFromCoseId(algId);
  if (!alg || !ALGORITHMS.includes(alg)) return fail('UNSUPPORTED_ALGORITHM', `COSE algorithm ${algId}`);
  if (!kid || kid.length === 0) return fail('MALFORMED_COSE', 'no kid in either header');

  return ok({
    envelope: {
      format: FORMAT_ID,
      alg,
      kid: toBase64Url(kid),
      // The exact protected-header and payload bytes as sent: re-encoding them would break signatures.
      signedBytes: sigStructure(protectedBytes, payload),
      signature,
    },
    claims: () => readClaims(payload),
  });
}

function readClaims(payload: Uint8Array): Result<DccClaims> {
  const claims = decodeCbor(payload, { tags: PAYLOAD_TAGS });
  if (!claims.ok) return claims;
  if (!(claims.value instanceof Map)) return fail('MALFORMED_CLAIMS', 'CWT claims are not a map');
  return ok(claims.value);
}

/** A COSE_Sign1 message -> kid, alg, signed bytes, signature, claims. */
export function decodeCose(bytes: Uint8Array): Result<Decoded<DccClaims>> {
  return withClaims(openCose(bytes));
}

/** "HC1:…" -> the COSE envelope, claims on demand. */
export function open(text: string): Result<Opened<DccClaims>> {
  const b45text = unprefix(text);
  if (!b45text.ok) return b45text;
  const b45 = decodeBase45(b45text.value);
  if (!b45.ok) return b45;
  const data = decompress(b45.value);
  if (!data.ok) return data;
  // Not zlib, and not even shaped like a COSE message (a CBOR array or tag): say so, rather than
  // blame the CBOR layer for what is more likely a broken or foreign compression.
  const major = (data.value.bytes[0] ?? 0) >> 5;
  if (!data.value.compressed && major !== 4 && major !== 6)
    return fail('MALFORMED_COMPRESSION', 'neither a zlib stream nor a COSE message');
  return openCose(data.value.bytes);
}

export function decode(text: string): Result<Decoded<DccClaims>> {
  return withClaims(open(text));
}
