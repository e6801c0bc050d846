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
  'NO_CODE_FOUND',
  'EMPTY_INPUT',
  'INPUT_TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'MALFORMED_BASE45',
  'MALFORMED_COMPRESSION',
  'PAYLOAD_TOO_LARGE',
  'MALFORMED_CBOR',
  'MALFORMED_COSE',
  'UNSUPPORTED_ALGORITHM',
  'MALFORMED_CLAIMS',
  'SCHEMA_INVALID',
  'SCHEMA_UNAVAILABLE',
  'UNKNOWN_KEY',
  'SIGNATURE_INVALID',
  'KEY_EXPIRED',
  'KEY_USAGE',
  'ISSUER_MISMATCH',
  'REVOKED',
  'TRUST_STALE',
  'CLOCK_SUSPECT',
  'CODE_EXPIRED',
  'NOT_YET_VALID',
  'STATUS_RED',
  'STATUS_YELLOW',
  'TEST_POSITIVE',
  'NO_QUALIFYING_EVIDENCE',
  /** Kiosk anti-passback: the same holder already passed within the window. */
  'PASSBACK',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/** A failure reason. `detail` is technical English for logs and the CLI; it never holds personal data. */
export type Reason = Failure<ReasonCode>;

const RANK = new Map<ReasonCode, number>(REASON_CODES.map((c, i) => [c, i]));

export function compareReasons(a: Reason, b: Reason): number {
  return (RANK.get(a.code) ?? 0) - (RANK.get(b.code) ?? 0);
}
