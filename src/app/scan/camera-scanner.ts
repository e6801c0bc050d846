/**
 * Camera -> decode worker loop. One frame in flight at a time: a new frame is grabbed as soon as
 * the worker answers, with no fixed delay, so the decoder runs as fast as it can without a queue.
 *
 * Paused (a result on screen), the scanner delivers nothing but keeps watching, a few frames a
 * second: every frame's answer — a code, or none — goes to the sighting listeners
 * (`onCameraSighting`), so the app knows whether the code just judged is still held up when the
 * result closes (src/app/session/held-codes.ts).
 *
 * Timing marks for measurement (e2e/camera-timing.spec.ts): 'gatecheck:camera-start' when a
 * scanner is asked for, 'gatecheck:code-read' when a scan delivers its text (detail: the reader).
 */
import { torchOf, videoConstraints, type CameraOptions, type Torch } from './camera-devices.ts';
import { decodeWorker, nextRequestId } from './decode-worker.ts';
import type { WorkerRequest, WorkerResponse } from './qr.worker.ts';

export { listCameras, type CameraInfo, type CameraOptions, type Torch } from './camera-devices.ts';

/** Frames larger than this are scaled down before decoding: QR codes stay readable, work drops. */
const MAX_DECODE_WIDTH = 1280;
/** Paused: one frame this often, only to see whether a code is still in view (well under GONE_MS). */
const WATCH_INTERVAL_MS = 200;

type SightingListener = (text: string | null) => void;
const sightingListeners = new Set<SightingListener>();

/**
 * Every decoded frame's answer from any running scanner, paused or not: its code's text, or null
 * when the frame held none. Returns a function that stops listening.
 */
export function onCameraSighting(listener: SightingListener): () => void {
  sightingListeners.add(listener);
  return () => sightingListeners.delete(listener);
}

export interface CameraScanner {
  /** The camera actually opened (undefined where the browser does not say). */
  readonly deviceId: string | undefined;
  readonly torch: Torch;
  /** Stop decoding (the camera keeps running, so resuming is instant). */
  pause(): void;
  resume(): void;
  stop(): void;
}

export async function startCameraScanner(video: HTMLVideoElement, onText: (text: string) => void, opts: CameraOptions = {}): Promise<CameraScanner> {
  performance.mark('gatecheck:camera-start');
  // The page's decode worker: normally started with the app (main.tsx), so its decoder is loaded
  // or loading by now; otherwise it starts here, still before the camera opens.
  const worker = decodeWorker();
  const stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: videoConstraints(opts) });
  try {
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await video.play();
  } catch (e) {
    // The camera opened but cannot be shown: release it rather than leave it running unseen.
    for (const t of stream.getTracks()) t.stop();
    video.srcObject = null;
    throw e;
  }
  performance.mark('gatecheck:camera-ready');
  const track = stream.getVideoTracks()[0];

  let stopped = false;
  let paused = false;
  let inFlight = false;
  let delivered = false; // whether this scan (since start or resume) has delivered its text
  let awaiting = 0; // the id of the frame in flight: the worker is shared, answers to others are not ours

  let watchTimer: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    // Running: the next animation frame (a fresh video frame by then). Paused: watch, slowly.
    if (paused) watchTimer = setTimeout(grab, WATCH_INTERVAL_MS);
    else requestAnimationFrame(grab);
  };
  const grab = async () => {
    clearTimeout(watchTimer);
    if (stopped || inFlight) return;
    if (video.readyState < 2 || video.videoWidth === 0) {
      requestAnimationFrame(grab);
      return;
    }
    const scale = Math.min(1, MAX_DECODE_WIDTH / video.videoWidth);
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    inFlight = true;
    try {
      const bitmap = await createImageBitmap(video, scale < 1 ? { resizeWidth: width, resizeHeight: height, resizeQuality: 'low' } : {});
      awaiting = nextRequestId();
      worker.postMessage({ id: awaiting, bitmap } satisfies WorkerRequest, [bitmap]);
    } catch {
      inFlight = false;
      next();
    }
  };
  const onAnswer = (e: MessageEvent<WorkerResponse>) => {
    if (e.data.id !== awaiting) return;
    inFlight = false;
    if (stopped) return;
    for (const listener of sightingListeners) listener(e.data.text);
    if (!paused && e.data.text !== null) {
      if (!delivered) performance.mark('gatecheck:code-read', { detail: { reader: e.data.reader } });
      delivered = true;
      onText(e.data.text);
    }
    next();
  };
  worker.addEventListener('message', onAnswer);
  grab();

  return {
    deviceId: track?.getSettings().deviceId,
    torch: torchOf(track),
    pause() {
      paused = true;
    },
    resume() {
      if (!paused) return;
      paused = false;
      delivered = false;
      grab();
    },
    stop() {
      stopped = true;
      clearTimeout(watchTimer);
      // The worker stays for the next start (its decoder compiled); only this scanner lets go of it.
      worker.removeEventListener('message', onAnswer);
      for (const t of stream.getTracks()) t.stop();
      video.srcObject = null;
    },
  };
}
