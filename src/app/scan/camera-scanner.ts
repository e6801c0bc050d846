/**
 * Camera -> decode worker loop. One frame in flight at a time: a new frame is grabbed as soon as
 * it is shown and the worker is free, with no fixed delay, so the decoder runs as fast as it can
 * without a queue.
 *
 * Paused (a result on screen), the scanner delivers nothing but keeps watching, a few frames a
 * second: every frame's answer — a code, or none — goes to the sighting listeners
 * (`onCameraSighting`), so the app knows whether the code just judged is still held up when the
 * result closes (src/app/session/held-codes.ts).
 *
 * Timing marks for measurement (e2e/camera-timing.spec.ts): 'gatecheck:camera-start' when the
 * camera is asked for (camera-early.ts), 'gatecheck:camera-ready' when it plays, 'gatecheck:code-read' when a scan delivers its text (detail: the reader).
 */
import { torchOf, type CameraOptions, type Torch } from './camera-devices.ts';
import { cameraStream, stopTracks } from './camera-early.ts';
import { decodeWorker, nextRequestId } from './decode-worker.ts';
import { grabFrame, type FrameMode } from './frame-grab.ts';
import type { WorkerResponse } from './qr.worker.ts';

export { listCameras, type CameraInfo, type CameraOptions, type Torch } from './camera-devices.ts';

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
  // The page's decode worker: normally started with the page (early.ts), so its decoder is loaded
  // or loading by now; otherwise it starts here, still before the camera opens.
  const worker = decodeWorker();
  // Asked for as the page started (camera-early.ts) when these are the options it guessed.
  const stream = await cameraStream(opts);
  try {
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await video.play();
  } catch (e) {
    // The camera opened but cannot be shown: release it rather than leave it running unseen.
    stopTracks(stream);
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

  let mode: FrameMode = 'frame';
  // Where the browser tells of each new video frame (requestVideoFrameCallback), a frame is read
  // as soon as it is shown, or as soon as the worker is free if it was busy then; never the same
  // frame twice. Elsewhere, the next animation frame.
  const perFrame = typeof video.requestVideoFrameCallback === 'function';
  let fresh = true; // a video frame shown since the last grab
  let watchTimer: ReturnType<typeof setTimeout> | undefined;
  const onVideoFrame = () => {
    if (stopped) return;
    fresh = true;
    video.requestVideoFrameCallback(onVideoFrame);
    if (!paused && !inFlight) void grab();
  };
  if (perFrame) video.requestVideoFrameCallback(onVideoFrame);
  const next = () => {
    // Paused: watch, slowly.
    if (paused) watchTimer = setTimeout(grab, WATCH_INTERVAL_MS);
    else if (!perFrame) requestAnimationFrame(grab);
    else if (fresh) void grab();
  };
  const grab = async () => {
    clearTimeout(watchTimer);
    if (stopped || inFlight) return;
    if (video.readyState < 2 || video.videoWidth === 0) {
      fresh = false; // this frame cannot be read: wait for the next one
      return next();
    }
    inFlight = true;
    fresh = false;
    try {
      awaiting = nextRequestId();
      const { msg, transfer } = await grabFrame(video, awaiting, mode);
      worker.postMessage(msg, transfer);
    } catch {
      inFlight = false;
      next();
    }
  };
  const onAnswer = (e: MessageEvent<WorkerResponse>) => {
    if (e.data.id !== awaiting) return;
    inFlight = false;
    if (stopped) return;
    // A worker that cannot draw frames (no OffscreenCanvas) gets the page's pixels from now on.
    if (e.data.reader === null && mode === 'frame') {
      mode = 'pixels';
      fresh = true;
      return next();
    }
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
      // Nothing in flight to answer and call next(): the watching starts here (a slow camera may
      // show no new frame before the pause, and new frames do not grab while paused).
      if (!inFlight) {
        clearTimeout(watchTimer);
        next();
      }
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
      stopTracks(stream);
      video.srcObject = null;
    },
  };
}
