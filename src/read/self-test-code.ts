/**
 * A tiny QR code the worker decodes once right after zxing-wasm loads: it proves the module works
 * (else the worker falls back to @zxing/library) and compiles the decoding path before the first
 * camera frame. Cold, the first 640×480 decode took ~60 ms in Node; after this, ~15 ms.
 */
import type { Pixels } from './qr-decode.ts';

export const SELF_TEST_TEXT = 'GATECHECK';

/** Version 1, EC level Q, as the qrcode package draws 'GATECHECK'; '1' is a dark module. */
const ROWS = [
  '111111100010001111111',
  '100000101111101000001',
  '101110100011001011101',
  '101110101011101011101',
  '101110101100101011101',
  '100000100010101000001',
  '111111101010101111111',
  '000000001111000000000',
  '010111101100111011010',
  '111010001110110010000',
  '001010111001000101000',
  '110110010010111010110',
  '010001111001111111100',
  '000000001010111001010',
  '111111100101000100011',
  '100000101000101000001',
  '101110101110011101111',
  '101110101110111111000',
  '101110100101110110011',
  '100000101011100001110',
  '111111100010110011110',
];

/** The code drawn black on white at `scale` pixels per module with a 4-module quiet zone. */
export function selfTestPixels(scale = 4): Pixels {
  const side = (ROWS.length + 8) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const row = ROWS[Math.floor(y / scale) - 4];
      if (row?.[Math.floor(x / scale) - 4] !== '1') continue;
      const p = (y * side + x) * 4;
      data[p] = data[p + 1] = data[p + 2] = 0;
    }
  return { data, width: side, height: side };
}
