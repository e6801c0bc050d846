/**
 * Service worker registration with workbox-window. A new version never takes over by itself: it
 * waits until the operator chooses to reload (a kiosk applies it when idle between scans).
 */
import { cameraPlaying, START_WAIT_MS } from '../scan/camera-playing.ts';

export interface PwaState {
  /** A new version is installed and waiting. */
  updateReady: boolean;
  /** Reload into the waiting version. */
  apply(): void;
}

export function registerServiceWorker(onChange: (s: PwaState) => void): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // Once the camera plays (or after 1.5 s): registering starts the precache download of every
  // chunk and the wasm, which would compete with the start; workbox-window is loaded then too.
  void cameraPlaying(START_WAIT_MS).then(async () => {
    const { Workbox } = await import('workbox-window');
    register(new Workbox('/sw.js', { scope: '/' }), onChange);
  });
}

function register(wb: import('workbox-window').Workbox, onChange: (s: PwaState) => void): void {
  const apply = () => {
    // Reload once the new worker controls the page, so every file comes from one version.
    wb.addEventListener('controlling', () => location.reload());
    wb.messageSkipWaiting();
  };
  wb.addEventListener('waiting', () => onChange({ updateReady: true, apply }));
  void wb.register().catch(() => {
    /* no service worker (private mode, blocked): the app still works online */
  });
}

/** What the browser says about keeping our storage: `'unknown'` when it cannot say (no navigator.storage, as in WebKitGTK and older Safari). */
export type Persistence = boolean | 'unknown';

/** Ask the browser to keep our storage (trust bundle, settings) under pressure; says whether it will. */
export async function requestPersistence(): Promise<Persistence> {
  if (!navigator.storage?.persist || !navigator.storage.persisted) return 'unknown';
  try {
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return 'unknown';
  }
}

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * Chromium fires `beforeinstallprompt` when the app is installable; keep it so an "Install" button
 * can show the browser's prompt on a user's tap. `onChange(null)` once installed or used.
 */
export function watchInstallPrompt(onChange: (install: (() => Promise<void>) | null) => void): () => void {
  const onPrompt = (e: Event) => {
    e.preventDefault();
    const ev = e as InstallPromptEvent;
    onChange(async () => {
      await ev.prompt();
      await ev.userChoice.catch(() => null);
      onChange(null);
    });
  };
  const onInstalled = () => onChange(null);
  addEventListener('beforeinstallprompt', onPrompt);
  addEventListener('appinstalled', onInstalled);
  return () => {
    removeEventListener('beforeinstallprompt', onPrompt);
    removeEventListener('appinstalled', onInstalled);
  };
}
