/**
 * An 8-bit grey picture as binary PGM (Netpbm "P5") bytes. zxing-wasm decodes such bytes straight
 * to the luminance its binarizer works on; handed RGBA instead, it converts every pixel to that
 * luminance first. A camera frame already carries luminance (the Y plane of its YUV formats), so
 * the decode worker skips both the conversion to RGB and zxing's conversion back
 * (src/app/scan/frame-gray.ts). For a grey pixel the two routes give zxing the same luminance.
 */
export interface GrayImage {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Where the first row's pixels start in `bytes` (after the header), one byte a pixel, rows unpadded. */
  readonly offset: number;
}

/** A width × height picture, all black, for the caller to fill from `offset`. */
export function grayImage(width: number, height: number): GrayImage {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const bytes = new Uint8Array(header.length + width * height);
  bytes.set(header);
  return { bytes, width, height, offset: header.length };
}
