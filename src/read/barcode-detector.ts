/**
 * The platform's BarcodeDetector, where it reads QR codes (Android Chrome, in workers too; absent
 * in desktop Linux Chromium). It takes the camera's ImageBitmap directly: no canvas copy and a
 * decoder backed by the OS. Not in TypeScript's DOM types yet, hence the local shapes.
 */
import type { Reader } from './reader-chain.ts';

interface DetectedBarcode {
  rawValue?: unknown;
}
interface BarcodeDetectorInstance {
  detect(image: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats?: () => Promise<unknown>;
}

/**
 * A reader on `scope.BarcodeDetector` (pass the worker's or window's global), or null when there is
 * none or it cannot read 'qr_code'. Some Android builds list no formats until Play Services has
 * downloaded its barcode model: that also counts as unavailable.
 */
export async function nativeQrReader(scope: object): Promise<Reader<ImageBitmapSource> | null> {
  const Detector = (scope as { BarcodeDetector?: unknown }).BarcodeDetector as BarcodeDetectorClass | undefined;
  if (typeof Detector !== 'function' || typeof Detector.getSupportedFormats !== 'function') return null;
  let detector: BarcodeDetectorInstance;
  try {
    const formats = await Detector.getSupportedFormats();
    if (!Array.isArray(formats) || !formats.includes('qr_code')) return null;
    detector = new Detector({ formats: ['qr_code'] });
  } catch {
    return null;
  }
  return {
    name: 'barcode-detector',
    // A throw here (e.g. the detection service went away) tells the chain to switch readers.
    async read(image) {
      const found = await detector.detect(image);
      const text = found.find((b) => typeof b.rawValue === 'string' && b.rawValue !== '')?.rawValue;
      return typeof text === 'string' ? text : null;
    },
  };
}
