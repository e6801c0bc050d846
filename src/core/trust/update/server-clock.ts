/** The clock evidence a bundle download brings: the server's Date header, seen at device time `now`. */
import { CLOCK_TOLERANCE_MS, type ClockEvidence } from '../clock.ts';

/** A server's Date that agrees with the device also vouches for the device time: reset latest-seen to it. */
export function clockAfterFetch(clock: ClockEvidence, date: string | undefined, now: Date): ClockEvidence {
  if (!date || Number.isNaN(Date.parse(date))) return clock;
  const agrees = Math.abs(now.getTime() - Date.parse(date)) <= CLOCK_TOLERANCE_MS;
  return {
    ...clock,
    httpDate: new Date(Date.parse(date)).toISOString(),
    httpDateSeenAt: now.toISOString(),
    ...(agrees ? { latestSeen: now.toISOString() } : {}),
  };
}
