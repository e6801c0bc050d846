/** CN provincial health code v1 (CNHC1:), the domestic format. */
import type { FormatPlugin } from '../format.ts';
import { FORMAT_ID } from './constants.ts';
import { decode, open, type CnClaims } from './decode.ts';
import { detect } from './detect.ts';
import { normalise } from './normalise.ts';

export const cnHealthCode: FormatPlugin<CnClaims> = { id: FORMAT_ID, detect, decode, open, normalise };
