import * as zx from '@zxing/library';
import { createQrDecoder } from './qr-decode.ts';

export const decodeQrLuminance = createQrDecoder(zx);
