/**
 * The EU DCC test suite's QR pictures (../shared/vectors/eu-dcc, beside the checkout): every raw
 * vector's `2DCODE` (a base64 PNG) with its PREFIX text and EXPECTEDPICTUREDECODE flag, every .png
 * file that is not byte-identical to one of those, and the result-screen screenshots (Validation
 * folders) that hold no QR code, read with the conformance harness's own readers. Used by
 * scripts/read-suite-images.ts (the conformance suite judges the pictures themselves).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { readScreenshots, readVectors } from './vectors.ts';
import { requireShared, sharedDir } from '../../support/shared.ts';

export const EU_DCC_SUITE = sharedDir('vectors', 'eu-dcc');

export interface SuitePicture {
  /** Path below the suite root: the vector JSON for a `2DCODE`, else the .png file. */
  id: string;
  source: '2DCODE' | 'png';
  bytes: Uint8Array;
  /** The text the picture should hold: the vector's PREFIX (for a .png, its raw/N.json's), if any. */
  prefix?: string;
  /** EXPECTEDPICTUREDECODE, when the vector sets it. */
  expectDecode?: boolean;
}

/** Throws when the suite is not there: a caller must never pass having checked nothing. */
export function requireSuite(dir = EU_DCC_SUITE): string {
  return requireShared(dir, 'the EU DCC test suite (dgc-testdata)');
}

const files = (dir: string): string[] => (readdirSync(dir, { recursive: true }) as string[]).sort();
const slashed = (rel: string) => rel.split(sep).join('/');

export function suitePictures(dir = EU_DCC_SUITE): SuitePicture[] {
  requireSuite(dir);
  const out: SuitePicture[] = [];
  const seen = new Set<string>();
  for (const v of readVectors(dir).vectors) {
    const code = v.data['2DCODE'];
    if (typeof code !== 'string') continue;
    const bytes = new Uint8Array(Buffer.from(code, 'base64'));
    seen.add(Buffer.from(bytes).toString('base64'));
    const flag = (v.data.EXPECTEDRESULTS as Record<string, unknown> | undefined)?.EXPECTEDPICTUREDECODE;
    out.push({
      id: v.id,
      source: '2DCODE',
      bytes,
      ...(typeof v.data.PREFIX === 'string' ? { prefix: v.data.PREFIX } : {}),
      ...(typeof flag === 'boolean' ? { expectDecode: flag } : {}),
    });
  }
  for (const rel of files(dir).filter((p) => p.toLowerCase().endsWith('.png') && !p.split(sep).includes('Validation'))) {
    const bytes = new Uint8Array(readFileSync(join(dir, rel)));
    if (seen.has(Buffer.from(bytes).toString('base64'))) continue;
    // png/N.png beside raw/N.json (some suites keep the picture only as a file).
    let prefix: unknown;
    try {
      prefix = JSON.parse(readFileSync(join(dir, dirname(dirname(rel)), 'raw', rel.split(sep).pop()!.replace(/\.png$/i, '.json')), 'utf8')).PREFIX;
    } catch {
      prefix = undefined;
    }
    out.push({ id: slashed(rel), source: 'png', bytes, ...(typeof prefix === 'string' ? { prefix } : {}) });
  }
  return out;
}

/** Result-screen screenshots (JPEG/PNG in Validation folders, CY/Test/Validation): no QR code in them. */
export const suiteScreenshots = (dir = EU_DCC_SUITE) => readScreenshots(requireSuite(dir));
