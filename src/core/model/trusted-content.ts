/**
 * Whether what a code says may be shown as fact: only when a trusted key verified it and nothing
 * about that key undermines it. A forged code, one signed by a key not in the trust list, one whose
 * key belongs to another issuer (or may not sign this kind of content, or was not valid when it
 * signed) shows no issuer, no time and no holder data — only that it is unverified.
 */
import type { ReasonCode } from './reasons.ts';
import type { Verdict } from './verdict.ts';

export const UNTRUSTED_CONTENT: readonly ReasonCode[] = [
  'NO_TRUST_BUNDLE',
  'UNKNOWN_KEY',
  'CERT_CHAIN_INVALID',
  'SIGNATURE_INVALID',
  'KEY_EXPIRED',
  'KEY_USAGE',
  'ISSUER_MISMATCH',
];

export function contentTrusted(v: Pick<Verdict, 'signatureVerified' | 'reasons'>): boolean {
  return v.signatureVerified && !v.reasons.some((r) => UNTRUSTED_CONTENT.includes(r.code));
}
