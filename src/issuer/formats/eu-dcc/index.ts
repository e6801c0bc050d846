/** EU DCC, issuing side: document signer certificates are its keys by default; its demo is Austria's. */
import { FORMAT_ID } from '../../../core/formats/eu-dcc/constants.ts';
import type { IssuerFormat } from '../format.ts';
import { euDccDemo } from './demo.node.ts';
import { uvciCountry } from './uvci-country.ts';

export const euDccIssuer: IssuerFormat = { id: FORMAT_ID, defaultFor: ['dsc'], demo: euDccDemo, revocationGroup: uvciCountry };
