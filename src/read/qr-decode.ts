/**
 * QR text from a grayscale frame with @zxing/library. The same function serves the browser's
 * decode worker and the CLI's --image, so both read codes identically. The library module is
 * passed in because it loads differently: ESM namespace in bundles, CommonJS exports in Node.
 */
import type * as Zxing from '@zxing/library';

export type QrDecoder = (luminance: Uint8ClampedArray, width: number, height: number) => string | null;

/** `luminance` holds one byte per pixel (w*h). The decoder returns null when no QR code is found. */
export function createQrDecoder(zx: typeof Zxing): QrDecoder {
  const reader = new zx.QRCodeReader();
  const hints = new Map<Zxing.DecodeHintType, unknown>([[zx.DecodeHintType.TRY_HARDER, true]]);
  return (luminance, width, height) => {
    const source = new zx.RGBLuminanceSource(luminance, width, height);
    try {
      return reader.decode(new zx.BinaryBitmap(new zx.HybridBinarizer(source)), hints).getText();
    } catch {
      // NotFound, Checksum and Format exceptions all mean "no readable code in this frame".
      return null;
    } finally {
      reader.reset();
    }
  };
}

/** ITU-R BT.601 luma from RGBA pixels, as integers (fast path for camera frames). */
export function rgbaToLuminance(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    // Transparent pixels (PNG margins) count as white, as they look on screen.
    const a = rgba[p + 3]!;
    const y = (rgba[p]! * 306 + rgba[p + 1]! * 601 + rgba[p + 2]! * 117) >> 10;
    out[i] = a === 255 ? y : 255 - (((255 - y) * a) >> 8);
  }
  return out;
}
