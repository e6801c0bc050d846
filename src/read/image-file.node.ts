/** Node only: PNG/JPEG bytes -> RGBA -> QR text, for `gatecheck verify --image`. */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { qrDecoder } from './qr-decode.node.ts';
import { rgbaToLuminance } from './qr-decode.ts';

export type ImageReadResult = { ok: true; text: string } | { ok: false; code: 'IMAGE_UNREADABLE' | 'NO_CODE_FOUND'; detail: string };

export function readQrFromImageBytes(bytes: Uint8Array): ImageReadResult {
  let rgba: Uint8Array;
  let width: number;
  let height: number;
  try {
    const isPng = bytes[0] === 0x89 && bytes[1] === 0x50;
    const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
    if (isPng) {
      const png = PNG.sync.read(Buffer.from(bytes));
      ({ width, height } = png);
      rgba = png.data;
    } else if (isJpeg) {
      const img = jpeg.decode(bytes, { useTArray: true, maxMemoryUsageInMB: 256 });
      ({ width, height } = img);
      rgba = img.data;
    } else {
      return { ok: false, code: 'IMAGE_UNREADABLE', detail: 'not a PNG or JPEG file' };
    }
  } catch (e) {
    return { ok: false, code: 'IMAGE_UNREADABLE', detail: e instanceof Error ? e.message : 'decode failed' };
  }
  const text = qrDecoder.decodeStill(rgbaToLuminance(rgba, width, height));
  return text === null ? { ok: false, code: 'NO_CODE_FOUND', detail: 'no readable QR code in the image' } : { ok: true, text };
}
