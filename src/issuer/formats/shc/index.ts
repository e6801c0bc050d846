/** SMART Health Cards, issuing side: an issuer's JWKS holds its keys by default; signs cards for the demo and tests. */
import { FORMAT_ID } from '../../../core/formats/shc/constants.ts';
import type { IssuerFormat } from '../format.ts';
import { shcDemo } from './demo.node.ts';

export const shcIssuer: IssuerFormat = { id: FORMAT_ID, defaultFor: ['jwks'], demo: shcDemo };
