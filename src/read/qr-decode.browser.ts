import * as zx from '@zxing/library';
import { createQrDecoder } from './qr-decode.ts';

export const qrDecoder = createQrDecoder(zx);
