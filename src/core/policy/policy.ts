/**
 * A checkpoint policy: what a gate requires beyond a valid, trusted code. This first cut knows
 * status colours only; rules-as-data in the signed bundle replace it (issue 7).
 */
import type { HealthStatus } from '../model/credential.ts';
import type { LocalizedName } from '../model/verdict.ts';

export interface Policy {
  id: string;
  names: LocalizedName;
  /** Status colours that pass; a credential without a status has no qualifying evidence. */
  acceptStatus: HealthStatus[];
}

/**
 * The default until policies are signed data (issue 7): a code with a status colour must be
 * green; a credential without one (foreign certificates) needs current evidence — a vaccination,
 * a negative test, or a recovery within its validity — and no positive test.
 */
export const GREEN_ONLY: Policy = {
  id: 'green',
  names: { 'zh-CN': '绿码 / 境外有效证书', en: 'Green code / valid foreign certificate' },
  acceptStatus: ['green'],
};

export const DEFAULT_POLICY = GREEN_ONLY;
