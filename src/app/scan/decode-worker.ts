/**
 * The page's one QR decode worker. It is started as the app starts — its decoder (the zxing-wasm
 * module: fetch and compile) loads while the page renders and the camera opens — and it outlives
 * camera restarts (settings and back, another camera), which used to start a new worker and
 * compile the wasm again each time. Kept for the page's lifetime.
 */

let worker: Worker | null = null;
let lastId = 0;

export function decodeWorker(): Worker {
  if (!worker) {
    const w = new Worker(new URL('./qr.worker.ts', import.meta.url), { type: 'module' });
    // A worker whose script could not load is useless: the next caller gets a new one.
    w.addEventListener('error', () => {
      if (worker === w) worker = null;
    });
    worker = w;
  }
  return worker;
}

/** Request ids unique for the page, so one scanner never takes another's late answer for its own. */
export const nextRequestId = (): number => ++lastId;

/** Starts the worker (and so its decoder) now, where a camera may be used. */
export function warmDecodeWorker(): void {
  if (typeof Worker !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function') decodeWorker();
}
