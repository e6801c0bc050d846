import { describe, expect, it } from 'vitest';
import { nativeQrReader } from './barcode-detector.ts';

/** A stand-in for the platform's BarcodeDetector class, recording what it was asked. */
function fakeDetector(formats: unknown, found: { rawValue?: unknown }[] = []) {
  const seen: { options: unknown[]; images: unknown[] } = { options: [], images: [] };
  class BarcodeDetector {
    static getSupportedFormats = async () => formats;
    constructor(options: unknown) {
      seen.options.push(options);
    }
    async detect(image: unknown) {
      seen.images.push(image);
      return found;
    }
  }
  return { scope: { BarcodeDetector }, seen };
}

const bitmap = {} as ImageBitmap;

describe('nativeQrReader', () => {
  it('is null where there is no BarcodeDetector (headless Linux Chromium, Node)', async () => {
    expect(await nativeQrReader({})).toBeNull();
    expect(await nativeQrReader(globalThis)).toBeNull();
  });

  it('is null when QR codes are not among the supported formats', async () => {
    expect(await nativeQrReader(fakeDetector(['ean_13', 'code_128']).scope)).toBeNull();
    expect(await nativeQrReader(fakeDetector([]).scope)).toBeNull(); // Android before its model is downloaded
    expect(await nativeQrReader(fakeDetector('qr_code').scope)).toBeNull(); // not a list
  });

  it('is null when the class cannot list formats or getSupportedFormats fails', async () => {
    class NoList {
      async detect() {
        return [];
      }
    }
    class Failing {
      static getSupportedFormats = () => Promise.reject(new Error('service unavailable'));
    }
    expect(await nativeQrReader({ BarcodeDetector: NoList })).toBeNull();
    expect(await nativeQrReader({ BarcodeDetector: Failing })).toBeNull();
  });

  it('reads QR codes only, from the bitmap it is given', async () => {
    const { scope, seen } = fakeDetector(['aztec', 'qr_code'], [{ rawValue: 'HC1:ABC' }, { rawValue: 'other' }]);
    const reader = await nativeQrReader(scope);
    expect(reader?.name).toBe('barcode-detector');
    expect(await reader!.read(bitmap)).toBe('HC1:ABC');
    expect(seen.options).toEqual([{ formats: ['qr_code'] }]);
    expect(seen.images[0]).toBe(bitmap);
  });

  it('answers null when nothing (or nothing with text) was detected', async () => {
    expect(await (await nativeQrReader(fakeDetector(['qr_code'], []).scope))!.read(bitmap)).toBeNull();
    expect(await (await nativeQrReader(fakeDetector(['qr_code'], [{ rawValue: '' }, {}]).scope))!.read(bitmap)).toBeNull();
  });

  it('lets a failing detect() throw, so the reader chain can switch decoders', async () => {
    class Broken {
      static getSupportedFormats = async () => ['qr_code'];
      detect() {
        return Promise.reject(new DOMException('Barcode detection service unavailable', 'NotSupportedError'));
      }
    }
    const reader = await nativeQrReader({ BarcodeDetector: Broken });
    await expect(reader!.read(bitmap)).rejects.toThrow('unavailable');
  });
});
