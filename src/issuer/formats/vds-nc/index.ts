/** ICAO VDS-NC, issuing side: country signing CAs are its keys by default; signs seals for the demo and tests. */
import { FORMAT_ID } from '../../../core/formats/vds-nc/constants.ts';
import type { IssuerFormat } from '../format.ts';
import { vdsNcDemo } from './demo.node.ts';

export const vdsNcIssuer: IssuerFormat = { id: FORMAT_ID, defaultFor: ['csca'], demo: vdsNcDemo };
