/**
 * QR text with zxing-wasm (ZXing-C++), the worker's decoder: it reads more degraded frames than
 * @zxing/library, faster (docs/qr-reading.md). The caller hands over the .wasm bytes: the package
 * would otherwise fetch them from a CDN, and gatecheck makes no third-party requests. The browser
 * fetches our self-hosted copy, Node reads node_modules.
 */
import { prepareZXingModule, purgeZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import type { Pixels } from './qr-decode.ts';
import type { Reader } from './reader-chain.ts';
import { SELF_TEST_TEXT, selfTestPixels } from './self-test-code.ts';

// Defaults stay on (tryHarder, tryRotate, tryInvert, tryDownscale): turning tryHarder off saved
// nothing measurable on 640×480 frames. One symbol is all a gate needs.
const OPTIONS: ReaderOptions = { formats: ['QRCode'], maxNumberOfSymbols: 1 };

export type WasmLoad = { ok: true; reader: Reader<Pixels> } | { ok: false; detail: string };

/**
 * Instantiates zxing-wasm from `wasmBytes` and checks it reads a known code. An error value when
 * the bytes cannot be had or compiled (e.g. a CSP without 'wasm-unsafe-eval') or the check fails:
 * the caller falls back to another decoder.
 */
export async function loadWasmQrReader(wasmBytes: () => Promise<ArrayBuffer>): Promise<WasmLoad> {
  const reader: Reader<Pixels> = {
    name: 'zxing-wasm',
    async read(px) {
      // zxing-wasm takes anything shaped like ImageData (it reads data, width and height only).
      const found = await readBarcodes(px as ImageData, OPTIONS);
      return found.find((r) => r.isValid)?.text ?? null;
    },
  };
  let detail: string;
  try {
    const bytes = await wasmBytes();
    // locateFile is not consulted while wasmBinary is set; overriding it anyway means no code path
    // can build the package's CDN address.
    await prepareZXingModule({ overrides: { wasmBinary: bytes, locateFile: (path: string) => path }, fireImmediately: true });
    const text = await reader.read(selfTestPixels());
    if (text === SELF_TEST_TEXT) return { ok: true, reader };
    detail = `self-test read ${JSON.stringify(text)}`;
  } catch (e) {
    detail = e instanceof Error ? e.message : String(e);
  }
  purgeZXingModule(); // so a later attempt starts afresh instead of reusing the failed module
  return { ok: false, detail };
}
