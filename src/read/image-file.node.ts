/**
 * Node only: PNG/JPEG bytes -> RGBA -> QR text, for `gatecheck verify --image` and the EU DCC
 * conformance runner. Read with zxing-wasm's still-image passes, as the app's decode worker reads
 * an image file (qr-decode.wasm.ts), loaded from node_modules (qr-decode.wasm.node.ts).
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { fail, ok } from '../core/result.ts';
import type { Pixels } from './qr-decode.ts';
import type { ImageReadResult } from './image-read.ts';
import { imageSize, MAX_IMAGE_PIXELS, tooLarge } from './image-size.ts';
import { nodeWasmQrReader } from './qr-decode.wasm.node.ts';

export type { ImageReadCode, ImageReadResult } from './image-read.ts';

const isPng = (b: Uint8Array) => b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

function pixelsOf(bytes: Uint8Array): Pixels {
  if (isPng(bytes)) {
    // Any bit depth, palette or grey comes out as 8-bit RGBA.
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), width: png.width, height: png.height };
  }
  if (isJpeg(bytes)) {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 1024 });
    return { data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength), width: img.width, height: img.height };
  }
  throw new Error('not a PNG or JPEG file');
}

/**
 * The QR text in a PNG or JPEG picture. IMAGE_TOO_LARGE: more pixels than MAX_IMAGE_PIXELS (from
 * the header, before decoding); IMAGE_UNREADABLE: not a PNG/JPEG or a broken one;
 * NO_CODE_FOUND: a picture without a readable QR code. zxing-wasm only reports a symbol whose
 * error correction checked out, so it never makes up a text. Rejects only when zxing-wasm itself
 * cannot load (a broken install), never because of the picture.
 */
export async function readQrFromImageBytes(bytes: Uint8Array): Promise<ImageReadResult> {
  // The declared size decides before any decoding: a small file can declare a huge picture.
  const huge = tooLarge(imageSize(bytes));
  if (huge) return fail('IMAGE_TOO_LARGE', huge);
  let px: Pixels;
  try {
    px = pixelsOf(bytes);
    if (px.width <= 0 || px.height <= 0 || px.data.length < px.width * px.height * 4) throw new Error('no pixels');
  } catch (e) {
    return fail('IMAGE_UNREADABLE', e instanceof Error ? e.message : 'decode failed');
  }
  const { still } = await nodeWasmQrReader();
  const text = await still.read(px);
  return text === null ? fail('NO_CODE_FOUND', 'no readable QR code in the image') : ok(text);
}
