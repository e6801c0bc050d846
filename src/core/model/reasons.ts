import { FORMAT_REASONS, type FormatReasonCode } from '../formats/catalog.ts';
import type { Failure } from '../result.ts';
import { placeReasons } from './reason-order.ts';

/**
 * Reason codes that shared code produces (encoding, pipeline, trust, policy, app), in the order a
 * verdict lists them: the first reason is the deciding one, so "what is this code at all" comes
 * before "can we trust it" before "is it valid now" before "does the checkpoint policy accept it".
 * A code only one format produces is declared in that format's folder (`reasons.ts`), ranked
 * relative to these; REASON_CODES is the merged list.
 */
export const CORE_REASON_CODES = [
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
  'MALFORMED_BASE45',
  'MALFORMED_COMPRESSION',
  'PAYLOAD_TOO_LARGE',
  'MALFORMED_CBOR',
  /** Not strict JSON within bounds (syntax, duplicate member names, nesting depth, lone surrogates). */
  'MALFORMED_JSON',
  'MALFORMED_COSE',
  'UNSUPPORTED_ALGORITHM',
  'MALFORMED_CLAIMS',
  'UNKNOWN_KEY',
  /** The signer certificate a code carries was not issued by the trusted CA it names (or is malformed). */
  'CERT_CHAIN_INVALID',
  'SIGNATURE_INVALID',
  /** A live presentation whose device signature does not verify with the key the code names (or the code names none). */
  'DEVICE_SIGNATURE_INVALID',
  'KEY_EXPIRED',
  'KEY_USAGE',
  'ISSUER_MISMATCH',
  'REVOKED',
  'TRUST_STALE',
  'CLOCK_SUSPECT',
  'CODE_EXPIRED',
  'NOT_YET_VALID',
  /** A device-bound code shown bare (a screenshot of the stored code), or an unbound code where the policy requires binding. */
  'PRESENTATION_REQUIRED',
  /** A live presentation whose time slot lies outside the policy's window around the gate's clock. */
  'PRESENTATION_STALE',
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

export type CoreReasonCode = (typeof CORE_REASON_CODES)[number];

/** Every reason code: core's and those the registered formats declare (a misspelt code fails tsc). */
export type ReasonCode = CoreReasonCode | FormatReasonCode;

// A format may not redeclare a core code (reasons.test.ts checks the same at run time), and a
// plug-in typed without its codes (FormatPlugin<Claims>) would widen ReasonCode to string.
const noOverlap: [Extract<FormatReasonCode, CoreReasonCode>] extends [never] ? true : false = true;
const precise: string extends ReasonCode ? false : true = true;
void noOverlap, precise;

/**
 * Every reason code in verdict order, format codes at the rank their folders declare. Formats
 * import this module for types only, so the catalogue (catalog.ts) is fully loaded before this line runs.
 */
export const REASON_CODES: readonly ReasonCode[] = placeReasons<ReasonCode>(CORE_REASON_CODES, FORMAT_REASONS).order;

/**
 * A failure reason. `detail` is technical English for logs and the CLI; it never holds personal data.
 * `rule`: the checkpoint-policy rule that failed, with its own texts for the result screen.
 */
export type Reason = Failure<ReasonCode> & { rule?: { id: string; texts: { 'zh-CN': string; en: string } } };

const RANK = new Map<ReasonCode, number>(REASON_CODES.map((c, i) => [c, i]));

export function compareReasons(a: Reason, b: Reason): number {
  return (RANK.get(a.code) ?? 0) - (RANK.get(b.code) ?? 0);
}
