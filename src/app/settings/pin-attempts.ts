/**
 * Wrong-PIN tries survive a reload (localStorage), so reloading the page does not reset the
 * lockout. Not a setting and not personal data: three numbers.
 */
import { NO_ATTEMPTS, parseAttempts, type PinAttempts } from './pin.ts';

const KEY = 'gatecheck.pinAttempts';

export function readAttempts(): PinAttempts {
  try {
    return parseAttempts(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
  } catch {
    return NO_ATTEMPTS;
  }
}

export function writeAttempts(a: PinAttempts): void {
  try {
    if (a.failures === 0 && a.lockouts === 0) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify(a));
  } catch {
    // Storage refused (private mode): the lockout then lasts as long as the page.
  }
}
