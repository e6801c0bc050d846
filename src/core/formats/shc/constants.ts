/** Numbers of the SMART Health Cards framework (spec.smarthealth.cards, v1.x). */
export const FORMAT_ID = 'shc';
export const PREFIX = 'shc:/';

/** Numeric mode: each JWS character c is written as two digits, ord(c) - 45 ("-" is the smallest base64url/"." code). */
export const NUMERIC_OFFSET = 45;
/** "z" (122) - 45: no JWS character encodes above this. */
export const NUMERIC_MAX_PAIR = 77;

/**
 * Chunked codes (`shc:/i/n/…`, deprecated since v1.2 but still carried): the spec's largest JWS
 * fits in 3 parts of a version-22 QR code; a few more are tolerated, more than this is not a card.
 */
export const MAX_PARTS = 10;

/** The only signature algorithm and compression the framework allows. */
export const JWS_ALG = 'ES256';
export const JWS_ZIP = 'DEF';

/** `vc.type` every health card carries. */
export const HEALTH_CARD_TYPE = 'https://smarthealth.cards#health-card';

/** Revocation ids are base64url, at most 24 characters (the spec's limit). */
export const RID = /^[A-Za-z0-9_-]{1,24}$/;

/** FHIR resources in one bundle: real cards have a handful, the spec's lab example 55. */
export const MAX_ENTRIES = 256;
/** Longest text taken from a FHIR field into the Credential. */
export const MAX_TEXT = 200;

/** JWT NumericDate bounds (seconds): years 2000..2200, so milliseconds or extremes are refused. */
export const MIN_TIME_S = 946684800;
export const MAX_TIME_S = 7258118400;

export const SYSTEM = {
  cvx: 'http://hl7.org/fhir/sid/cvx',
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
} as const;
