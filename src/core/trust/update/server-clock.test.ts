import { describe, expect, it } from 'vitest';
import { CLOCK_TOLERANCE_MS } from '../clock.ts';
import { clockAfterFetch } from './server-clock.ts';

const NOW = new Date(Date.UTC(2026, 10, 24, 8, 0, 0));
const BEFORE = { latestSeen: '2026-11-20T00:00:00.000Z' };

describe('clockAfterFetch', () => {
  it('a server Date that agrees with the device records it and vouches for the device time', () => {
    expect(clockAfterFetch(BEFORE, NOW.toUTCString(), NOW)).toEqual({ latestSeen: NOW.toISOString(), httpDate: NOW.toISOString(), httpDateSeenAt: NOW.toISOString() });
  });

  it('a server Date far off is recorded as evidence, but latest-seen stays', () => {
    const off = new Date(NOW.getTime() + 2 * CLOCK_TOLERANCE_MS);
    expect(clockAfterFetch(BEFORE, off.toUTCString(), NOW)).toEqual({ ...BEFORE, httpDate: off.toISOString(), httpDateSeenAt: NOW.toISOString() });
  });

  it('no Date, or one that does not parse: the evidence as it was', () => {
    expect(clockAfterFetch(BEFORE, undefined, NOW)).toBe(BEFORE);
    expect(clockAfterFetch(BEFORE, 'yesterday-ish', NOW)).toBe(BEFORE);
  });
});
