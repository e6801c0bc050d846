/** The NZ COVID Pass as core knows it without its decoders (catalog.ts): its own reasons, revocation ids, field labels. */
import type { FormatInfo } from '../format.ts';
import { FORMAT_ID } from './constants.ts';
import { FIELD_LABELS } from './field-labels.ts';
import { NZCP_REASONS, type NzcpReasonCode } from './reasons.ts';
import { revocationId } from './revocation-id.ts';

export const nzcpInfo: FormatInfo<NzcpReasonCode> = { id: FORMAT_ID, reasons: NZCP_REASONS, revocationId, fieldLabels: FIELD_LABELS };
