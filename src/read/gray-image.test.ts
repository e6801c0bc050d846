import { describe, expect, it } from 'vitest';
import { prng } from '../../test/support/prng.ts';
import { degradedCodes, randomCodeText, toRgba } from '../../test/support/synthetic-frames.ts';
import { grayImage } from './gray-image.ts';
import { nodeWasmQrReader } from './qr-decode.wasm.node.ts';

describe('grey pictures for zxing-wasm', () => {
  it('writes a binary PGM header and leaves the pixels after it', () => {
    const img = grayImage(3, 2);
    expect(new TextDecoder().decode(img.bytes.subarray(0, img.offset))).toBe('P5\n3 2\n255\n');
    expect(img.bytes.length).toBe(img.offset + 6);
  });

  it('reads exactly what the RGBA route reads, frame by frame, on degraded camera frames', async () => {
    const { reader, gray } = await nodeWasmQrReader();
    const rand = prng(23);
    let read = 0;
    let frames = 0;
    for (const { kind, i, text, frame } of degradedCodes(rand, 3, () => randomCodeText(rand, 'CNHC1:', 150 + Math.floor(rand() * 100)))) {
      frames++;
      const img = grayImage(frame.width, frame.height);
      img.bytes.set(frame.data, img.offset);
      const viaGray = await gray.read(img);
      // For a grey pixel zxing's RGB-to-luminance gives the grey value itself: the same picture.
      expect(viaGray, `${kind} #${i}`).toBe(await reader.read({ data: toRgba(frame), width: frame.width, height: frame.height }));
      if (viaGray === text) read++;
    }
    // Not a vacuous agreement on nothing: the frames are read (docs/qr-reading.md: 178/180).
    expect(read).toBeGreaterThanOrEqual(frames - 2);
  });

  it('finds nothing in a blank picture', async () => {
    const { gray } = await nodeWasmQrReader();
    const img = grayImage(320, 240);
    img.bytes.fill(235, img.offset);
    expect(await gray.read(img)).toBeNull();
  });
});
