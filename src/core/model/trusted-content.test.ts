import { describe, expect, it } from 'vitest';
import { REASON_CODES, type ReasonCode } from './reasons.ts';
import { contentTrusted, UNTRUSTED_CONTENT } from './trusted-content.ts';

const verdict = (signatureVerified: boolean, ...codes: ReasonCode[]) => ({ signatureVerified, reasons: codes.map((code) => ({ code })) });

describe('contentTrusted', () => {
  it('never without a verified signature', () => {
    expect(contentTrusted(verdict(false))).toBe(false);
    expect(contentTrusted(verdict(false, 'CODE_EXPIRED'))).toBe(false);
  });
  for (const code of UNTRUSTED_CONTENT)
    it(`not when ${code} stands against the key, even with a verified signature`, () => {
      expect(contentTrusted(verdict(true, code))).toBe(false);
      expect(contentTrusted(verdict(true, 'CODE_EXPIRED', code))).toBe(false);
    });
  it('content reasons (expiry, policy, revocation) do not make verified content untrue', () => {
    for (const code of REASON_CODES.filter((c) => !UNTRUSTED_CONTENT.includes(c))) expect(contentTrusted(verdict(true, code)), code).toBe(true);
  });
});
