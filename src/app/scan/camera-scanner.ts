/**
 * Camera -> decode worker loop. One frame in flight at a time: a new frame is grabbed as soon as
 * the worker answers, with no fixed delay, so the decoder runs as fast as it can without a queue.
 */
import type { WorkerRequest, WorkerResponse } from './qr.worker.ts';

/** Frames larger than this are scaled down before decoding: QR codes stay readable, work drops. */
const MAX_DECODE_WIDTH = 1280;

export interface CameraScanner {
  /** Stop decoding (the camera keeps running, so resuming is instant). */
  pause(): void;
  resume(): void;
  stop(): void;
}

export async function startCameraScanner(video: HTMLVideoElement, onText: (text: string) => void): Promise<CameraScanner> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
  });
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();

  const worker = new Worker(new URL('./qr.worker.ts', import.meta.url), { type: 'module' });
  let stopped = false;
  let paused = false;
  let inFlight = false;
  let nextId = 1;

  const grab = async () => {
    if (stopped || paused || inFlight) return;
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
      worker.postMessage({ id: nextId++, bitmap } satisfies WorkerRequest, [bitmap]);
    } catch {
      inFlight = false;
      requestAnimationFrame(grab);
    }
  };
  worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
    inFlight = false;
    if (stopped || paused) return;
    if (e.data.text !== null) onText(e.data.text);
    // Hand the next frame over on the next animation frame (a fresh video frame by then).
    requestAnimationFrame(grab);
  };
  grab();

  return {
    pause() {
      paused = true;
    },
    resume() {
      if (!paused) return;
      paused = false;
      grab();
    },
    stop() {
      stopped = true;
      worker.terminate();
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}
