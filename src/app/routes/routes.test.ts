import { describe, expect, it } from 'vitest';
import type { PinRecord } from '../settings/pin.ts';
import { asksForPin } from './admin-lock.ts';
import { adminPathOf } from './path.ts';

const pin = { alg: 'PBKDF2-SHA256', iterations: 1, salt: 's', hash: 'h' } as unknown as PinRecord;

describe('routes', () => {
  it('knows the admin screens; anything else is the scan screen', () => {
    expect(adminPathOf('/settings')).toBe('/settings');
    expect(adminPathOf('/stats')).toBe('/stats');
    expect(adminPathOf('/demo')).toBe('/demo');
    expect(adminPathOf('/')).toBeNull();
    expect(adminPathOf('/other')).toBeNull();
  });

  it('the PIN guards Settings always, Stats and Demo in kiosk mode only, until unlocked', () => {
    expect(asksForPin('/settings', false, { pin, enabled: false })).toBe(true);
    expect(asksForPin('/stats', false, { pin, enabled: false })).toBe(false);
    expect(asksForPin('/demo', false, { pin, enabled: true })).toBe(true);
    expect(asksForPin('/stats', false, { pin, enabled: true })).toBe(true);
    expect(asksForPin('/settings', true, { pin, enabled: true })).toBe(false);
    expect(asksForPin('/settings', false, { pin: undefined, enabled: true })).toBe(false);
    expect(asksForPin(null, false, { pin, enabled: true })).toBe(false);
  });
});
