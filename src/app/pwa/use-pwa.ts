/** The installed app as Preact state: a waiting new version, storage persistence, the install prompt. */
import { useEffect, useState } from 'preact/hooks';
import { registerServiceWorker, requestPersistence, watchInstallPrompt, type Persistence, type PwaState } from './register.ts';

/** A kiosk applies a waiting app version after this long with no result on screen. */
export const KIOSK_UPDATE_IDLE_MS = 20_000;

export interface Pwa {
  /** Null until a service worker reports; `updateReady` once a new version waits. */
  pwa: PwaState | null;
  /** Whether the browser keeps our storage under pressure ('unknown': it cannot tell; null: not answered yet). */
  persisted: Persistence | null;
  /** Shows the browser's install prompt, when the app is installable. */
  install: (() => Promise<void>) | null;
}

export function usePwa(): Pwa {
  const [pwa, setPwa] = useState<PwaState | null>(null);
  const [persisted, setPersisted] = useState<Persistence | null>(null);
  const [install, setInstall] = useState<(() => Promise<void>) | null>(null);
  useEffect(() => {
    registerServiceWorker(setPwa);
    void requestPersistence().then(setPersisted);
    return watchInstallPrompt((fn) => setInstall(() => fn));
  }, []);
  return { pwa, persisted, install };
}

/**
 * `idleKiosk`: a kiosk with no result up — it has no operator to press "reload", so it takes a
 * waiting version itself. Used where the result is known (the scan route), not in App: a verdict
 * re-renders only the scan route.
 */
export function useKioskUpdate(pwa: PwaState | null, idleKiosk: boolean): void {
  useEffect(() => {
    if (!idleKiosk || !pwa?.updateReady) return;
    const id = setTimeout(() => pwa.apply(), KIOSK_UPDATE_IDLE_MS);
    return () => clearTimeout(id);
  }, [idleKiosk, pwa]);
}
