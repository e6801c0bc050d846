/**
 * Settings over IndexedDB (store 'settings', key 'current'), with a tiny change feed so every
 * screen holding settings sees a save made elsewhere in the page.
 */
import { validateSettings, type Settings } from '../settings/settings.ts';
import { openGatecheckDB } from './db.ts';

type Listener = (s: Settings) => void;
const listeners = new Set<Listener>();

/**
 * The stored settings, validated (old or damaged records are repaired, see validateSettings).
 * Never throws: when storage cannot be read (private mode, quota, a blocked upgrade) the gate
 * still runs, on the defaults.
 */
export async function loadSettings(): Promise<Settings> {
  try {
    const d = await openGatecheckDB();
    return validateSettings(await d.get('settings', 'current'));
  } catch (e) {
    console.warn('gatecheck: settings unreadable, using defaults', e);
    return validateSettings(undefined);
  }
}

/** Validates, stores and announces `next`; resolves to what was stored. Throws if storing fails. */
export async function saveSettings(next: Settings): Promise<Settings> {
  const clean = validateSettings(next);
  const d = await openGatecheckDB();
  await d.put('settings', clean, 'current');
  for (const fn of listeners) fn(clean);
  return clean;
}

/** Called with the settings after every save; returns the unsubscribe function. */
export function subscribeSettings(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
