/** Known formats, tried in order by detect. Adding a format is one line here. */
import { cnHealthCode } from './cn-hc/index.ts';
import type { FormatPlugin } from './format.ts';

export const FORMATS: readonly FormatPlugin<any>[] = [cnHealthCode];

export const detectFormat = (text: string): FormatPlugin<any> | undefined => FORMATS.find((f) => f.detect(text));
