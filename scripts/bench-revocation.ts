/**
 * Revocation-set benchmark: size, build, open and lookup times, and measured false positives.
 *   npx tsx scripts/bench-revocation.ts [--count 10000000] [--fp-queries 4000000] [--default-only]
 * Members are seeded random bytes, not SHA-256 of ids: SHA-256 output is uniform, so random bytes are
 * an equivalent input for the structure, and hashing 10M ids through crypto.subtle would dominate the run.
 * Only the first 8 bytes of a hash reach the set, so only those are kept (one 80 MB buffer at 10M).
 * The generator is xoshiro128** seeded from test/support/prng.ts, not mulberry32 itself: mulberry32's
 * whole 32-bit outputs collide about twice as often as uniform ones (two 1M streams shared 528 values,
 * uniform expects 233), which showed up here as a doubled false-positive rate. (The tests take one
 * byte per mulberry32 call and short prefixes, where this does not show.)
 */
import { checkRevocationFile } from '../src/core/trust/revocation/open-lists.ts';
import { sha256, toBase64Url } from '../src/core/encoding/bytes.ts';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { buildRevocationSet, buildRevocationSetFromPrefixes, hashPrefix, setPrefixes } from '../src/core/trust/revocation/build-set.ts';
import { openRevocationSet, type RevocationSet } from '../src/core/trust/revocation/read-set.ts';
import { revocationHash } from '../src/core/trust/revocation/revocation-hash.ts';
import { prng } from '../test/support/prng.ts';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : Number(process.argv[i + 1]!.replace(/_/g, ''));
};
const N = arg('count', 10_000_000);
const FP_QUERIES = arg('fp-queries', 4_000_000);
const BATCH = 100_000;
const BATCHES = 15;

/** xoshiro128**: 128-bit state, so consecutive 32-bit outputs are jointly uniform (see the header). */
function xoshiro(seed: number): () => number {
  const init = prng(seed);
  const s = Uint32Array.from({ length: 4 }, () => init() * 2 ** 32);
  return () => {
    const r = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return r;
  };
}
const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** `n` 8-byte hash heads from a seeded generator, in one buffer. */
function heads(seed: number, n: number): Uint8Array {
  const r = xoshiro(seed);
  const out = new Uint8Array(n * 8);
  const view = new DataView(out.buffer);
  for (let i = 0; i < n * 2; i++) view.setUint32(i * 4, r());
  return out;
}

/** Yields each head as a 32-byte hash (tail zero) through one reused array: the builder copies what it needs. */
function* asHashes(h: Uint8Array): Generator<Uint8Array> {
  const scratch = new Uint8Array(32);
  for (let i = 0; i < h.length; i += 8) {
    scratch.set(h.subarray(i, i + 8));
    yield scratch;
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
/** f's result and its wall time in ms. */
function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
}
const time = (f: () => void): number => timed(f)[1];

/** Median µs per has() over BATCHES batches of BATCH distinct queries taken from `source`. */
function lookupMicros(set: RevocationSet, source: Uint8Array, expectFound: boolean): number {
  const buf = new Uint8Array(BATCH * 32);
  const queries = Array.from({ length: BATCH }, (_, i) => buf.subarray(i * 32, i * 32 + 32));
  const runs: number[] = [];
  for (let b = 0; b <= BATCHES; b++) {
    const start = ((b * BATCH) % (source.length / 8 - BATCH + 1)) * 8;
    for (let i = 0; i < BATCH; i++) buf.set(source.subarray(start + i * 8, start + i * 8 + 8), i * 32);
    let found = 0;
    const ms = time(() => {
      for (const q of queries) if (set.has(q)) found++;
    });
    if (expectFound && found !== BATCH) throw new Error(`only ${found} of ${BATCH} members found`);
    if (b > 0) runs.push(ms); // batch 0 warms the JIT
  }
  return (median(runs) * 1000) / BATCH;
}

function falsePositives(set: RevocationSet, queries: number): number {
  const r = xoshiro(3);
  const q = new Uint8Array(32);
  const view = new DataView(q.buffer);
  let hits = 0;
  for (let i = 0; i < queries; i++) {
    view.setUint32(0, r());
    view.setUint32(4, r());
    if (set.has(q)) hits++;
  }
  return hits;
}

const fmtBytes = (n: number): string => `${n.toLocaleString('en-US')} (${(n / 2 ** 20).toFixed(1)} MiB)`;

console.error(`generating ${N.toLocaleString('en-US')} members…`);
const members = heads(1, N);
const strangers = heads(2, BATCH * (BATCHES + 1));

// --default-only: just the chosen configuration (npm run bench uses it); otherwise the whole sweep.
const configs: { fpBits: number; bucketSizeLog2: number }[] = process.argv.includes('--default-only') ? [{ fpBits: 24, bucketSizeLog2: 7 }] : [
  { fpBits: 12, bucketSizeLog2: 7 },
  { fpBits: 16, bucketSizeLog2: 7 },
  { fpBits: 20, bucketSizeLog2: 7 },
  { fpBits: 24, bucketSizeLog2: 6 },
  { fpBits: 24, bucketSizeLog2: 7 },
  { fpBits: 24, bucketSizeLog2: 8 },
  { fpBits: 28, bucketSizeLog2: 7 },
];
const rows: string[] = [];
let chosen: { set: RevocationSet; bytes: Uint8Array; buildMs: number } | undefined;
for (const c of configs) {
  console.error(`fpBits ${c.fpBits}, ${2 ** c.bucketSizeLog2} per bucket…`);
  const [bytes, buildMs] = timed(() => buildRevocationSet(asHashes(members), c));
  const openMs = median(Array.from({ length: 21 }, () => time(() => openRevocationSet(bytes))));
  const opened = openRevocationSet(bytes);
  if (!opened.ok) throw new Error(opened.reason.detail);
  const set = opened.value;
  const member = lookupMicros(set, members, true);
  const stranger = lookupMicros(set, strangers, false);
  const hits = falsePositives(set, FP_QUERIES);
  rows.push(
    `| ${c.fpBits} | ${c.bucketSizeLog2} (${(set.count / 2 ** bytes[7]!).toFixed(0)}) | ${set.prefixBits} | ${fmtBytes(bytes.length)} | ${((bytes.length * 8) / N).toFixed(2)} | ` +
      `${(buildMs / 1000).toFixed(2)} | ${openMs.toFixed(2)} | ${member.toFixed(2)} | ${stranger.toFixed(2)} | ` +
      `${hits} / ${FP_QUERIES.toLocaleString('en-US')} = ${(hits / FP_QUERIES).toExponential(2)} | ${set.falsePositiveRate.toExponential(2)} (${(FP_QUERIES * set.falsePositiveRate).toFixed(1)} hits) |`,
  );
  if (c.fpBits === 24 && c.bucketSizeLog2 === 7) chosen = { set, bytes, buildMs };
}

// Extending the chosen set by one id, from its prefixes alone.
const { set, bytes } = chosen!;
const added = await revocationHash('440000', 'one-more');
const [extended, extendMs] = timed(() =>
  buildRevocationSetFromPrefixes(
    (function* () {
      yield* setPrefixes(set);
      yield hashPrefix(added, set.prefixBits);
    })(),
    set,
  ),
);
const next = openRevocationSet(extended);
if (!next.ok || !next.value.has(added) || next.value.count !== set.count + 1) throw new Error('extension lost an entry');

// Load as a gate does it at every start: check the bytes against the size and SHA-256 the signed
// bundle pins (open-lists.ts), then open.
const pin = { id: 'bench', bytes: bytes.length, sha256: toBase64Url(await sha256(bytes)) };
const loadRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const checked = await checkRevocationFile(pin, bytes);
  const reopened = openRevocationSet(bytes);
  if (!checked.ok || !reopened.ok) throw new Error('load failed');
  loadRuns.push(performance.now() - t);
}
const loadMs = median(loadRuns);

// revocationHash cost, for scale: a gate hashes once per scan.
const HASHES = 20_000;
const t0 = performance.now();
for (let i = 0; i < HASHES; i++) await revocationHash('440000', `code-${i}`);
const hashMicros = ((performance.now() - t0) * 1000) / HASHES;

// Baselines: plain sorted 8-byte prefixes, and gzip of them.
console.error('baselines…');
const sorted = new BigUint64Array(N);
const mv = new DataView(members.buffer);
for (let i = 0; i < N; i++) sorted[i] = mv.getBigUint64(i * 8);
sorted.sort();
const plain = new Uint8Array(N * 8);
const pv = new DataView(plain.buffer);
for (let i = 0; i < N; i++) pv.setBigUint64(i * 8, sorted[i]!);
const [gz, gzipMs] = timed(() => gzipSync(plain).length);
const gzSet = gzipSync(bytes).length;
const b = set.prefixBits;
const lg = -Math.log2(set.falsePositiveRate);

const cpu = cpus()[0]?.model ?? 'unknown';
console.log(`## Revocation set benchmark, ${N.toLocaleString('en-US')} entries\n`);
console.log(`\`npx tsx scripts/bench-revocation.ts --count ${N} --fp-queries ${FP_QUERIES}\` — ${cpus().length} × ${cpu}, Node ${process.version}\n`);
console.log('| fpBits | bucketSizeLog2 (avg codes/bucket) | prefix bits | bytes | bits/entry | build s | open ms | member µs | non-member µs | FP measured | FP expected |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`\nStructures at the chosen default (fpBits 24, FP ${set.falsePositiveRate.toExponential(2)} = 2^-${lg.toFixed(2)}):\n`);
console.log('| structure | bytes | bits/entry | how |');
console.log('|---|---|---|---|');
console.log(`| Golomb-Rice set + bucket index (chosen) | ${fmtBytes(bytes.length)} | ${((bytes.length * 8) / N).toFixed(2)} | measured |`);
console.log(`| … the same, gzipped | ${fmtBytes(gzSet)} | ${((gzSet * 8) / N).toFixed(2)} | measured (incompressible) |`);
console.log(`| sorted 8-byte prefixes | ${fmtBytes(plain.length)} | 64.00 | measured |`);
console.log(`| sorted 8-byte prefixes, gzip -6 | ${fmtBytes(gz)} | ${((gz * 8) / N).toFixed(2)} | measured (${(gzipMs / 1000).toFixed(1)} s) |`);
console.log(`| sorted ${b}-bit prefixes, fixed width | ${fmtBytes(Math.ceil((N * b) / 8))} | ${b.toFixed(2)} | arithmetic |`);
console.log(`| Bloom filter, same FP | ≈ ${fmtBytes(Math.ceil((N * 1.44 * lg) / 8))} | ${(1.44 * lg).toFixed(2)} | 1.44·log2(1/FP), ${Math.round(lg)} probes |`);
console.log(`| xor filter, same FP | ≈ ${fmtBytes(Math.ceil((N * 1.23 * lg) / 8))} | ${(1.23 * lg).toFixed(2)} | 1.23·log2(1/FP) |`);
console.log(`| binary fuse filter, same FP | ≈ ${fmtBytes(Math.ceil((N * 1.125 * lg) / 8))} | ${(1.125 * lg).toFixed(2)} | 1.125·log2(1/FP) |`);
console.log(`| information-theoretic minimum | ≈ ${fmtBytes(Math.ceil((N * lg) / 8))} | ${lg.toFixed(2)} | log2(1/FP) |`);
console.log(`\nLoad at a gate start (SHA-256 check against the bundle's pin + open), chosen set: ${loadMs.toFixed(1)} ms (median of 5).`);
console.log(`Extend by one id (setPrefixes → buildRevocationSetFromPrefixes): ${(extendMs / 1000).toFixed(2)} s.`);
console.log(`revocationHash (crypto.subtle SHA-256, sequential awaits): ${hashMicros.toFixed(2)} µs per call.`);
console.log(`Peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB.`);
