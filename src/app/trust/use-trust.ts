/** The trust service as Preact state: one updater for the page, its snapshot re-rendered on change. */
import { useEffect, useState } from 'preact/hooks';
import type { TrustSnapshot, TrustUpdater } from '../../core/trust/update/trust-updater.ts';
import { startTrustService } from './trust-service.ts';

let service: TrustUpdater | null = null;

export function useTrust(): { updater: TrustUpdater; snapshot: TrustSnapshot } {
  service ??= startTrustService();
  const updater = service;
  const [snapshot, setSnapshot] = useState(updater.snapshot);
  useEffect(() => {
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
