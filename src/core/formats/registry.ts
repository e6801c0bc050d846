/** Known formats, tried in order by detect. Adding a format is one line here. */
import { cnHealthCode } from './cn-hc/index.ts';
import { euDcc } from './eu-dcc/index.ts';
import type { FormatPlugin } from './format.ts';
import { smartHealthCard } from './shc/index.ts';
import { vdsNc } from './vds-nc/index.ts';

export const FORMATS: readonly FormatPlugin<any>[] = [cnHealthCode, euDcc, vdsNc, smartHealthCard];

export const detectFormat = (text: string): FormatPlugin<any> | undefined => FORMATS.find((f) => f.detect(text));
