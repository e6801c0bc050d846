/** EU Digital COVID Certificate (HC1:), verified with the same pipeline as the domestic code. */
import type { FormatPlugin } from '../format.ts';
import { decode, open, type DccClaims } from './decode.ts';
import { detect } from './detect.ts';
import { check } from './content-check.ts';
import { euDccInfo } from './info.ts';
import { normalise } from './normalise.ts';
import type { EuDccReasonCode } from './reasons.ts';

export const euDcc: FormatPlugin<DccClaims, EuDccReasonCode> = { ...euDccInfo, detect, decode, open, normalise, check };

// Layers, for the conformance runner and tests.
export { decode, decodeCose, decompress, open, openCose, isZlibHeader, PAYLOAD_TAGS, unprefix, type DccClaims, type Decompressed } from './decode.ts';
export { hcertFromClaims, type Json, type JsonObject } from './hcert.ts';
export { pickSchemaVersion, SCHEMA_VERSIONS, validateDcc, type SchemaVerdict } from './schema/validate.ts';
export { valueSetsFromFiles } from './value-sets.ts';
