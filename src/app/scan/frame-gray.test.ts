import { describe, expect, it } from 'vitest';
import { crispFrame, withQuietZone } from '../../../test/support/crisp-frame.ts';
import { qrMatrix } from '../../issuer/qr-render.node.ts';
import { nodeWasmQrReader } from '../../read/qr-decode.wasm.node.ts';
import { SELF_TEST_CODE } from '../lazy/self-test-data.ts';
import { frameGray, sampleLuma, type FrameLike } from './frame-gray.ts';

/**
 * A stand-in for a WebCodecs VideoFrame (Node has none) holding `luma` as an I420 frame's Y plane,
 * `pad` bytes of row padding and `lead` bytes before it, as a browser's copyTo may lay planes out.
 */
function i420(luma: Uint8ClampedArray, width: number, height: number, { format = 'I420', pad = 0, lead = 0, shown = {} as Partial<FrameLike> } = {}): FrameLike & { copies: number } {
  const stride = width + pad;
  const chroma = Math.ceil(width / 2) * Math.ceil(height / 2);
  const frame = {
    copies: 0,
    format: format as VideoPixelFormat,
    visibleRect: { x: 0, y: 0, width, height } as DOMRectReadOnly,
    displayWidth: width,
    displayHeight: height,
    ...shown,
    allocationSize: () => lead + stride * height + 2 * chroma,
    copyTo: async (dest: AllowSharedBufferSource) => {
      frame.copies++;
      const out = dest as Uint8Array;
      out.fill(128); // chroma and padding: anything but the luma
      for (let y = 0; y < height; y++) out.set(luma.subarray(y * width, (y + 1) * width), lead + y * stride);
      return [
        { offset: lead, stride },
        { offset: lead + stride * height, stride: Math.ceil(width / 2) },
        { offset: lead + stride * height + chroma, stride: Math.ceil(width / 2) },
      ];
    },
  };
  return frame as FrameLike & { copies: number };
}

/** The self-test code drawn as a camera would see it: dark modules on white, on grey, `scale` px a module. */
const codeLuma = (width: number, height: number, scale: number): Uint8ClampedArray => crispFrame(withQuietZone(qrMatrix(SELF_TEST_CODE)), width, height, scale).data;

describe('a camera frame read from its luminance plane', () => {
  it('reads the code in an I420 frame, its rows padded and its plane not first in the buffer', async () => {
    const frame = i420(codeLuma(640, 480, 6), 640, 480, { pad: 64, lead: 32 });
    const img = await frameGray(frame, 640, 480);
    expect(img).not.toBeNull();
    expect(await (await nodeWasmQrReader()).gray.read(img!)).toBe(SELF_TEST_CODE);
  });

  it('scales a wide frame down to the size asked for, and still reads it', async () => {
    const frame = i420(codeLuma(1920, 1080, 14), 1920, 1080);
    const img = await frameGray(frame, 1280, 720);
    expect([img?.width, img?.height]).toEqual([1280, 720]);
    expect(await (await nodeWasmQrReader()).gray.read(img!)).toBe(SELF_TEST_CODE);
  });

  it('takes NV12 too (luminance first); leaves RGB frames and unknown formats to the canvas', async () => {
    const luma = codeLuma(320, 240, 3);
    expect(await frameGray(i420(luma, 320, 240, { format: 'NV12' }), 320, 240)).not.toBeNull();
    for (const format of ['RGBA', 'BGRX', 'I420P10', '']) {
      const frame = i420(luma, 320, 240, { format });
      expect(await frameGray(frame, 320, 240), format).toBeNull();
      expect(frame.copies, format).toBe(0);
    }
  });

  it('leaves frames shown otherwise than stored (rotated, mirrored, non-square pixels) to the canvas', async () => {
    const luma = codeLuma(320, 240, 3);
    const shownAs: Partial<FrameLike>[] = [{ rotation: 90, displayWidth: 240, displayHeight: 320 }, { rotation: 180 }, { flip: true }, { displayWidth: 427 }];
    for (const shown of shownAs) {
      const frame = i420(luma, 320, 240, { shown });
      expect(await frameGray(frame, 320, 240), JSON.stringify(shown)).toBeNull();
      expect(frame.copies).toBe(0);
    }
    // Explicitly upright and unmirrored: taken.
    expect(await frameGray(i420(luma, 320, 240, { shown: { rotation: 0, flip: false } }), 320, 240)).not.toBeNull();
  });

  it('samples each output pixel from the source pixel under its centre', () => {
    // 4×2 source, rows padded to 6: values 10·row + column.
    const src = Uint8Array.from([0, 1, 2, 3, 99, 99, 10, 11, 12, 13, 99, 99]);
    const same = sampleLuma(src, 0, 6, 4, 2, 4, 2);
    expect([...same.bytes.subarray(same.offset)]).toEqual([0, 1, 2, 3, 10, 11, 12, 13]);
    const half = sampleLuma(src, 0, 6, 4, 2, 2, 1);
    expect([...half.bytes.subarray(half.offset)]).toEqual([11, 13]);
  });
});
