/** SMART Health Cards as core knows them without their decoders (catalog.ts): own reasons, revocation ids. */
import type { FormatInfo } from '../format.ts';
import { FORMAT_ID } from './constants.ts';
import { SHC_REASONS, type ShcReasonCode } from './reasons.ts';
import { revocationId } from './revocation-id.ts';

export const smartHealthCardInfo: FormatInfo<ShcReasonCode> = { id: FORMAT_ID, reasons: SHC_REASONS, revocationId };
