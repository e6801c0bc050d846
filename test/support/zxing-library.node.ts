/**
 * @zxing/library in Node, for comparison only (tests, scripts/bench-qr.ts, scripts/read-suite-images.ts):
 * Node reads pictures with zxing-wasm like the app (image-file.node.ts, qr-decode.wasm.node.ts).
 * In the app the library is the decode worker's fallback when the wasm cannot load.
 */
import { createRequire } from 'node:module';
import { createQrDecoder } from '../../src/read/qr-decode.ts';

// Node gets @zxing/library's CommonJS build; require() hands over all of its exports.
const zx = createRequire(import.meta.url)('@zxing/library') as typeof import('@zxing/library');

export const qrDecoder = createQrDecoder(zx);
