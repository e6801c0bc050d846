/** The EU DCC as core knows it without its decoders (catalog.ts): its own reasons, revocation ids, field labels. */
import type { FormatInfo } from '../format.ts';
import { FORMAT_ID } from './constants.ts';
import { FIELD_LABELS } from './field-labels.ts';
import { EU_DCC_REASONS, type EuDccReasonCode } from './reasons.ts';
import { revocationId } from './revocation-id.ts';

export const euDccInfo: FormatInfo<EuDccReasonCode> = { id: FORMAT_ID, reasons: EU_DCC_REASONS, revocationId, fieldLabels: FIELD_LABELS };
