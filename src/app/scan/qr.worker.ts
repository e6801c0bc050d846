/// <reference lib="webworker" />
/**
 * Decode worker: camera frames in, QR text out, off the UI thread. Readers, first that works:
 * the platform's BarcodeDetector on the frame itself (Android Chrome), zxing-wasm from our
 * own origin, and @zxing/library (loaded only if the wasm cannot be) — see docs/qr-reading.md.
 */
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { nativeQrReader } from '../../read/barcode-detector.ts';
import { rgbaToLuminance, type Pixels } from '../../read/qr-decode.ts';
import { loadWasmQrReader } from '../../read/qr-decode.wasm.ts';
import { once, readerChain, type Reader, type ReaderChain, type ReaderName } from '../../read/reader-chain.ts';
import { frameGray } from './frame-gray.ts';
import { warmReader } from './reader-warm-up.ts';

/**
 * A camera frame (frame-grab.ts), drawn here at width × height; or RGBA pixels drawn by the page:
 * a still image, or (`live`) a camera frame where this worker cannot draw.
 */
export type WorkerRequest =
  | { id: number; frame: ImageBitmap | VideoFrame; width: number; height: number }
  | { id: number; rgba: Uint8ClampedArray; width: number; height: number; live?: boolean };
/** `reader` names the decoder that answered (null: none could load, or a frame this worker cannot draw). */
export type WorkerResponse = { id: number; text: string | null; reader: ReaderName | null };

const wasmLoad = once(async () => {
  // Vite serves the .wasm as a hashed asset of this app; fetched here, never from the package's CDN.
  const loaded = await loadWasmQrReader(async () => {
    const res = await fetch(wasmUrl);
    if (!res.ok) throw new Error(`${res.status} ${res.url}`);
    return res.arrayBuffer();
  });
  if (!loaded.ok) {
    console.warn('gatecheck: zxing-wasm unavailable, falling back to @zxing/library:', loaded.reason.code, loaded.reason.detail);
    return null;
  }
  // While the camera starts: the first person's code should not be the reader's first real work.
  warmReader(loaded.value.gray);
  return loaded.value;
});
const wasm = async (): Promise<Reader<Pixels> | null> => (await wasmLoad())?.reader ?? null;
// Still images: every pass in turn, as the CLI and the tests read pictures in Node.
const wasmStills = async (): Promise<Reader<Pixels> | null> => (await wasmLoad())?.still ?? null;

const zxingJs = once(async () => (await import('../../read/qr-decode.browser.ts')).qrDecoder);
const luminance = (px: Pixels) => rgbaToLuminance(px.data, px.width, px.height);
// @zxing/library rotates its strategy frame by frame (see qr-decode.ts).
let strategy = 0;
const jsFrames = async (): Promise<Reader<Pixels>> => {
  const d = await zxingJs();
  return { name: 'zxing-js', read: (px) => d.decodeFrame(luminance(px), strategy++) };
};
const jsStills = async (): Promise<Reader<Pixels>> => {
  const d = await zxingJs();
  return { name: 'zxing-js', read: (px) => d.decodeStill(luminance(px)) };
};

type Frame = { image: ImageBitmap | VideoFrame; width: number; height: number };
let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;
function pixelsOf({ image, width, height }: Frame): Pixels {
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    ctx = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!ctx) throw new Error('no 2d canvas in this worker');
  ctx.drawImage(image, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}

/**
 * A pixel reader fed camera frames through the canvas; none where this worker has no canvas
 * (then the page draws the frames: frame-grab.ts 'pixels').
 */
const onFrames = (r: Reader<Pixels> | null): Reader<Frame> | null =>
  r && typeof OffscreenCanvas === 'function' ? { name: r.name, read: (f) => r.read(pixelsOf(f)) } : null;
/**
 * zxing-wasm on camera frames: a YUV frame's luminance plane as it is (frame-gray.ts), any other
 * frame through the canvas.
 */
const wasmFrames = async (): Promise<Reader<Frame> | null> => {
  const w = await wasmLoad();
  const viaCanvas = w && onFrames(w.reader);
  if (!viaCanvas) return null;
  const isVideoFrame = (image: Frame['image']): image is VideoFrame => typeof VideoFrame === 'function' && image instanceof VideoFrame;
  return {
    name: w.gray.name,
    async read(f) {
      const gray = isVideoFrame(f.image) ? await frameGray(f.image, f.width, f.height).catch(() => null) : null;
      return gray ? w.gray.read(gray) : viaCanvas.read(f);
    },
  };
};
const native = async (): Promise<Reader<Frame> | null> => {
  const r = await nativeQrReader(self);
  return r && { name: r.name, read: (f) => r.read(f.image) };
};

const frames = readerChain<Frame>([native, wasmFrames, async () => onFrames(await jsFrames())]);
// Camera frames the page drew (no canvas here): the same readers, on the pixels.
let livePixels: ReaderChain<Pixels> | null = null;
// Created on the first still image, so a phone using BarcodeDetector never downloads the wasm.
let stills: ReaderChain<Pixels> | null = null;

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const msg = e.data;
  let answer: Omit<WorkerResponse, 'id'>;
  if ('frame' in msg) {
    try {
      answer = await frames.read({ image: msg.frame, width: msg.width, height: msg.height });
    } finally {
      msg.frame.close();
    }
  } else if (msg.live) {
    livePixels ??= readerChain<Pixels>([wasm, jsFrames]);
    answer = await livePixels.read({ data: msg.rgba, width: msg.width, height: msg.height });
  } else {
    stills ??= readerChain<Pixels>([wasmStills, jsStills]);
    answer = await stills.read({ data: msg.rgba, width: msg.width, height: msg.height });
  }
  (self as unknown as Worker).postMessage({ id: msg.id, ...answer } satisfies WorkerResponse);
};
