/** The EU DCC test suite's raw vector files (its `raw` folders), parsed: shared by the fuzz seeds, the bench and the CBOR decoder's differential test. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { sharedDir } from './shared.ts';

export const EU_SUITE = sharedDir('vectors', 'eu-dcc');

/** Every raw vector file, parsed, in path order; a file that is not JSON is skipped. */
export function readRawVectors(dir = EU_SUITE): { file: string; v: any }[] {
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((p) => p.split(sep).includes('raw') && p.endsWith('.json')).sort();
  const out = [];
  for (const file of files) {
    try {
      out.push({ file, v: JSON.parse(readFileSync(join(dir, file), 'utf8')) });
    } catch {
      // not JSON: not a vector
    }
  }
  return out;
}
