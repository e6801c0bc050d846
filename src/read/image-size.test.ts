/** Picture sizes from headers, for the pixel budget both readers apply before decoding. */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readQrFromImageBytes } from './image-file.node.ts';
import { imageSize, MAX_IMAGE_PIXELS, tooLarge } from './image-size.ts';

function pngBomb(width: number, height: number, filler = 900_000): Uint8Array {
  const small = PNG.sync.write(Object.assign(new PNG({ width: 1, height: 1 }), { data: Buffer.alloc(4, 255) }));
  const b = new Uint8Array(small.length + filler);
  b.set(small);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
}

describe('imageSize', () => {
  it('reads PNG, JPEG (past its EXIF), GIF and WebP headers', () => {
    const png = PNG.sync.write(Object.assign(new PNG({ width: 37, height: 21 }), { data: Buffer.alloc(37 * 21 * 4, 200) }));
    expect(imageSize(png)).toEqual({ width: 37, height: 21 });
    const jpg = jpeg.encode({ data: Buffer.alloc(33 * 17 * 4, 128), width: 33, height: 17 }, 80).data;
    expect(imageSize(new Uint8Array(jpg))).toEqual({ width: 33, height: 17 });
    // An APP1 (EXIF) segment of 60 KB before the frame header.
    const app1 = new Uint8Array(4 + 60_000);
    app1.set([0xff, 0xe1, (60_002 >> 8) & 0xff, 60_002 & 0xff]);
    const withExif = new Uint8Array([...jpg.subarray(0, 2), ...app1, ...jpg.subarray(2)]);
    expect(imageSize(withExif)).toEqual({ width: 33, height: 17 });
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x30, 0x75, 0x30, 0x75]);
    expect(imageSize(gif)).toEqual({ width: 30000, height: 30000 });
    const vp8x = new Uint8Array(30);
    vp8x.set([...'RIFF'].map((c) => c.charCodeAt(0)));
    vp8x.set([...'WEBPVP8X'].map((c) => c.charCodeAt(0)), 8);
    vp8x.set([0x2f, 0x75, 0x00, 0x2f, 0x75, 0x00], 24); // 30000 - 1 = 0x752f, little-endian 24-bit
    expect(imageSize(vp8x)).toEqual({ width: 30000, height: 30000 });
  });

  it('says nothing of what it cannot read: other formats, cut-off headers', () => {
    expect(imageSize(new Uint8Array([0x42, 0x4d, 0, 0]))).toBeUndefined();
    expect(imageSize(pngBomb(10, 10).subarray(0, 20))).toBeUndefined();
    expect(imageSize(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBeUndefined();
  });

  it('tooLarge: over the budget only', () => {
    expect(tooLarge({ width: 8000, height: 6000 })).toBeUndefined();
    expect(tooLarge({ width: 30000, height: 30000 })).toMatch(/30000 × 30000/);
    expect(tooLarge(undefined)).toBeUndefined();
    expect(MAX_IMAGE_PIXELS).toBeGreaterThanOrEqual(48_000_000);
  });
});

describe('verify --image and the conformance runner refuse image bombs before decoding', () => {
  it('a 0.9 MB PNG declaring 30000 × 30000 pixels: IMAGE_TOO_LARGE, at once', async () => {
    const before = process.memoryUsage().rss;
    const r = await readQrFromImageBytes(pngBomb(30000, 30000));
    expect(r).toMatchObject({ ok: false, reason: { code: 'IMAGE_TOO_LARGE' } });
    // Nothing was decoded: no gigabytes of RGBA were allocated.
    expect(process.memoryUsage().rss - before).toBeLessThan(200e6);
  });

  it('a JPEG declaring 60000 × 1000 is refused the same way', async () => {
    const jpg = new Uint8Array(jpeg.encode({ data: Buffer.alloc(8 * 8 * 4, 128), width: 8, height: 8 }, 80).data);
    const i = jpg.findIndex((x, k) => x === 0xff && jpg[k + 1] === 0xc0);
    new DataView(jpg.buffer).setUint16(i + 5, 1000);
    new DataView(jpg.buffer).setUint16(i + 7, 60000);
    expect(await readQrFromImageBytes(jpg)).toMatchObject({ ok: false, reason: { code: 'IMAGE_TOO_LARGE' } });
  });
});
