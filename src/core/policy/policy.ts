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

export const GREEN_ONLY: Policy = {
  id: 'green',
  names: { 'zh-CN': '仅绿码通行', en: 'Green code only' },
  acceptStatus: ['green'],
};

export const DEFAULT_POLICY = GREEN_ONLY;
