/** CN provincial health code v1 (CNHC1:), the domestic format. */
import type { FormatPlugin } from '../format.ts';
import { decode, open, type CnClaims } from './decode.ts';
import { detect } from './detect.ts';
import { normalise } from './normalise.ts';
import { cnHealthCodeInfo } from './info.ts';

export const cnHealthCode: FormatPlugin<CnClaims, never> = { ...cnHealthCodeInfo, detect, decode, open, normalise };
