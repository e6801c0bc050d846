/**
 * NZ COVID Pass, issuing side: a DID document's assertion keys (`bundle import-did`, no
 * certificate) are NZCP keys by default; signs passes for the demo, the fuzzer and tests.
 */
import { FORMAT_ID } from '../../../core/formats/nzcp/constants.ts';
import type { IssuerFormat } from '../format.ts';
import { nzcpDemo } from './demo.node.ts';

export const nzcpIssuer: IssuerFormat = { id: FORMAT_ID, defaultFor: ['did'], demo: nzcpDemo };
