import type { Failure } from '../result.ts';

/**
 * Reason codes, in the order a verdict lists them: the first reason is the deciding one, so
 * "what is this code at all" comes before "can we trust it" before "is it valid now" before
 * "does the checkpoint policy accept it".
 */
export const REASON_CODES = [
  'INTERNAL_ERROR',
  'NO_TRUST_BUNDLE',
  'IMAGE_UNREADABLE',
  /** A picture with more pixels than the readers decode (declared in its header): refused before decoding. */
  'IMAGE_TOO_LARGE',
  'NO_CODE_FOUND',
  'EMPTY_INPUT',
  'INPUT_TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  /** One part of a code split over several QR codes (SMART Health Card chunks); the others are missing. */
  'CODE_INCOMPLETE',
  /** Several texts given as one code's parts that are not: parts of different codes, or whole codes among them. */
  'PARTS_MIXED',
  /** The digits of a numeric-mode code (SMART Health Card `shc:/`) do not encode text: odd count, a pair above 77, a bad part header. */
  'MALFORMED_NUMERIC',
  'MALFORMED_BASE45',
  'MALFORMED_COMPRESSION',
  'PAYLOAD_TOO_LARGE',
  'MALFORMED_CBOR',
  /** Not strict JSON within bounds (syntax, duplicate member names, nesting depth, lone surrogates). */
  'MALFORMED_JSON',
  'MALFORMED_COSE',
  /** A JWS (SMART Health Card) that is not three base64url parts with a well-formed protected header. */
  'MALFORMED_JWS',
  'UNSUPPORTED_ALGORITHM',
  'MALFORMED_CLAIMS',
  'SCHEMA_INVALID',
  'SCHEMA_UNAVAILABLE',
  /** A coded field whose code is not in the trust bundle's value set (a note; the record shows the code as unknown). */
  'VALUE_NOT_IN_VALUE_SET',
  'UNKNOWN_KEY',
  /** The signer certificate a code carries was not issued by the trusted CA it names (or is malformed). */
  'CERT_CHAIN_INVALID',
  'SIGNATURE_INVALID',
  'KEY_EXPIRED',
  'KEY_USAGE',
  'ISSUER_MISMATCH',
  'REVOKED',
  /** An EU DCC holding more than one event (vaccination, test, recovery): the specification allows one. */
  'MULTIPLE_EVENTS',
  'TRUST_STALE',
  'CLOCK_SUSPECT',
  'CODE_EXPIRED',
  'NOT_YET_VALID',
  'STATUS_RED',
  'STATUS_YELLOW',
  'TEST_POSITIVE',
  /** Policy rules (docs/policies.md): a domestic status colour is required (foreign certificates have none). */
  'STATUS_REQUIRED',
  'NAT_REQUIRED',
  'NAT_TOO_OLD',
  'VACCINATION_INCOMPLETE',
  'NO_QUALIFYING_EVIDENCE',
  /** A policy rule that errs or yields a non-boolean: failed closed, named in the reason's rule. */
  'POLICY_RULE_ERROR',
  /** Kiosk anti-passback: the same holder already passed within the window. */
  'PASSBACK',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * A failure reason. `detail` is technical English for logs and the CLI; it never holds personal data.
 * `rule`: the checkpoint-policy rule that failed, with its own texts for the result screen.
 */
export type Reason = Failure<ReasonCode> & { rule?: { id: string; texts: { 'zh-CN': string; en: string } } };

const RANK = new Map<ReasonCode, number>(REASON_CODES.map((c, i) => [c, i]));

export function compareReasons(a: Reason, b: Reason): number {
  return (RANK.get(a.code) ?? 0) - (RANK.get(b.code) ?? 0);
}
