/** The CN health code as core knows it without its decoders (catalog.ts). */
import type { FormatInfo } from '../format.ts';
import { FORMAT_ID } from './constants.ts';
import { revocationId } from './revocation-id.ts';

export const cnHealthCodeInfo: FormatInfo<never> = { id: FORMAT_ID, revocationId };
