import { describe, expect, it } from 'vitest';
import { qrMatrix } from '../issuer/qr-render.node.ts';
import { qrDecoder } from '../../test/support/zxing-library.node.ts';
import { rgbaToLuminance } from './qr-decode.ts';
import { SELF_TEST_TEXT, selfTestPixels } from './self-test-code.ts';

describe('self-test code', () => {
  it('is the QR code of its text, module for module', () => {
    const qr = qrMatrix(SELF_TEST_TEXT);
    const px = selfTestPixels(1);
    expect(px.width).toBe(qr.size + 8);
    for (let y = 0; y < px.height; y++)
      for (let x = 0; x < px.width; x++) {
        const inside = x >= 4 && y >= 4 && x < 4 + qr.size && y < 4 + qr.size;
        expect(px.data[(y * px.width + x) * 4] === 0, `module ${x},${y}`).toBe(inside && qr.dark(x - 4, y - 4));
      }
  });

  it('reads back as its text with @zxing/library too', () => {
    const px = selfTestPixels();
    expect(qrDecoder.decodeStill(rgbaToLuminance(px.data, px.width, px.height))).toBe(SELF_TEST_TEXT);
  });
});
