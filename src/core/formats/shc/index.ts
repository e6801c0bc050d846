/** SMART Health Cards (`shc:/`): numeric-mode QR, JWS compact (ES256, raw DEFLATE), FHIR R4 bundle. */
import type { FormatPlugin } from '../format.ts';
import { shcChunks } from './chunks.ts';
import { decode } from './decode.ts';
import type { ShcClaims } from './payload.ts';
import { detect } from './detect.ts';
import { normalise } from './normalise.ts';
import { smartHealthCardInfo } from './info.ts';
import type { ShcReasonCode } from './reasons.ts';

export const smartHealthCard: FormatPlugin<ShcClaims, ShcReasonCode> = { ...smartHealthCardInfo, detect, decode, normalise, chunks: shcChunks };

export { decodeJws, jwsOf } from './decode.ts';
export type { ShcClaims } from './payload.ts';
