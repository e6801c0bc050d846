/** Format fuzzers, one file each: a new format is one file in this folder and one line here. */
import type { FormatFuzzer } from '../harness.ts';
import { cnHc } from './cn-hc.ts';
import { euDcc } from './eu-dcc.ts';
import { shc } from './shc.ts';
import { vdsNcFuzzer } from './vds-nc.ts';

export const FORMAT_FUZZERS: readonly FormatFuzzer[] = [cnHc, euDcc, shc, vdsNcFuzzer];
