import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { qrMatrix, qrPng } from '../issuer/qr-render.node.ts';
import { prng } from '../../test/support/prng.ts';
import { crispFrame, withQuietZone } from '../../test/support/crisp-frame.ts';
import { randomCodeText } from '../../test/support/synthetic-frames.ts';
import { qrDecoder } from '../../test/support/zxing-library.node.ts';
import { rgbaToLuminance, scaleDown, type Luminance } from './qr-decode.ts';

const codeText = (rand: () => number, bytes: number) => randomCodeText(rand, 'CNHC1:', bytes);

/** The code drawn into a grey 640x480 frame at an integer module size, as a camera sees a phone screen. */
const cameraFrame = (text: string): Luminance => crispFrame(withQuietZone(qrMatrix(text)));

describe('QR reading', () => {
  it('decodeStill reads every rendered code at module sizes 2 to 12 (zxing alone misses ~20 % of these)', async () => {
    const rand = prng(2026);
    let missedByFullSizeOnly = 0;
    for (const scale of [2, 3, 4, 5, 6, 7, 8, 10, 12]) {
      for (let i = 0; i < 12; i++) {
        const text = codeText(rand, 120 + Math.floor(rand() * 160));
        const png = PNG.sync.read(await qrPng(text, scale));
        const img = rgbaToLuminance(png.data, png.width, png.height);
        expect(qrDecoder.decodeStill(img), `scale ${scale} #${i}`).toBe(text);
        if (qrDecoder.decodeFrame(img, 0) !== text) missedByFullSizeOnly++;
      }
    }
    // The fallbacks are there for a reason: the plain full-size attempt misses some of these.
    expect(missedByFullSizeOnly).toBeGreaterThan(0);
  });

  it('rotating frame strategies reads every code in a camera-sized frame within one rotation', () => {
    const rand = prng(7);
    for (let i = 0; i < 60; i++) {
      const text = codeText(rand, 140 + Math.floor(rand() * 120));
      const frame = cameraFrame(text);
      const reads = Array.from({ length: qrDecoder.frameStrategies }, (_, k) => qrDecoder.decodeFrame(frame, k));
      expect(reads.includes(text), `code #${i}`).toBe(true);
      // A strategy either reads the right text or nothing: never a wrong text.
      expect(reads.every((r) => r === null || r === text)).toBe(true);
    }
  });

  it('reads, within one rotation, a crisp code that the finder-pattern search misses at every scale', () => {
    // A demo world's pass-guangdong-green (a CI run, 2026-12-06): on camera, the fallback never read it.
    const text =
      'CNHC1:NCFOXN%TSMAHN-H2$SX*J9CWT C.2QWBHP%B:BJVJC4006R5ULRW5EPIMU$C75QONCYHQDWBMBDGRUUUQ0G7IXBN5P ZG.MHYHI1CC+J47I2QYU.5PZ7LM 2*1S+CWZ:8NPAQJKO-KX2MDKL8HKDRE6JK.CEWQ9JLCVH5SWDB:CU01-NR/IHE72 :R RG4X5ICB+3NUWEA4C23K0VB1F8:VRMINA7O$W6L2FJQULH6M+NGH97LL5ESEE63N15-SE F:-2 V7KMHHASSAE3H0MLPJP8';
    const frame = cameraFrame(text);
    const reads = Array.from({ length: qrDecoder.frameStrategies }, (_, k) => qrDecoder.decodeFrame(frame, k));
    // The scaled strategies all miss it; pure-barcode mode reads it.
    expect(reads.slice(0, 4)).toEqual([null, null, null, null]);
    expect(reads).toContain(text);
  });

  it('finds nothing in a blank or noisy image', () => {
    const rand = prng(1);
    const blank: Luminance = { data: new Uint8ClampedArray(320 * 240).fill(255), width: 320, height: 240 };
    const noise: Luminance = { data: Uint8ClampedArray.from({ length: 320 * 240 }, () => rand() * 256), width: 320, height: 240 };
    expect(qrDecoder.decodeStill(blank)).toBeNull();
    expect(qrDecoder.decodeStill(noise)).toBeNull();
  });

  it('scaleDown averages boxes for 1/n and keeps the size rule for other factors', () => {
    const img: Luminance = { data: Uint8ClampedArray.from([0, 255, 0, 255, 255, 0, 255, 0, 10, 10, 20, 20, 10, 10, 20, 20]), width: 4, height: 4 };
    expect([...scaleDown(img, 1 / 2).data]).toEqual([128, 128, 10, 20]);
    const two = scaleDown(img, 2 / 3);
    expect([two.width, two.height]).toEqual([2, 2]);
    expect(two.data[0]).toBe(0); // the sample at (0,0) falls exactly on a source pixel
  });

  it('treats transparent pixels as white, as a PNG margin looks on screen', () => {
    const rgba = Uint8ClampedArray.from([0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255]);
    expect([...rgbaToLuminance(rgba, 3, 1).data]).toEqual([255, 0, 255]);
  });
});
