/**
 * The Node picture reader (`verify --image`, the conformance runner): zxing-wasm from node_modules
 * with the app's still-image passes. The EU DCC test suite's own pictures (every EXPECTEDPICTUREDECODE
 * vector and the result-screen screenshots) are judged by the conformance suite, through this reader
 * (test/conformance/eu-dcc-suite.test.ts).
 */
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { qrPng, qrSegments } from '../issuer/qr-render.node.ts';
import { readQrFromImageBytes } from './image-file.node.ts';
import { nodeWasmQrReader } from './qr-decode.wasm.node.ts';

afterEach(() => vi.unstubAllGlobals());

const TEXT = 'HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOO6+I2NV0ET2:I5YC/VT5H7:HJ%AFL/FV*A3*H';

describe('readQrFromImageBytes (zxing-wasm in Node)', () => {
  it('loads the wasm from node_modules once, with no network', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('no network in this test')));
    vi.stubGlobal('fetch', fetch);
    const [a, b] = await Promise.all([nodeWasmQrReader(), nodeWasmQrReader()]);
    expect(a).toBe(b);
    expect(await readQrFromImageBytes(await qrPng(TEXT, 4))).toEqual({ ok: true, value: TEXT });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reads a PNG whose light modules and margin are transparent (as on a white page)', async () => {
    const png = await QRCode.toBuffer(qrSegments(TEXT), { type: 'png', errorCorrectionLevel: 'Q', margin: 4, scale: 5, color: { dark: '#000000ff', light: '#00000000' } });
    expect(PNG.sync.read(png).data[3]).toBe(0); // the corner really is transparent black
    expect(await readQrFromImageBytes(png)).toEqual({ ok: true, value: TEXT });
  });

  it('IMAGE_UNREADABLE for bytes that are no PNG/JPEG or a broken one; NO_CODE_FOUND for a picture without a code', async () => {
    const png = await qrPng(TEXT, 4);
    expect(await readQrFromImageBytes(new TextEncoder().encode('HC1:not a picture'))).toMatchObject({ ok: false, reason: { code: 'IMAGE_UNREADABLE' } });
    expect(await readQrFromImageBytes(png.subarray(0, 60))).toMatchObject({ ok: false, reason: { code: 'IMAGE_UNREADABLE' } });
    expect(await readQrFromImageBytes(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toMatchObject({ ok: false, reason: { code: 'IMAGE_UNREADABLE' } });
    const blank = new PNG({ width: 300, height: 200 });
    blank.data.fill(255);
    expect(await readQrFromImageBytes(PNG.sync.write(blank))).toEqual({ ok: false, reason: { code: 'NO_CODE_FOUND', detail: 'no readable QR code in the image' } });
  });
});
