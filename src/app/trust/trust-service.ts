/**
 * Runs the trust lifecycle in the page: start from the stored bundle, refresh on start, when the
 * browser comes back online and every refresh interval the bundle recommends.
 */
import { TrustUpdater } from '../../core/trust/update/trust-updater.ts';
import { idbTrustStore } from '../storage/idb-trust-store.ts';
import { BUNDLE_URL, PINNED_ROOTS } from '../config.ts';
import { markTrustSettled as markReady } from './trust-settled.ts';


/** With no bundle at all, try again soon; a gate without trust data cannot work. */
const RETRY_WITHOUT_BUNDLE_MS = 30_000;
const NOTE_TIME_MS = 60_000;
/** setTimeout fires at once for delays beyond 2^31 − 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** `bundleUrl`: from settings (a same-origin path or an https URL), BUNDLE_URL by default. */
export function startTrustService(bundleUrl = BUNDLE_URL): TrustUpdater {
  const updater = new TrustUpdater({ url: new URL(bundleUrl, location.href).href, roots: PINNED_ROOTS, store: idbTrustStore() });
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    clearTimeout(timer);
    const trust = updater.snapshot.trust;
    const ms = trust ? trust.bundle.freshness.refreshSeconds * 1000 : RETRY_WITHOUT_BUNDLE_MS;
    timer = setTimeout(refresh, Math.min(ms, MAX_TIMER_MS));
  };
  const refresh = () => {
    if (navigator.onLine === false) {
      markReady();
      return schedule();
    }
    void updater.refresh().finally(() => {
      markReady();
      schedule();
    });
  };

  void updater.start().then(async () => {
    await updater.noteTime();
    if (updater.snapshot.trust) markReady();
    refresh();
  });
  addEventListener('online', refresh);
  // Phones throttle timers in the background: catch up when the screen comes back, if a refresh is due.
  document.addEventListener('visibilitychange', () => {
    const trust = updater.snapshot.trust;
    const last = Date.parse(updater.snapshot.meta.lastAttemptAt ?? updater.snapshot.meta.confirmedAt ?? '') || 0;
    if (document.visibilityState === 'visible' && (!trust || Date.now() - last >= trust.bundle.freshness.refreshSeconds * 1000)) refresh();
  });
  setInterval(() => void updater.noteTime(), NOTE_TIME_MS);
  return updater;
}
