import { createRequire } from 'node:module';
import { createQrDecoder } from './qr-decode.ts';

// Node gets @zxing/library's CommonJS build; require() hands over all of its exports.
const zx = createRequire(import.meta.url)('@zxing/library') as typeof import('@zxing/library');

export const qrDecoder = createQrDecoder(zx);
