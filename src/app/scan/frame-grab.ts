/**
 * One camera frame for the decode worker, made as cheaply for the page's thread as the browser
 * allows — on a slow phone that thread also verifies and draws results:
 * - 'frame': a VideoFrame of the video (a reference to the decoded frame, no copy) or, where there
 *   is no VideoFrame, an ImageBitmap; the worker scales and reads it through its OffscreenCanvas.
 *   Measured at 6× CPU, createImageBitmap of a 640×480 frame held the page's thread ~20 ms.
 * - 'pixels': RGBA drawn on a page canvas, for engines whose workers cannot draw (no
 *   OffscreenCanvas: Safari before 16.4, Firefox before 105); the worker says so by answering a
 *   frame with no reader (camera-scanner.ts switches).
 */
import type { WorkerRequest } from './qr.worker.ts';

export type FrameMode = 'frame' | 'pixels';

/** Frames larger than this are scaled down before decoding: QR codes stay readable, work drops. */
const MAX_DECODE_WIDTH = 1280;

export type FrameRequest = { msg: WorkerRequest; transfer: Transferable[] };

let canvas: HTMLCanvasElement | null = null;

export async function grabFrame(video: HTMLVideoElement, id: number, mode: FrameMode): Promise<FrameRequest> {
  const scale = Math.min(1, MAX_DECODE_WIDTH / video.videoWidth);
  const width = Math.round(video.videoWidth * scale);
  const height = Math.round(video.videoHeight * scale);
  if (mode === 'pixels') {
    canvas ??= document.createElement('canvas');
    if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d canvas');
    ctx.drawImage(video, 0, 0, width, height);
    const rgba = ctx.getImageData(0, 0, width, height).data;
    return { msg: { id, rgba, width, height, live: true }, transfer: [rgba.buffer] };
  }
  if (typeof VideoFrame === 'function') {
    try {
      const frame = new VideoFrame(video);
      return { msg: { id, frame, width, height }, transfer: [frame] };
    } catch {
      // No frame to wrap yet, or an engine that cannot: the bitmap below.
    }
  }
  const bitmap = await createImageBitmap(video, scale < 1 ? { resizeWidth: width, resizeHeight: height, resizeQuality: 'low' } : {});
  return { msg: { id, frame: bitmap, width, height }, transfer: [bitmap] };
}
