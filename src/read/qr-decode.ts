/**
 * QR text from a grayscale frame with @zxing/library. The same function serves the browser's
 * decode worker and the CLI's --image, so both read codes identically.
 */
import * as zxingNs from '@zxing/library';

// @zxing/library ships CommonJS to Node (named exports under `default`) and ESM to bundlers.
const ZX = ((zxingNs as unknown as { default?: typeof zxingNs }).default ?? zxingNs) as typeof zxingNs;

const reader = new ZX.QRCodeReader();
const hints = new Map<zxingNs.DecodeHintType, unknown>([[ZX.DecodeHintType.TRY_HARDER, true]]);

/** `luminance` holds one byte per pixel (w*h). Returns null when no QR code is found. */
export function decodeQrLuminance(luminance: Uint8ClampedArray, width: number, height: number): string | null {
  const source = new ZX.RGBLuminanceSource(luminance, width, height);
  try {
    return reader.decode(new ZX.BinaryBitmap(new ZX.HybridBinarizer(source)), hints).getText();
  } catch {
    // NotFound, Checksum and Format exceptions all mean "no readable code in this frame".
    return null;
  } finally {
    reader.reset();
  }
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
