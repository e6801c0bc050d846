import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prng } from '../../test/support/prng.ts';
import { qrDecoder } from '../../test/support/zxing-library.node.ts';
import { loadWasmQrReader } from './qr-decode.wasm.ts';
import { degradedCodes, randomCodeText, toRgba } from '../../test/support/synthetic-frames.ts';

const wasmFile = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
const wasmBytes = async () => {
  const b = readFileSync(wasmFile);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

afterEach(() => vi.unstubAllGlobals());

describe('zxing-wasm reader', () => {
  it('loads from the bytes it is handed and never fetches (no CDN)', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('no network in this test')));
    vi.stubGlobal('fetch', fetch);
    const loaded = await loadWasmQrReader(wasmBytes);
    expect(loaded.ok).toBe(true);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reads degraded camera frames that @zxing/library misses, and never a wrong text', async () => {
    const load = await loadWasmQrReader(wasmBytes);
    if (!load.ok) throw new Error(load.reason.detail);
    const loaded = load.value;
    const rand = prng(11);
    let wasmReads = 0;
    let stillReads = 0;
    let libraryReads = 0;
    let frames = 0;
    for (const { kind, i, text, frame } of degradedCodes(rand, 2, () => randomCodeText(rand, 'CNHC1:', 160 + Math.floor(rand() * 80)))) {
      frames++;
      const read = await loaded.reader.read({ data: toRgba(frame), width: frame.width, height: frame.height });
      expect([null, text], `${kind} #${i}`).toContain(read);
      if (read === text) wasmReads++;
      // The still-image passes (image files, the CLI): the first pass and more, never a wrong text.
      const still = await loaded.still.read({ data: toRgba(frame), width: frame.width, height: frame.height });
      expect([null, text], `${kind} #${i} (still)`).toContain(still);
      if (read === text) expect(still, `${kind} #${i} (still)`).toBe(text);
      if (still === text) stillReads++;
      if (qrDecoder.decodeStill(frame) === text) libraryReads++;
    }
    // docs/qr-reading.md: 178/180 against 109/180 on the benchmark's larger set.
    expect(wasmReads).toBeGreaterThanOrEqual(frames - 2);
    expect(wasmReads).toBeGreaterThan(libraryReads);
    expect(stillReads).toBeGreaterThanOrEqual(wasmReads);
  });

  it('finds nothing in a blank frame', async () => {
    const loaded = await loadWasmQrReader(wasmBytes);
    if (!loaded.ok) throw new Error(loaded.reason.detail);
    const blank = new Uint8ClampedArray(320 * 240 * 4).fill(255);
    expect(await loaded.value.reader.read({ data: blank, width: 320, height: 240 })).toBeNull();
  });

  it('is an error value, not a throw, when the bytes cannot be had or compiled', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // emscripten reports the abort too
    const missing = await loadWasmQrReader(() => Promise.reject(new Error('404 /assets/zxing_reader.wasm')));
    expect(missing).toEqual({ ok: false, reason: { code: 'WASM_UNAVAILABLE', detail: '404 /assets/zxing_reader.wasm' } });
    const broken = await loadWasmQrReader(async () => new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5]).buffer);
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.reason).toMatchObject({ code: 'WASM_INVALID', detail: expect.stringMatching(/CompileError/) });
    // A failed attempt is not cached: the real bytes still load afterwards.
    expect((await loadWasmQrReader(wasmBytes)).ok).toBe(true);
  });
});
