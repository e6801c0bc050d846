/**
 * Clock sanity without NTP. A gate judges validity windows by its own clock, so a clock set back
 * (to pass an expired code) or badly wrong must be noticed from what the app can see: the signed
 * bundle's issuedAt, the latest time the app has seen before, and the Date header of its last fetch.
 */
import type { TrustBundle } from './bundle.ts';

/** Clocks and HTTP Date (1 s resolution, plus transit time) disagree a little; more than this is suspect. */
export const CLOCK_TOLERANCE_MS = 10 * 60 * 1000;

export interface ClockEvidence {
  /** The latest device time the app has recorded (ISO). */
  latestSeen?: string;
  /** The Date header of the last successful bundle fetch, and the device time when it arrived. */
  httpDate?: string;
  httpDateSeenAt?: string;
}

export type ClockIssue = 'BEFORE_BUNDLE' | 'WENT_BACK' | 'SERVER_DISAGREES';

export function checkClock(now: Date, bundle: TrustBundle | null, e: ClockEvidence): ClockIssue[] {
  const t = now.getTime();
  const issues: ClockIssue[] = [];
  if (bundle && t < Date.parse(bundle.issuedAt) - CLOCK_TOLERANCE_MS) issues.push('BEFORE_BUNDLE');
  const seen = e.latestSeen ? Date.parse(e.latestSeen) : NaN;
  if (t < seen - CLOCK_TOLERANCE_MS) issues.push('WENT_BACK');
  const server = e.httpDate ? Date.parse(e.httpDate) : NaN;
  const local = e.httpDateSeenAt ? Date.parse(e.httpDateSeenAt) : NaN;
  if (Math.abs(local - server) > CLOCK_TOLERANCE_MS) issues.push('SERVER_DISAGREES');
  return issues;
}

export const CLOCK_ISSUE_TEXT: Record<ClockIssue, string> = {
  BEFORE_BUNDLE: 'device time is before the trust bundle was issued',
  WENT_BACK: 'device time is earlier than a time the app saw before',
  SERVER_DISAGREES: "device time was far from the server's at the last update",
};
