/** NZ COVID Pass (NZCP:/1/), the New Zealand Ministry of Health's pass, verified against issuers' did:web keys in the bundle. */
import type { FormatPlugin } from '../format.ts';
import { decode, type NzcpClaims } from './decode.ts';
import { detect } from './detect.ts';
import { nzcpInfo } from './info.ts';
import { check, normalise } from './normalise.ts';
import type { NzcpReasonCode } from './reasons.ts';

export const nzcp: FormatPlugin<NzcpClaims, NzcpReasonCode> = { ...nzcpInfo, detect, decode, normalise, check };

// Layers, for tests and tools.
export { decodeBase32 } from './base32.ts';
export { decodeCose, unwrap, type NzcpClaims } from './decode.ts';
export { canonicalCti } from './revocation-id.ts';
