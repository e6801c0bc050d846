/** How fresh a gate's trust data is: the age the status line shows and the level verdicts use. */
import type { TrustBundle } from './bundle.ts';

export type TrustLevel = 'fresh' | 'warn' | 'stale' | 'expired';

export interface TrustFreshness {
  level: TrustLevel;
  /** Seconds since a server last confirmed the bundle current (or since issuedAt), never negative. */
  ageSeconds: number;
}

/**
 * `confirmedAt` is when a server last said this bundle is the newest (a 200 with it, or a 304);
 * a bundle that was never fetched (the CLI, a sideloaded file) counts from its issuedAt.
 */
export function assessFreshness(bundle: TrustBundle, now: Date, confirmedAt?: string): TrustFreshness {
  const t = now.getTime();
  const since = Math.max(Date.parse(bundle.issuedAt), confirmedAt ? Date.parse(confirmedAt) || 0 : 0);
  const ageSeconds = Math.max(0, Math.floor((t - since) / 1000));
  const f = bundle.freshness;
  const level: TrustLevel =
    Date.parse(bundle.expiresAt) <= t ? 'expired' : ageSeconds > f.maxAgeSeconds ? 'stale' : ageSeconds > f.warnAgeSeconds ? 'warn' : 'fresh';
  return { level, ageSeconds };
}
