/**
 * What the gate's own state adds to every verdict: trust data past its age or expiry, and a
 * suspect clock. The bundle's freshness policy says whether each fails a verdict or warns.
 */
import type { Reason } from '../model/reasons.ts';
import type { TrustBundle } from '../trust/bundle.ts';
import { checkClock, CLOCK_ISSUE_TEXT, type ClockEvidence } from '../trust/clock.ts';
import { assessFreshness } from '../trust/freshness.ts';

/** What the app knows about its trust data beyond the bundle itself. */
export interface TrustMeta {
  /** When a server last confirmed the bundle current (ISO). */
  confirmedAt?: string;
  clock?: ClockEvidence;
}

export interface TrustStateReasons {
  fail: Reason[];
  warn: Reason[];
}

export function trustStateReasons(bundle: TrustBundle | null, now: Date, meta: TrustMeta = {}): TrustStateReasons {
  const out: TrustStateReasons = { fail: [], warn: [] };
  const clock = checkClock(now, bundle, meta.clock ?? {});
  if (clock.length) {
    const r: Reason = { code: 'CLOCK_SUSPECT', detail: clock.map((c) => CLOCK_ISSUE_TEXT[c]).join('; ') };
    (bundle?.freshness.onClockSuspect === 'fail' ? out.fail : out.warn).push(r);
  }
  if (!bundle) return out;
  const { level, ageSeconds } = assessFreshness(bundle, now, meta.confirmedAt);
  // expiresAt is the publisher's signed hard limit: past it nothing passes, whatever onStale says.
  if (level === 'expired') out.fail.push({ code: 'TRUST_STALE', detail: `trust bundle expired at ${bundle.expiresAt}` });
  else if (level === 'stale')
    (bundle.freshness.onStale === 'fail' ? out.fail : out.warn).push({
      code: 'TRUST_STALE',
      detail: `trust bundle not confirmed for ${ageSeconds} s (max ${bundle.freshness.maxAgeSeconds} s)`,
    });
  return out;
}
