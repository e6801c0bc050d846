/**
 * Resolves when a camera plays (camera-scanner.ts's 'gatecheck:camera-ready' mark), or after
 * `maxMs`. Start-up work that can wait (the verifier chunk, its warm-up) waits for this, keeping
 * the page's thread free while the camera starts, the first thing a gate waits for; a camera that
 * does not start (refused, none, another screen) only delays that work by `maxMs`.
 */
export function cameraPlaying(maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    let observer: PerformanceObserver | undefined;
    const done = () => (clearTimeout(timer), observer?.disconnect(), resolve());
    const timer = setTimeout(done, maxMs);
    if (performance.getEntriesByName('gatecheck:camera-ready').length) return done();
    if (typeof PerformanceObserver !== 'function') return;
    observer = new PerformanceObserver((list) => void (list.getEntriesByName('gatecheck:camera-ready').length && done()));
    observer.observe({ type: 'mark' });
  });
}
