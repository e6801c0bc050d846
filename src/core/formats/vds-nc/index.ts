/** ICAO VDS-NC (JSON seal, barcode signer certificate inside), verified with the same pipeline. */
import type { FormatPlugin } from '../format.ts';
import { decode, type VdsNcClaims } from './decode.ts';
import { detect } from './detect.ts';
import { normalise } from './normalise.ts';
import { vdsNcInfo } from './info.ts';

export const vdsNc: FormatPlugin<VdsNcClaims, never> = { ...vdsNcInfo, detect, decode, normalise };

export { canonicalJson } from './canonical-json.ts';
export { parseStrictJson, type Json, type JsonObject } from '../../encoding/strict-json.ts';
export { type VdsNcClaims } from './decode.ts';
