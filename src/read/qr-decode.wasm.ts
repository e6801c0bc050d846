/**
 * QR text with zxing-wasm (ZXing-C++), gatecheck's one QR reader: the app's decode worker and, in
 * Node, the CLI's `verify --image`, the EU DCC conformance runner and the tests (see
 * qr-decode.wasm.node.ts). It reads more degraded frames and more real codes than @zxing/library,
 * faster (docs/qr-reading.md). The caller hands over the .wasm bytes: the package would otherwise
 * fetch them from a CDN, and gatecheck makes no third-party requests. The browser fetches our
 * self-hosted copy, Node reads node_modules.
 */
import { prepareZXingModule, purgeZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import { fail, ok, type Result } from '../core/result.ts';
import type { GrayImage } from './gray-image.ts';
import type { Pixels } from './qr-decode.ts';
import type { Reader } from './reader-chain.ts';
import { SELF_TEST_TEXT, selfTestPixels } from './self-test-code.ts';

// Defaults stay on (tryHarder, tryRotate, tryInvert, tryDownscale): turning tryHarder off saved
// nothing measurable on 640×480 frames. One symbol is all a gate needs.
const OPTIONS: ReaderOptions = { formats: ['QRCode'], maxNumberOfSymbols: 1 };

/**
 * A still image (a file, a screenshot) is read once, so it gets every pass in turn: the camera's
 * pass, then a global-histogram binarizer. On the benchmark's 180 synthetic frames the first pass
 * reads 178 and the second reads both of the rest (a low-contrast and a blurred, noisy one); on
 * the EU suite's pictures the first pass already reads them all (docs/qr-reading.md).
 */
export const STILL_PASSES: readonly ReaderOptions[] = [OPTIONS, { ...OPTIONS, binarizer: 'GlobalHistogram' }];

export interface WasmReaders {
  /** One pass per camera frame (the next frame is the next attempt). */
  reader: Reader<Pixels>;
  /** Every pass of STILL_PASSES, for a picture that is read only once. */
  still: Reader<Pixels>;
  /** The camera's pass on a grey picture (a frame's luminance plane): no RGBA on either side. */
  gray: Reader<GrayImage>;
}

/**
 * Why the wasm reader is not there. Not verdict reasons — nobody is shown them; the worker falls
 * back to another decoder and Node reports a broken install — but the same Failure shape.
 */
export type WasmLoadCode =
  /** The .wasm bytes could not be had (404, offline, file missing). */
  | 'WASM_UNAVAILABLE'
  /** The bytes would not compile or instantiate (damaged file, a CSP without 'wasm-unsafe-eval'). */
  | 'WASM_INVALID'
  /** It loaded but did not read the known self-test code back. */
  | 'WASM_SELF_TEST_FAILED';

export type WasmLoad = Result<WasmReaders, WasmLoadCode>;

async function readOnce(input: Pixels | Uint8Array, options: ReaderOptions): Promise<string | null> {
  // zxing-wasm takes anything shaped like ImageData (it reads data, width and height only), or an
  // encoded picture's bytes.
  const found = await readBarcodes(input instanceof Uint8Array ? input : (input as ImageData), options);
  // isValid: the symbol decoded with its error correction intact; never a guessed text.
  return found.find((r) => r.isValid)?.text ?? null;
}

/**
 * The picture as it looks on a white page: ZXing ignores alpha, so a transparent margin (RGB 0,
 * alpha 0 in many PNGs) would read as black and hide the code's quiet zone. A copy only when some
 * pixel is not opaque.
 */
export function onWhite(px: Pixels): Pixels {
  const d = px.data;
  let i = 3;
  while (i < d.length && d[i] === 255) i += 4;
  if (i >= d.length) return px;
  const out = new Uint8ClampedArray(d);
  for (let p = i - 3; p < out.length; p += 4) {
    const a = out[p + 3]!;
    if (a === 255) continue;
    for (let c = 0; c < 3; c++) out[p + c] = 255 - ((255 - out[p + c]!) * a) / 255; // rounded on store
    out[p + 3] = 255;
  }
  return { data: out, width: px.width, height: px.height };
}

/**
 * Instantiates zxing-wasm from `wasmBytes` and checks it reads a known code. A Failure, never a
 * throw, when the bytes cannot be had (WASM_UNAVAILABLE) or compiled (WASM_INVALID, e.g. a CSP
 * without 'wasm-unsafe-eval') or the check fails (WASM_SELF_TEST_FAILED): the caller falls back
 * to another decoder, or (Node) reports a broken install.
 */
export async function loadWasmQrReader(wasmBytes: () => Promise<ArrayBuffer>): Promise<WasmLoad> {
  const reader: Reader<Pixels> = { name: 'zxing-wasm', read: (px) => readOnce(px, OPTIONS) };
  const still: Reader<Pixels> = {
    name: 'zxing-wasm',
    async read(px) {
      const image = onWhite(px);
      for (const options of STILL_PASSES) {
        const text = await readOnce(image, options);
        if (text !== null) return text;
      }
      return null;
    },
  };
  const gray: Reader<GrayImage> = { name: 'zxing-wasm', read: (g) => readOnce(g.bytes, OPTIONS) };
  const loaded = await instantiate(wasmBytes, reader);
  if (loaded.ok) return ok({ reader, still, gray });
  purgeZXingModule(); // so a later attempt starts afresh instead of reusing the failed module
  return loaded;
}

/** Each step that can go wrong gets its own code; the self-test proves the module reads at all. */
async function instantiate(wasmBytes: () => Promise<ArrayBuffer>, reader: Reader<Pixels>): Promise<Result<true, WasmLoadCode>> {
  let bytes: ArrayBuffer;
  try {
    bytes = await wasmBytes();
  } catch (e) {
    return fail('WASM_UNAVAILABLE', messageOf(e));
  }
  let text: string | null;
  try {
    // locateFile is not consulted while wasmBinary is set; overriding it anyway means no code path
    // can build the package's CDN address.
    await prepareZXingModule({ overrides: { wasmBinary: bytes, locateFile: (path: string) => path }, fireImmediately: true });
    text = await reader.read(selfTestPixels());
  } catch (e) {
    return fail('WASM_INVALID', messageOf(e));
  }
  return text === SELF_TEST_TEXT ? ok(true) : fail('WASM_SELF_TEST_FAILED', `self-test read ${JSON.stringify(text)}`);
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
