import type { Credential } from './credential.ts';
import type { Reason } from './reasons.ts';
import type { TrustLevel } from '../trust/freshness.ts';

/** NOT_READ: the reading failed (reason-class.ts), so nothing is said about the holder — scan again. */
export type Outcome = 'PASS' | 'FAIL' | 'NOT_READ';

export interface LocalizedName {
  'zh-CN': string;
  en: string;
}

export interface TrustSummary {
  version: number;
  issuedAt: string;
  expiresAt: string;
  ageSeconds: number;
  level: TrustLevel;
}

export interface Verdict {
  outcome: Outcome;
  /** Ordered: the first is the deciding reason. Empty exactly when outcome is PASS. */
  reasons: Reason[];
  /** Shown with the verdict but not deciding it (e.g. TRUST_STALE when the bundle's policy says warn). */
  warnings: Reason[];
  format?: string;
  /** Present when the code decoded and its claims normalised, trusted or not. */
  credential?: Credential;
  /** True only when a trusted key verified the signature. */
  signatureVerified: boolean;
  issuerName?: LocalizedName;
  trust: TrustSummary | null;
  policy: { id: string; names: LocalizedName };
  checkedAt: string;
}
