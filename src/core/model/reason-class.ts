/**
 * The third outcome, decided here and only here: NOT READ ("scan again") when what failed is the
 * reading, not the person's code. No code in the picture, text that is not a health code, the
 * damaged structure a partial or garbled read produces, a multi-part code not read whole — none of
 * these says anything about the holder, so none may show a red FAIL or count as one. A code that
 * decodes and then fails its signature, validity or policy is a FAIL; so is a code built to be
 * refused (a decompression bomb, an algorithm we do not take, claims that are no health code).
 */
import { FORMAT_REASONS } from '../formats/catalog.ts';
import type { CoreReasonCode, ReasonCode } from './reasons.ts';
import type { Outcome } from './verdict.ts';

export type ReasonClass = 'not-read' | 'fail';

/** Core's codes; a format declares the class of its own codes in its folder (`reasons.ts`). */
const NOT_READ: Record<CoreReasonCode, boolean> = {
  INTERNAL_ERROR: true, // our failure, not the holder's: scan again
  NO_TRUST_BUNDLE: false,
  IMAGE_UNREADABLE: true,
  IMAGE_TOO_LARGE: true,
  NO_CODE_FOUND: true,
  EMPTY_INPUT: true,
  INPUT_TOO_LARGE: true,
  UNSUPPORTED_FORMAT: true, // a URL, a payment code, a pasted sentence
  CODE_INCOMPLETE: true,
  PARTS_MIXED: true,
  MALFORMED_BASE45: true,
  MALFORMED_COMPRESSION: true, // truncated or appended text breaks the zlib stream
  PAYLOAD_TOO_LARGE: false, // a decompression bomb is made, not misread
  MALFORMED_CBOR: true,
  MALFORMED_JSON: true,
  MALFORMED_COSE: true,
  UNSUPPORTED_ALGORITHM: false,
  MALFORMED_CLAIMS: false,
  UNKNOWN_KEY: false,
  CERT_CHAIN_INVALID: false,
  SIGNATURE_INVALID: false,
  DEVICE_SIGNATURE_INVALID: false, // a forwarded or replayed presentation is made, not misread
  KEY_EXPIRED: false,
  KEY_USAGE: false,
  ISSUER_MISMATCH: false,
  REVOKED: false,
  TRUST_STALE: false,
  CLOCK_SUSPECT: false,
  CODE_EXPIRED: false,
  NOT_YET_VALID: false,
  PRESENTATION_REQUIRED: false, // a screenshot of a bound code: exactly what binding exists to refuse
  PRESENTATION_STALE: false,
  STATUS_RED: false,
  STATUS_YELLOW: false,
  TEST_POSITIVE: false,
  STATUS_REQUIRED: false,
  NAT_REQUIRED: false,
  NAT_TOO_OLD: false,
  VACCINATION_INCOMPLETE: false,
  NO_QUALIFYING_EVIDENCE: false,
  POLICY_RULE_ERROR: false,
  PASSBACK: false,
};

const FORMAT_CLASS = new Map<string, ReasonClass>(FORMAT_REASONS.map((r) => [r.code, r.class]));

export const reasonClass = (code: ReasonCode): ReasonClass => {
  const own = FORMAT_CLASS.get(code);
  if (own) return own;
  return NOT_READ[code as CoreReasonCode] ? 'not-read' : 'fail';
};

/**
 * PASS with no reasons (and a verified signature: run.ts insists); NOT_READ when the read failed
 * (a reading reason, and nothing was verified — trust-state reasons such as TRUST_STALE join every
 * verdict and do not change it); FAIL otherwise.
 */
export function outcomeOf(reasons: readonly { code: ReasonCode }[], signatureVerified: boolean): Outcome {
  if (reasons.length === 0) return 'PASS';
  return !signatureVerified && reasons.some((r) => reasonClass(r.code) === 'not-read') ? 'NOT_READ' : 'FAIL';
}
