/** CN health code, issuing side: bare JWKs in a bundle are its keys unless told otherwise; its demo is the provinces'. */
import { FORMAT_ID } from '../../../core/formats/cn-hc/constants.ts';
import type { IssuerFormat } from '../format.ts';

export const cnHcIssuer: IssuerFormat = { id: FORMAT_ID, defaultFor: ['jwk'] };
