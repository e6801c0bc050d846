/**
 * The issuing side of every format, one line each (the verifying side is src/core/formats/registry.ts).
 * Order is the demo world's: the domestic codes first, then each format's samples in this order.
 */
import { cnHcIssuer } from './cn-hc/index.ts';
import { euDccIssuer } from './eu-dcc/index.ts';
import type { IssuerFormat, KeySource } from './format.ts';
import { nzcpIssuer } from './nzcp/index.ts';
import { shcIssuer } from './shc/index.ts';
import { vdsNcIssuer } from './vds-nc/index.ts';

export const ISSUER_FORMATS: readonly IssuerFormat[] = [cnHcIssuer, vdsNcIssuer, shcIssuer, euDccIssuer, nzcpIssuer];

/** The formats a key from `source` is for when the operator names none. */
export const defaultFormats = (source: KeySource): string[] => ISSUER_FORMATS.filter((f) => f.defaultFor?.includes(source)).map((f) => f.id);

export const issuerFormat = (id: string): IssuerFormat | undefined => ISSUER_FORMATS.find((f) => f.id === id);
