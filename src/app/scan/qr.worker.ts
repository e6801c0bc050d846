/// <reference lib="webworker" />
/** Decode worker: camera frames in, QR text out. Keeps zxing's work off the UI thread. */
import { qrDecoder } from '../../read/qr-decode.browser.ts';
import { rgbaToLuminance } from '../../read/qr-decode.ts';

export type WorkerRequest = { id: number; bitmap: ImageBitmap } | { id: number; rgba: Uint8ClampedArray; width: number; height: number };
export type WorkerResponse = { id: number; text: string | null };

let canvas: OffscreenCanvas | null = null;
// Rotates the decoding strategy frame by frame (see qr-decode.ts).
let frame = 0;
let ctx: OffscreenCanvasRenderingContext2D | null = null;

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const msg = e.data;
  let text: string | null = null;
  try {
    if ('bitmap' in msg) {
      const { width, height } = msg.bitmap;
      if (!canvas || canvas.width !== width || canvas.height !== height) {
        canvas = new OffscreenCanvas(width, height);
        ctx = canvas.getContext('2d', { willReadFrequently: true });
      }
      ctx!.drawImage(msg.bitmap, 0, 0);
      msg.bitmap.close();
      const data = ctx!.getImageData(0, 0, width, height).data;
      text = qrDecoder.decodeFrame(rgbaToLuminance(data, width, height), frame++);
    } else {
      text = qrDecoder.decodeStill(rgbaToLuminance(msg.rgba, msg.width, msg.height));
    }
  } catch {
    text = null;
  }
  (self as unknown as Worker).postMessage({ id: msg.id, text } satisfies WorkerResponse);
};
