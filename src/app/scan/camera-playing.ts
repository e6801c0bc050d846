/**
 * Resolves when a camera plays (camera-scanner.ts's 'gatecheck:camera-ready' mark), or after
 * `maxMs`. Start-up work that can wait (the verifier chunk, its warm-up, the service worker, key
 * preparation) waits for this, keeping the page's thread free while the camera starts, the first
 * thing a gate waits for; a camera that does not start (refused, none, another screen) only delays
 * that work by `maxMs`. One observer serves every caller.
 */
let ready: Promise<void> | null = null;

/**
 * How long the start-up work of the scan screen waits for the camera at most: the verifier, the
 * trust service and its key preparation, the service worker, and the image and paste inputs.
 */
export const START_WAIT_MS = 1500;

function cameraReady(): Promise<void> {
  return (ready ??= new Promise((resolve) => {
    if (performance.getEntriesByName('gatecheck:camera-ready').length) return resolve();
    if (typeof PerformanceObserver !== 'function') return; // only the callers' bounds resolve them
    const observer = new PerformanceObserver((list) => {
      if (!list.getEntriesByName('gatecheck:camera-ready').length) return;
      observer.disconnect();
      resolve();
    });
    observer.observe({ type: 'mark' });
  }));
}

export function cameraPlaying(maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxMs);
    void cameraReady().then(() => (clearTimeout(timer), resolve()));
  });
}

/** Runs `f` when the page is idle, or after `timeoutMs` at the latest (a busy page still gets it). */
export function whenIdle(f: () => void, timeoutMs: number): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(f, { timeout: timeoutMs });
  else setTimeout(f, 0);
}
