/** Format fuzzers, one folder each (its fuzzer and the mutators only it uses): a new format is one folder and one line here. */
import type { FormatFuzzer } from '../harness.ts';
import { cnHc } from './cn-hc/fuzzer.ts';
import { euDcc } from './eu-dcc/fuzzer.ts';
import { nzcp } from './nzcp/fuzzer.ts';
import { shc } from './shc/fuzzer.ts';
import { vdsNcFuzzer } from './vds-nc/fuzzer.ts';

export const FORMAT_FUZZERS: readonly FormatFuzzer[] = [cnHc, euDcc, shc, vdsNcFuzzer, nzcp];
