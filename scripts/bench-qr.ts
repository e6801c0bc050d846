/**
 * QR decoder benchmark: zxing-wasm, gatecheck's one reader (loaded as the product loads it in Node,
 * src/read/qr-decode.wasm.node.ts), against @zxing/library (through createQrDecoder), kept as the
 * comparison and the app's fallback when the wasm cannot load.
 *   npx tsx scripts/bench-qr.ts [--quick]
 * Sets: the EU DCC test-suite PNGs in ../shared/vectors/eu-dcc, the CY JPEG screenshots there
 * (which hold no QR code: a decoder should find nothing), and seeded synthetic 640×480 camera
 * frames (see test/support/synthetic-frames.ts). Every decoder gets the same RGBA pixels, as a
 * canvas' getImageData hands them to the worker; the grayscale conversion counts in its time.
 * Prints a markdown table: read/total and median ms per image; "wrong" counts any text that is
 * not the expected one. Ends with the bytes zxing-wasm would add to the app.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import { qrDecoder } from '../test/support/zxing-library.node.ts';
import { grayImage } from '../src/read/gray-image.ts';
import { rgbaToLuminance } from '../src/read/qr-decode.ts';
import { nodeWasmQrReader, ZXING_WASM_FILE } from '../src/read/qr-decode.wasm.node.ts';
import { degradedCodes, randomCodeText, toRgba } from '../test/support/synthetic-frames.ts';
import { prng } from '../test/support/prng.ts';
import { sharedDir } from '../test/support/shared.ts';

const QUICK = process.argv.includes('--quick');
const PER_KIND = QUICK ? 4 : 20;
const SEED = 2026;
const VECTORS = sharedDir('vectors', 'eu-dcc');

/** What a case should read: this exact text, any text with this prefix (no reference text), or nothing. */
type Expect = { text: string } | { prefix: string } | null;
type Case = { set: string; rgba: Uint8ClampedArray; width: number; height: number; expect: Expect };

// ---- cases ----

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function vectorCases(): Case[] {
  const files = walk(VECTORS);
  // A vector JSON holds its picture (2DCODE, base64 PNG) and the text in it (PREFIX): match by bytes.
  const textOfPng = new Map<string, string>();
  for (const f of files.filter((f) => f.endsWith('.json'))) {
    try {
      const v = JSON.parse(readFileSync(f, 'utf8'));
      if (typeof v?.['2DCODE'] === 'string' && typeof v.PREFIX === 'string') textOfPng.set(v['2DCODE'], v.PREFIX);
    } catch {
      // Not a vector file (value sets, README data): skip.
    }
  }
  const cases: Case[] = [];
  for (const f of files.filter((f) => f.endsWith('.png')).sort()) {
    const bytes = readFileSync(f);
    const raw = join(dirname(dirname(f)), 'raw', f.split('/').pop()!.replace(/\.png$/, '.json'));
    let text = textOfPng.get(bytes.toString('base64'));
    if (!text) {
      try {
        text = JSON.parse(readFileSync(raw, 'utf8')).PREFIX;
      } catch {
        text = undefined;
      }
    }
    const png = PNG.sync.read(bytes);
    cases.push({ set: 'EU DCC PNGs', rgba: new Uint8ClampedArray(png.data), width: png.width, height: png.height, expect: text ? { text } : { prefix: 'HC1:' } });
  }
  for (const f of files.filter((f) => /\.jpe?g$/i.test(f) && relative(VECTORS, f).startsWith('CY')).sort()) {
    const img = jpeg.decode(readFileSync(f), { useTArray: true, maxMemoryUsageInMB: 512 });
    cases.push({ set: 'CY screenshots (no QR)', rgba: new Uint8ClampedArray(img.data), width: img.width, height: img.height, expect: null });
  }
  return cases;
}

/** Demo-like texts: Chinese health codes (CNHC1:, 150–250 bytes) and EU DCCs (HC1:, 300–420 bytes). */
function syntheticCases(): Case[] {
  const rand = prng(SEED);
  const cases: Case[] = [];
  const textOf = (i: number) => (i % 2 === 1 ? randomCodeText(rand, 'HC1:', 300 + Math.floor(rand() * 120)) : randomCodeText(rand, 'CNHC1:', 150 + Math.floor(rand() * 100)));
  for (const { kind, text, frame } of degradedCodes(rand, PER_KIND, textOf))
    cases.push({ set: `synthetic: ${kind}`, rgba: toRgba(frame), width: frame.width, height: frame.height, expect: { text } });
  return cases;
}

// ---- decoders ----

type Decoder = { name: string; read(c: Case, index: number): Promise<string | null> | string | null };

const WASM_FILE = ZXING_WASM_FILE;
const wasmBytes = readFileSync(WASM_FILE);
// The product's Node loader: the wasm bytes from node_modules (never a CDN), self-tested, once.
const wasm = await nodeWasmQrReader();
const px = (c: Case) => ({ data: c.rgba, width: c.width, height: c.height });

const wasmRead = async (c: Case, opts: ReaderOptions) => {
  const results = await readBarcodes({ data: c.rgba, width: c.width, height: c.height } as ImageData, { formats: ['QRCode'], maxNumberOfSymbols: 1, ...opts });
  return results[0]?.text ?? null;
};

const lum = (c: Case) => rgbaToLuminance(c.rgba, c.width, c.height);
// The app's camera route: a frame's luminance plane (computed for every picture before the timing
// starts, as a camera delivers it) copied into a grey picture for zxing-wasm (src/app/scan/frame-gray.ts).
const lumaOf = new WeakMap<Case, Uint8ClampedArray>();
const gray = (c: Case) => {
  const img = grayImage(c.width, c.height);
  img.bytes.set(lumaOf.get(c)!, img.offset);
  return img;
};

const DECODERS: Decoder[] = [
  // The camera path: one strategy per frame, rotating with the frame index as the worker does.
  { name: 'library decodeFrame (1 frame)', read: (c, i) => qrDecoder.decodeFrame(lum(c), i % qrDecoder.frameStrategies) },
  {
    name: `library decodeFrame (${qrDecoder.frameStrategies} frames)`,
    read: (c) => {
      const img = lum(c);
      for (let k = 0; k < qrDecoder.frameStrategies; k++) {
        const text = qrDecoder.decodeFrame(img, k);
        if (text !== null) return text;
      }
      return null;
    },
  },
  { name: 'library decodeStill', read: (c) => qrDecoder.decodeStill(lum(c)) },
  // The product paths: one pass per camera frame; every still pass for image files (app and CLI).
  { name: 'zxing-wasm 1 pass (camera frame as luminance, the app)', read: (c) => wasm.gray.read(gray(c)) },
  { name: 'zxing-wasm 1 pass (camera frame as RGBA, via a canvas)', read: (c) => wasm.reader.read(px(c)) },
  { name: 'zxing-wasm still passes (image file, CLI)', read: (c) => wasm.still.read(px(c)) },
  { name: 'zxing-wasm tryHarder:false', read: (c) => wasmRead(c, { tryHarder: false }) },
];

// ---- run ----

type Tally = { ok: number; wrong: number; n: number; ms: number[] };

const verdict = (e: Expect, text: string | null): 'ok' | 'miss' | 'wrong' => {
  if (e === null) return text === null ? 'ok' : 'wrong';
  if (text === null) return 'miss';
  return ('text' in e ? text === e.text : text.startsWith(e.prefix)) ? 'ok' : 'wrong';
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const cases = [...vectorCases(), ...syntheticCases()];
// A camera hands over luminance: computed here, before any timing.
for (const c of cases) lumaOf.set(c, lum(c).data);
const sets = [...new Set(cases.map((c) => c.set))];
const tallies = new Map<string, Tally>(); // key: decoder \0 set
for (const d of DECODERS) {
  await d.read(cases[0]!, 0); // warm-up: wasm instantiation, JIT
  for (const [i, c] of cases.entries()) {
    const t0 = performance.now();
    const text = await d.read(c, i);
    const ms = performance.now() - t0;
    const v = verdict(c.expect, text);
    for (const set of c.set.startsWith('synthetic') ? [c.set, 'synthetic: all'] : [c.set]) {
      const key = `${d.name}\0${set}`;
      const t = tallies.get(key) ?? { ok: 0, wrong: 0, n: 0, ms: [] };
      t.n++;
      if (v === 'ok') t.ok++;
      if (v === 'wrong') t.wrong++;
      t.ms.push(ms);
      tallies.set(key, t);
    }
  }
}

const cell = (t: Tally | undefined, nothing: boolean) =>
  !t ? '' : `${t.ok}/${t.n}${nothing ? ' empty' : ''}${t.wrong && !nothing ? ` (${t.wrong} wrong)` : ''} · ${median(t.ms).toFixed(1)} ms`;
const rows = [...sets, 'synthetic: all'];
console.log(`\n${QUICK ? 'Quick run' : 'Full run'}: ${cases.length} images, seed ${SEED}, ${PER_KIND} synthetic frames per kind.`);
// Timings move with other work on the machine: the load average says how quiet it was.
console.log(`Machine: ${cpus().length} cores, ${cpus()[0]?.model.trim()}, node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}\n`);
console.log(`| set | ${DECODERS.map((d) => d.name).join(' | ')} |`);
console.log(`| --- | ${DECODERS.map(() => '---').join(' | ')} |`);
for (const set of rows) {
  const nothing = set.startsWith('CY');
  console.log(`| ${set} | ${DECODERS.map((d) => cell(tallies.get(`${d.name}\0${set}`), nothing)).join(' | ')} |`);
}

const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const glue = ['dist/es/reader/index.js', 'dist/es/share.js'].map((f) => readFileSync(join(dirname(WASM_FILE), '../..', f)));
const glueBytes = Buffer.concat(glue);
const packed = (b: Buffer) => `gzip ${kib(gzipSync(b, { level: 9 }).length)}, brotli ${kib(brotliCompressSync(b).length)}`;
console.log(`\nzxing-wasm reader: ${relative(process.cwd(), WASM_FILE)} ${wasmBytes.length} bytes = ${kib(wasmBytes.length)} (${packed(wasmBytes)}),`);
console.log(`  JS glue (unminified) ${kib(glueBytes.length)} (${packed(glueBytes)}).`);
