/** ICAO VDS-NC as core knows it without its decoders (catalog.ts). */
import { EXACT_IDS } from '../../trust/revocation/code-id-rules.ts';
import type { FormatInfo } from '../format.ts';
import { FORMAT_ID } from './constants.ts';

/** Seal ids (the document number) are compared exactly as written. */
export const vdsNcInfo: FormatInfo<never> = { id: FORMAT_ID, revocationId: EXACT_IDS };
