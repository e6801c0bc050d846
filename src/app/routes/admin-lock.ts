/**
 * The kiosk lock: with a PIN set, Settings always asks for it; in kiosk mode Stats and Demo too
 * (and so leaving kiosk mode, which is a setting). Once unlocked, staff move between these screens
 * freely until they go back to scanning, which locks again.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../settings/settings.ts';
import { adminPathOf, go, type AdminPath } from './path.ts';

/** In kiosk mode an admin screen (or its PIN prompt) left alone this long goes back to the locked kiosk. */
export const KIOSK_ADMIN_IDLE_MS = 120_000;

export interface AdminLock {
  /** The admin screen shown, if any. */
  adminPath: AdminPath | null;
  /** It asks for the PIN first. */
  locked: boolean;
  unlock(): void;
}

/** Does this screen ask for the PIN? Settings whenever a PIN is set; Stats and Demo only in kiosk mode. */
export const asksForPin = (adminPath: AdminPath | null, unlocked: boolean, kiosk: Pick<Settings['kiosk'], 'pin' | 'enabled'>): boolean =>
  adminPath !== null && !unlocked && kiosk.pin !== undefined && (adminPath === '/settings' || kiosk.enabled);

export function useAdminLock(path: string, kiosk: Settings['kiosk']): AdminLock {
  const adminPath = adminPathOf(path);
  const [unlocked, setUnlocked] = useState(false);
  const locked = asksForPin(adminPath, unlocked, kiosk);
  useEffect(() => {
    if (path === '/') setUnlocked(false);
  }, [path]);
  // A kiosk must not be left showing Settings (or the PIN prompt) to the next traveller: back to
  // scanning after a while with no touch or key.
  const kioskAdmin = kiosk.enabled && adminPath !== null;
  useEffect(() => {
    if (!kioskAdmin) return;
    let id = setTimeout(() => go('/'), KIOSK_ADMIN_IDLE_MS);
    const poke = () => {
      clearTimeout(id);
      id = setTimeout(() => go('/'), KIOSK_ADMIN_IDLE_MS);
    };
    const events = ['pointerdown', 'keydown', 'input', 'wheel'] as const;
    for (const e of events) addEventListener(e, poke, { capture: true, passive: true });
    return () => {
      clearTimeout(id);
      for (const e of events) removeEventListener(e, poke, { capture: true });
    };
  }, [kioskAdmin, path]);
  return { adminPath, locked, unlock: () => setUnlocked(true) };
}
