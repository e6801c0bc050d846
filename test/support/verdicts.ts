/** A PASS verdict for a domestic-style credential, built by hand: the input of anti-passback tests in core and app. */
import type { Verdict } from '../../src/core/model/verdict.ts';

export interface HolderFields {
  name?: string;
  birthDate?: string;
  idTail?: string;
}

export function passVerdict(holder: HolderFields, issuer = '440000', format = 'test-format'): Verdict {
  return {
    outcome: 'PASS',
    reasons: [],
    warnings: [],
    signatureVerified: true,
    credential: {
      format,
      issuer: { id: issuer, kind: 'province' },
      keyId: 'k',
      issuedAt: '2026-11-24T08:00:00Z',
      holder,
      tests: [],
      vaccinations: [],
      recoveries: [],
      kinds: ['health-status'],
    },
    trust: null,
    policy: { id: 'green', names: { 'zh-CN': '绿码', en: 'Green' } },
    checkedAt: '2026-11-24T08:00:00Z',
  };
}
