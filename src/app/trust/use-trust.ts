/** The trust service as Preact state: one updater for the page, its snapshot re-rendered on change. */
import { useEffect, useState } from 'preact/hooks';
import { onScanPath } from '../routes/scan-path.ts';
import { cameraPlaying, START_WAIT_MS } from '../scan/camera-playing.ts';
import { trustWanted } from './trust-settled.ts';
import type { TrustSnapshot, TrustUpdater } from '../../core/trust/update/trust-updater.ts';

/**
 * The service (bundle verification, crypto, policy parsing) is its own chunk, so the first paint
 * does not wait for it. On the scan screen it starts once the camera plays (1.5 s at most), or
 * at once when a code is to be judged (trust-settled.ts): its evaluation and the bundle's check
 * ran on the page's thread while the camera opened, and the camera's steps queued behind them
 * (at 6× CPU the camera played ≈ 130 ms sooner without). Elsewhere (settings, stats show the
 * trust list) it starts at once.
 */
const serviceModule = (onScanPath() ? Promise.race([cameraPlaying(START_WAIT_MS), trustWanted]) : Promise.resolve()).then(() => import('./trust-service.ts'));
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
