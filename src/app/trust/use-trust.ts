/** The trust service as Preact state: one updater for the page, its snapshot re-rendered on change. */
import { useEffect, useState } from 'preact/hooks';
import type { TrustSnapshot, TrustUpdater } from '../../core/trust/update/trust-updater.ts';

/**
 * The service (bundle verification, crypto, policy parsing) is its own chunk, so the first paint
 * does not wait for it; its download starts as soon as the app does, in parallel with reading the
 * settings, so a code read in the first second waits as little as possible for trust.
 */
const serviceModule = import('./trust-service.ts');
let service: Promise<TrustUpdater> | null = null;

const NOT_STARTED: TrustSnapshot = { trust: null, stored: null, meta: { clock: {} }, floor: null, via: null, updating: false, started: false };

/**
 * Starts the service once `bundleUrl` is known (settings loaded). A different URL later needs a
 * reload: the settings screen does that, so one page never mixes two publishers' bundles.
 */
export function useTrust(bundleUrl: string | null): { updater: TrustUpdater | null; snapshot: TrustSnapshot } {
  const [updater, setUpdater] = useState<TrustUpdater | null>(null);
  useEffect(() => {
    if (bundleUrl === null) return;
    service ??= serviceModule.then((m) => m.startTrustService(bundleUrl));
    void service.then(setUpdater);
  }, [bundleUrl]);
  const [snapshot, setSnapshot] = useState(updater?.snapshot ?? NOT_STARTED);
  useEffect(() => {
    if (!updater) return;
    setSnapshot(updater.snapshot);
    return updater.subscribe(setSnapshot);
  }, [updater]);
  return { updater, snapshot };
}

/** Re-render every `ms` so ages and levels move on while the screen sits idle. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
