/**
 * How well the Node picture reader reads the EU DCC test suite's pictures, against the reader it
 * replaced, in one run:
 *   npx tsx scripts/read-suite-images.ts [--dir ../shared/vectors/eu-dcc] [--list]
 * - zxing-wasm: readQrFromImageBytes (src/read/image-file.node.ts), the product path: zxing-wasm
 *   from node_modules with the app's still-image passes.
 * - @zxing/library: the old Node path, kept here only for comparison: the same PNG/JPEG decoding,
 *   then createQrDecoder's decodeStill (every strategy plus pure-barcode mode).
 * Pictures: every vector's `2DCODE` (base64 PNG) and every .png file not byte-identical to one,
 * each with its vector's PREFIX where there is one; plus the result-screen screenshots (no QR: the
 * right answer is nothing). Not imported by product code.
 */
import { resolve } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { readQrFromImageBytes } from '../src/read/image-file.node.ts';
import { qrDecoder } from '../test/support/zxing-library.node.ts';
import { rgbaToLuminance } from '../src/read/qr-decode.ts';
import { EU_DCC_SUITE, suitePictures, suiteScreenshots, type SuitePicture } from '../test/conformance/eu-dcc/pictures.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const DIR = resolve(arg('--dir') ?? EU_DCC_SUITE);
const LIST = process.argv.includes('--list');

/** The old Node path (before zxing-wasm): pngjs / jpeg-js, luminance, @zxing/library's decodeStill. */
function libraryRead(bytes: Uint8Array): string | null {
  let rgba: Uint8Array;
  let width: number;
  let height: number;
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50) ({ data: rgba, width, height } = PNG.sync.read(Buffer.from(bytes)));
    else if (bytes[0] === 0xff && bytes[1] === 0xd8) ({ data: rgba, width, height } = jpeg.decode(bytes, { useTArray: true, maxMemoryUsageInMB: 256 }));
    else return null;
  } catch {
    return null;
  }
  return qrDecoder.decodeStill(rgbaToLuminance(rgba, width, height));
}

const wasmRead = async (bytes: Uint8Array): Promise<string | null> => {
  const r = await readQrFromImageBytes(bytes);
  return r.ok ? r.value : null;
};

type Tally = { pictures: number; read: number; withPrefix: number; equal: number; flagged: number; flaggedEqual: number; wrong: string[]; missed: string[]; shots: number; shotsEmpty: number; claimed: string[]; ms: number };

const pictures = suitePictures(DIR);
const shots = suiteScreenshots(DIR);
const readers: [string, (b: Uint8Array) => Promise<string | null> | string | null][] = [
  ['zxing-wasm (readQrFromImageBytes)', wasmRead],
  ['@zxing/library decodeStill (old)', libraryRead],
];

const label = (p: SuitePicture) => `${p.id}${p.expectDecode === undefined ? '' : ` [EXPECTEDPICTUREDECODE ${p.expectDecode}]`}`;
const tallies: [string, Tally][] = [];
for (const [name, read] of readers) {
  const t: Tally = { pictures: 0, read: 0, withPrefix: 0, equal: 0, flagged: 0, flaggedEqual: 0, wrong: [], missed: [], shots: 0, shotsEmpty: 0, claimed: [], ms: 0 };
  await read(pictures[0]!.bytes); // warm-up (wasm load, JIT) outside the timing
  const t0 = performance.now();
  for (const p of pictures) {
    const text = await read(p.bytes);
    t.pictures++;
    if (p.prefix !== undefined) t.withPrefix++;
    // What the suite itself asks (EXPECTEDPICTUREDECODE true): the picture reads as PREFIX.
    if (p.expectDecode === true) {
      t.flagged++;
      if (text !== null && text === p.prefix) t.flaggedEqual++;
    }
    if (text === null) {
      t.missed.push(label(p));
      continue;
    }
    t.read++;
    if (p.prefix !== undefined && text === p.prefix) t.equal++;
    else if (p.prefix !== undefined) t.wrong.push(`${label(p)}: read text differs from PREFIX`);
  }
  for (const s of shots) {
    t.shots++;
    const text = await read(s.bytes);
    if (text === null) t.shotsEmpty++;
    else t.claimed.push(`${s.id}: ${text.slice(0, 24)}…`);
  }
  t.ms = performance.now() - t0;
  tallies.push([name, t]);
}

const from2d = pictures.filter((p) => p.source === '2DCODE').length;
console.log(`EU DCC suite ${DIR}`);
console.log(`${pictures.length} pictures: ${from2d} vector 2DCODEs + ${pictures.length - from2d} other .png files; ${pictures.filter((p) => p.prefix !== undefined).length} with a PREFIX; ${shots.length} screenshots with no QR\n`);
for (const [name, t] of tallies) {
  console.log(`${name}:`);
  console.log(`  read ${t.read}/${t.pictures} pictures; equal to PREFIX ${t.equal}/${t.withPrefix}; read but not PREFIX ${t.wrong.length}`);
  console.log(`  EXPECTEDPICTUREDECODE true: read as PREFIX ${t.flaggedEqual}/${t.flagged}`);
  console.log(`  screenshots: nothing found in ${t.shotsEmpty}/${t.shots}${t.claimed.length ? `; CLAIMED A CODE in ${t.claimed.length}` : ''}`);
  console.log(`  ${(t.ms / 1000).toFixed(1)} s for all`);
  if (LIST || t.missed.length <= 10) for (const m of t.missed) console.log(`  not read: ${m}`);
  else console.log(`  not read: ${t.missed.length} (--list names them)`);
  for (const w of t.wrong) console.log(`  ${w}`);
  for (const c of t.claimed) console.log(`  claimed: ${c}`);
}
