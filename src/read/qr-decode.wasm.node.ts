/**
 * Node only: zxing-wasm, the app's QR reader, loaded from the .wasm file in node_modules (never a
 * network), once per process. The CLI's `verify --image`, the conformance runner, the benchmark and
 * the tests all read through it, so Node reads pictures exactly as the app does.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadWasmQrReader, type WasmReaders } from './qr-decode.wasm.ts';

/** The reader's .wasm inside the installed zxing-wasm package. */
export const ZXING_WASM_FILE = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');

export async function nodeWasmBytes(): Promise<ArrayBuffer> {
  const b = await readFile(ZXING_WASM_FILE);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export type LoadedWasmReader = WasmReaders;

let loading: Promise<LoadedWasmReader> | undefined;

/**
 * The loaded, self-tested reader (`reader` for one pass, `still` for pictures). Rejects when the
 * wasm cannot load: that is a broken install, not an image without a code, so there is no silent
 * fallback to a weaker decoder (the one place a load failure becomes a throw: nothing in Node can
 * go on without it). A failed load is not cached; the next call tries again.
 */
export function nodeWasmQrReader(): Promise<LoadedWasmReader> {
  loading ??= loadWasmQrReader(nodeWasmBytes).then((r) => {
    if (r.ok) return r.value;
    loading = undefined;
    throw new Error(`zxing-wasm did not load from ${ZXING_WASM_FILE}: ${r.reason.code} ${r.reason.detail ?? ''}`.trim());
  });
  return loading;
}
