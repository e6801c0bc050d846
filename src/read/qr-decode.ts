/**
 * QR text from a grayscale frame with @zxing/library: the app's decode worker falls back to it
 * when zxing-wasm (qr-decode.wasm.ts, the reader everywhere else) cannot load; in Node only tests
 * and benchmarks use it, as the comparison. The library module is passed in because it loads
 * differently: ESM namespace in bundles, CommonJS exports in Node.
 *
 * zxing's finder-pattern search misses 15–30 % of crisp codes drawn with large modules (false
 * finder candidates; see zxing issues on "nearly ideal barcodes"), while the same image scaled
 * down, or read in pure-barcode mode, decodes. So a decoder has several strategies: a camera tries
 * one per frame in rotation (no extra cost per frame), a still image tries them all in turn.
 */
import type * as Zxing from '@zxing/library';

export type Luminance = { data: Uint8ClampedArray; width: number; height: number };
/** RGBA pixels, as a canvas' getImageData returns them. */
export type Pixels = { data: Uint8ClampedArray; width: number; height: number };

export interface QrDecoder {
  /** Strategies for live frames: the frame at full size, 2/3, 1/2 and 1/3, then pure-barcode mode at full size. */
  readonly frameStrategies: number;
  /** One attempt with strategy `k` (0 ≤ k < frameStrategies); null when nothing was read. */
  decodeFrame(image: Luminance, k: number): string | null;
  /** Every strategy in turn, plus pure-barcode mode: for files and screenshots. */
  decodeStill(image: Luminance): string | null;
}

/** Below this size a downscaled copy is too small to hold a dense code. */
const MIN_SCALED_SIDE = 160;

export function createQrDecoder(zx: typeof Zxing): QrDecoder {
  const reader = new zx.QRCodeReader();
  const tryHarder = new Map<Zxing.DecodeHintType, unknown>([[zx.DecodeHintType.TRY_HARDER, true]]);
  const pure = new Map<Zxing.DecodeHintType, unknown>([[zx.DecodeHintType.PURE_BARCODE, true]]);
  const read = (img: Luminance, hints: Map<Zxing.DecodeHintType, unknown>): string | null => {
    const source = new zx.RGBLuminanceSource(img.data, img.width, img.height);
    try {
      return reader.decode(new zx.BinaryBitmap(new zx.HybridBinarizer(source)), hints).getText();
    } catch {
      // NotFound, Checksum and Format exceptions all mean "no readable code in this image".
      return null;
    } finally {
      reader.reset();
    }
  };
  // Measured on 200 camera-like frames: full size alone reads ~82 %, full + 2/3 + 1/3 all of them;
  // 1/2 is what rescues crisp PNGs at odd module sizes. Pure-barcode mode (the code squarely in
  // view, as a screen held up to the camera) reads the rare crisp code that the finder-pattern
  // search misses at every scale: one such demo code was never read on camera by this fallback
  // (qr-decode.test.ts keeps it).
  const STRATEGIES = [1, 2 / 3, 1 / 2, 1 / 3, 'pure'] as const;
  const decodeFrame = (img: Luminance, k: number): string | null => {
    const s = STRATEGIES[k % STRATEGIES.length]!;
    if (s === 'pure') return read(img, pure);
    if (s === 1) return read(img, tryHarder);
    if (Math.min(img.width, img.height) * s < MIN_SCALED_SIDE) return null;
    return read(scaleDown(img, s), tryHarder);
  };
  return {
    frameStrategies: STRATEGIES.length,
    decodeFrame,
    decodeStill(img) {
      return read(img, tryHarder) ?? read(img, pure) ?? decodeFrame(img, 1) ?? decodeFrame(img, 2) ?? decodeFrame(img, 3);
    },
  };
}

/** Downscale by `s` < 1: a box filter for 1/n, bilinear sampling otherwise. */
export function scaleDown(img: Luminance, s: number): Luminance {
  const width = Math.floor(img.width * s);
  const height = Math.floor(img.height * s);
  const out = new Uint8ClampedArray(width * height);
  const n = Math.round(1 / s);
  const src = img.data;
  if (Math.abs(1 / s - n) < 1e-9) {
    const area = n * n;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let dy = 0; dy < n; dy++) {
          const row = (y * n + dy) * img.width + x * n;
          for (let dx = 0; dx < n; dx++) sum += src[row + dx]!;
        }
        out[y * width + x] = sum / area;
      }
    return { data: out, width, height };
  }
  const maxX = img.width - 1;
  const maxY = img.height - 1;
  for (let y = 0; y < height; y++) {
    const sy = y / s;
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, maxY);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = x / s;
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, maxX);
      const fx = sx - x0;
      const top = src[y0 * img.width + x0]! * (1 - fx) + src[y0 * img.width + x1]! * fx;
      const bottom = src[y1 * img.width + x0]! * (1 - fx) + src[y1 * img.width + x1]! * fx;
      out[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { data: out, width, height };
}

/** ITU-R BT.601 luma from RGBA pixels, as integers (fast path for camera frames). */
export function rgbaToLuminance(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Luminance {
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    // Transparent pixels (PNG margins) count as white, as they look on screen.
    const a = rgba[p + 3]!;
    const y = (rgba[p]! * 306 + rgba[p + 1]! * 601 + rgba[p + 2]! * 117) >> 10;
    out[i] = a === 255 ? y : 255 - (((255 - y) * a) >> 8);
  }
  return { data: out, width, height };
}
