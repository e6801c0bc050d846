/** CN provincial health code v1.1 (CNHC1:, and CNHP1: live presentations of device-bound codes), the domestic format. */
import type { FormatPlugin } from '../format.ts';
import { decode, open, type CnClaims } from './decode.ts';
import { detect } from './detect.ts';
import { normalise } from './normalise.ts';
import { holderKey } from './cnf.ts';
import { cnHealthCodeInfo } from './info.ts';

export const cnHealthCode: FormatPlugin<CnClaims, never> = { ...cnHealthCodeInfo, detect, decode, open, normalise, holderKey };
