/** NZ COVID Pass (NZCP), specification v1 (minhealthnz/nzcovidpass-spec; docs/formats/nzcp.md). */
export const FORMAT_ID = 'nzcp';
/** `NZCP:/<major version>/<base32 of COSE_Sign1, no padding>`. */
export const PREFIX = 'NZCP:/';
/** The only major version this verifier knows. */
export const VERSION = 1;
/** The DID method every NZCP issuer must use. */
export const DID_WEB_PREFIX = 'did:web:';

/** COSE ES256: the one algorithm the spec allows (§Cryptographic Digital Signature Algorithm). */
export const COSE_ES256 = -7;
/** COSE header parameter keys (RFC 9052). */
export const HEADER = { alg: 1, kid: 4 } as const;
/** CWT claim keys (RFC 8392); `vc` is unregistered and written as the text key "vc". */
export const CLAIM = { iss: 1, exp: 4, nbf: 5, cti: 7, vc: 'vc' } as const;
/**
 * RFC 8746 tag 64 (uint8 typed array): a byte string by another name. One published NZCP sample
 * (the spec's revoked-key example, from an early issuer) wraps its cti in it; read as the bytes.
 */
export const TAG_UINT8_ARRAY = 64;

/** The W3C VC context, which must come first in `vc.@context`. */
export const W3C_VC_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
export const VC_BASE_TYPE = 'VerifiableCredential';
/** Pass types this verifier understands (spec §Pass Types); any other is shown but never counts. */
export const PASS_TYPES: readonly string[] = ['PublicCovidPass'];
/** `vc.version` of spec v1. */
export const VC_VERSION = '1.0.0';
/** givenName and familyName: MAX LENGTH 100 (spec §PublicCovidPass). */
export const MAX_NAME = 100;
/** A kid longer than this is no relative key reference: refused before it becomes a lookup key. */
export const MAX_KID = 256;
/** Version digits read at most (an integer this long is no version we could know). */
export const MAX_VERSION_DIGITS = 9;
