/**
 * An image file (a screenshot sent by chat, a photo) -> QR text, via the same decode worker as the
 * camera but its still-image path, which tries every decoding strategy on the one image.
 * The browser parts sit behind `ImageIo` so the flow is tested in Node with fakes.
 */
import { fail, ok } from '../../core/result.ts';
import type { ImageReadCode, ImageReadResult } from '../../read/image-read.ts';
import { imageSize, tooLarge } from '../../read/image-size.ts';
import type { WorkerRequest, WorkerResponse } from '../scan/qr.worker.ts';

// One definition for the app and Node (src/read/image-read.ts); re-exported for the input bar.
export type { ImageReadCode, ImageReadResult };

/**
 * Longest side decoded. A QR code filling even a quarter of a 2048 px photo has modules several
 * pixels wide; a 48 MP original would cost ~190 MB of RGBA and seconds per strategy for nothing.
 */
export const MAX_IMAGE_SIDE = 2048;
/** The still path tries five strategies; on a slow phone that is seconds, never this long. */
export const READ_TIMEOUT_MS = 20_000;

export function fitWithin(width: number, height: number, max = MAX_IMAGE_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  close(): void;
}
export type DecodeWorker = Pick<Worker, 'postMessage' | 'terminate' | 'addEventListener'>;

export interface ImageIo {
  /** File bytes -> an image (rejects when the file is not an image the browser can decode). */
  decode(file: Blob): Promise<DecodedImage>;
  /** The image drawn at width × height, as RGBA. */
  pixels(image: DecodedImage, width: number, height: number): Uint8ClampedArray;
  startWorker(): DecodeWorker;
  timeoutMs?: number;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : typeof e === 'string' ? e : 'unknown error');

/** Enough of a file for its header to name the picture's size (a JPEG's EXIF may come first). */
const HEADER_BYTES = 256 * 1024;

export async function readCodeFromImageFile(file: Blob, io: ImageIo = browserIo): Promise<ImageReadResult> {
  // Refused before the browser decodes it: a small file can declare a picture of gigabytes.
  let header: Uint8Array;
  try {
    header = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  } catch (e) {
    return fail('IMAGE_UNREADABLE', message(e));
  }
  const declared = tooLarge(imageSize(header));
  if (declared) return fail('IMAGE_TOO_LARGE', declared);
  let image: DecodedImage;
  try {
    image = await io.decode(file);
  } catch (e) {
    return fail('IMAGE_UNREADABLE', message(e));
  }
  // Formats whose header we do not read (HEIC, BMP …): the same budget once decoded.
  const decoded = tooLarge(image);
  if (decoded) {
    image.close();
    return fail('IMAGE_TOO_LARGE', decoded);
  }
  let rgba: Uint8ClampedArray;
  const size = fitWithin(image.width, image.height);
  try {
    rgba = io.pixels(image, size.width, size.height);
  } catch (e) {
    return fail('IMAGE_UNREADABLE', message(e));
  } finally {
    // The decoded original can be tens of megabytes: release it as soon as the pixels are out.
    image.close();
  }
  let worker: DecodeWorker | null = null;
  try {
    worker = io.startWorker();
    const text = await askWorker(worker, rgba, size.width, size.height, io.timeoutMs ?? READ_TIMEOUT_MS);
    return text === null ? fail('NO_CODE_FOUND') : ok(text);
  } catch (e) {
    // The decoder itself failed (could not load, crashed, hung): nothing was read from the image.
    return fail('NO_CODE_FOUND', `decoder: ${message(e)}`);
  } finally {
    // One worker per file: files are rare, and a terminated worker frees zxing's memory at once.
    worker?.terminate();
  }
}

function askWorker(worker: DecodeWorker, rgba: Uint8ClampedArray, width: number, height: number, timeoutMs: number): Promise<string | null> {
  const id = 1;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
    const settle = (f: () => void) => {
      clearTimeout(timer);
      f();
    };
    worker.addEventListener('message', (e) => {
      const data = (e as MessageEvent<WorkerResponse>).data;
      if (data?.id === id) settle(() => resolve(data.text));
    });
    const fail = (e: Event) => settle(() => reject(new Error((e as { message?: string }).message || e.type)));
    worker.addEventListener('error', fail);
    worker.addEventListener('messageerror', fail);
    // Transferred, not copied: the buffer is the worker's from here on.
    worker.postMessage({ id, rgba, width, height } satisfies WorkerRequest, [rgba.buffer]);
  });
}

const browserIo: ImageIo = {
  // createImageBitmap applies the photo's EXIF orientation; QR decoding does not care either way.
  decode: (file) => createImageBitmap(file),
  pixels(image, width, height) {
    const source = image as ImageBitmap;
    if (typeof OffscreenCanvas === 'function') {
      const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('no 2d canvas');
      ctx.drawImage(source, 0, 0, width, height);
      return ctx.getImageData(0, 0, width, height).data;
    }
    // Older Safari: no OffscreenCanvas; a detached canvas element does the same job.
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d canvas');
    ctx.drawImage(source, 0, 0, width, height);
    return ctx.getImageData(0, 0, width, height).data;
  },
  startWorker: () => new Worker(new URL('../scan/qr.worker.ts', import.meta.url), { type: 'module' }),
};
