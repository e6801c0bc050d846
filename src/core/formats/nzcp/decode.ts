/**
 * `NZCP:/1/…` -> base32 (re-padded) -> COSE_Sign1 (tag 18) -> CWT claims map. No trust decided here.
 *
 * The key a pass names is `iss#kid` (spec §Issuer Identifier): its kid is relative to the issuer
 * in the payload, so the envelope's key id needs the claims, and NZCP reads them with the envelope
 * (decode, no open). Decoded.kid is base64url of the UTF-8 of the absolute reference, as a bundle
 * key for NZCP names it; two issuers that both call their key "key-1" never meet.
 */
import { algFromCoseId } from '../../crypto/algorithms.ts';
import { toBase64Url, utf8, utf8Text } from '../../encoding/bytes.ts';
import { decodeCbor } from '../../encoding/cbor.ts';
import { parseCoseSign1, sigStructure } from '../../encoding/cose-sign1.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Decoded } from '../format.ts';
import { decodeBase32 } from './base32.ts';
import { CLAIM, COSE_ES256, FORMAT_ID, HEADER, MAX_KID, MAX_VERSION_DIGITS, PREFIX, TAG_UINT8_ARRAY, VERSION } from './constants.ts';

/** The CWT claims map as decoded; normalise type-checks every field. */
export type NzcpClaims = Map<unknown, unknown>;

/** `<version>/<base32>` after the prefix. The version is an unsigned integer (spec §2D Barcode Encoding). */
const BODY = new RegExp(`^(\\d{1,${MAX_VERSION_DIGITS}})/(.*)$`, 's');

/** "NZCP:/1/…" -> the COSE_Sign1 bytes; a pass of another major version is refused as one we cannot judge. */
export function unwrap(text: string): Result<Uint8Array> {
  if (!text.startsWith(PREFIX)) return fail('UNSUPPORTED_FORMAT', `no ${PREFIX} prefix`);
  const m = BODY.exec(text.slice(PREFIX.length));
  if (!m) return fail('MALFORMED_BASE32', `not ${PREFIX}<version>/<base32>`);
  const version = Number(m[1]);
  if (version !== VERSION) return fail('NZCP_VERSION_UNSUPPORTED', `major version ${version}; this verifier knows ${VERSION}`);
  return decodeBase32(m[2]!);
}

/** The kid in the protected header (a text string per the spec, bytes in its worked example), as text. */
function kidOf(protectedMap: Map<unknown, unknown>, kid: Uint8Array | undefined): Result<string> {
  if (!protectedMap.has(HEADER.kid) || !kid) return fail('MALFORMED_COSE', 'no kid in the protected header');
  const text = utf8Text(kid);
  if (text === undefined || text.length === 0 || text.length > MAX_KID) return fail('MALFORMED_COSE', 'kid is not a short UTF-8 text');
  return ok(text);
}

/** A COSE_Sign1 message -> envelope and claims. */
export function decodeCose(bytes: Uint8Array): Result<Decoded<NzcpClaims>> {
  // Not strict: issuers' CBOR encoders differ; the signature covers the bytes as sent.
  const cose = parseCoseSign1(bytes, { textKid: true });
  if (!cose.ok) return cose;
  const { alg: algId, kid, payload, protectedBytes, protectedMap, signature, tagged } = cose.value;
  // MUST: the tagged variant (tag 18); alg and kid in the protected header.
  if (!tagged) return fail('MALFORMED_COSE', 'COSE_Sign1 tag 18 is missing');
  if (algId === undefined) return fail('MALFORMED_COSE', 'no alg in the protected header');
  if (algId !== COSE_ES256) return fail('UNSUPPORTED_ALGORITHM', `COSE algorithm ${algId}; NZCP allows ES256 (-7) only`);
  const alg = algFromCoseId(algId)!;
  const keyName = kidOf(protectedMap, kid);
  if (!keyName.ok) return keyName;

  const claims = decodeCbor(payload, { tags: [TAG_UINT8_ARRAY] });
  if (!claims.ok) return claims;
  if (!(claims.value instanceof Map)) return fail('MALFORMED_CLAIMS', 'CWT claims are not a map');
  const iss = claims.value.get(CLAIM.iss);
  if (typeof iss !== 'string' || iss.length === 0) return fail('MALFORMED_CLAIMS', 'iss is missing or not a text string');
  return ok({
    format: FORMAT_ID,
    alg,
    kid: toBase64Url(utf8(`${iss}#${keyName.value}`)),
    issuer: iss,
    signedBytes: sigStructure(protectedBytes, payload),
    signature,
    claims: claims.value,
  });
}

export function decode(text: string): Result<Decoded<NzcpClaims>> {
  const bytes = unwrap(text);
  if (!bytes.ok) return bytes;
  return decodeCose(bytes.value);
}
