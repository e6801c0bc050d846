/**
 * `npm run fuzz -- --count N [--seed S] [--format id]`: the generators of test/fuzz (the same ones
 * `npm test` runs 10,000 times per format) for longer, counting instead of stopping at the first
 * violation. --format: a code format id (cn-hc, eu-dcc, shc, vds-nc), `bundle`, `policy`, or `all` (default).
 * --count is per target. Prints totals: inputs, PASSes, exceptions / INTERNAL_ERRORs, violations,
 * reasons histogram, max ms per input, peak heap. Exit 1 when anything was violated.
 */
import { cpus } from 'node:os';
import { bundleWorld, driveBundle } from '../test/fuzz/bundle.ts';
import { drive } from '../test/fuzz/drive.ts';
import { FORMAT_FUZZERS } from '../test/fuzz/formats/index.ts';
import { newStats, type Stats } from '../test/fuzz/harness.ts';
import { drivePolicies } from '../test/fuzz/policy.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const COUNT = Number((arg('count') ?? '10000').replace(/_/g, ''));
const SEED = Number(arg('seed') ?? 1);
const ONLY = arg('format') ?? 'all';
/** Runs per fast-check call: progress is printed between chunks, each with its own derived seed. */
const CHUNK = 20_000;

const targets: { id: string; run(n: number, seed: number, stats: Stats): Promise<unknown> }[] = [
  ...FORMAT_FUZZERS.map((f) => {
    let world: Awaited<ReturnType<typeof f.setup>> | undefined;
    return { id: f.id, run: async (n: number, seed: number, stats: Stats) => drive((world ??= await f.setup()), { numRuns: n, seed, stopOnViolation: false, stats }) };
  }),
  (() => {
    let world: Awaited<ReturnType<typeof bundleWorld>> | undefined;
    return { id: 'bundle', run: async (n: number, seed: number, stats: Stats) => driveBundle((world ??= await bundleWorld()), { numRuns: n, seed, stopOnViolation: false, stats }) };
  })(),
  { id: 'policy', run: (n: number, seed: number, stats: Stats) => drivePolicies({ numRuns: n, seed, stopOnViolation: false, stats }) },
];

const chosen = ONLY === 'all' ? targets : targets.filter((t) => t.id === ONLY);
if (!chosen.length) {
  console.error(`unknown --format ${ONLY}; one of: all, ${targets.map((t) => t.id).join(', ')}`);
  process.exit(2);
}

const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
console.log(`# npm run fuzz -- --count ${COUNT} --seed ${SEED} --format ${ONLY}`);
console.log(`${cpus().length} × ${cpus()[0]?.model.trim()}, node ${process.version}, ${new Date().toISOString()}\n`);
const rows: string[] = [];
let bad = 0;
for (const t of chosen) {
  const stats = newStats();
  const t0 = performance.now();
  for (let done = 0, chunk = 0; done < COUNT; chunk++) {
    const n = Math.min(CHUNK, COUNT - done);
    await t.run(n, SEED * 1000 + chunk, stats);
    done += n;
    process.stderr.write(`${t.id}: ${done}/${COUNT}, ${stats.violations} violations, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  const s = ((performance.now() - t0) / 1000).toFixed(0);
  bad += stats.violations + stats.exceptions + stats.internalErrors;
  const top = Object.entries(stats.reasons).sort((a, b) => b[1] - a[1]);
  console.log(`## ${t.id}: ${stats.inputs} inputs in ${s} s`);
  console.log(`PASS/accepted: ${stats.passes} (all of genuinely signed content: ${stats.legitPasses}), exceptions: ${stats.exceptions}, INTERNAL_ERROR: ${stats.internalErrors}, violations: ${stats.violations}`);
  console.log(`max ${stats.maxMs.toFixed(1)} ms per input (${stats.maxMsMutator || 'n/a'}), peak heap ${mib(stats.peakHeap || process.memoryUsage().heapUsed)}, max heap growth around a bomb ${mib(stats.maxHeavyHeapGrowth)}`);
  console.log(`reasons: ${top.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (stats.examples.length) console.log(`violations (first ${stats.examples.length}):\n${stats.examples.map((e) => `- ${e}`).join('\n')}`);
  console.log('');
  rows.push(`| ${t.id} | ${stats.inputs} | ${stats.passes} | ${stats.exceptions} | ${stats.internalErrors} | ${stats.violations} | ${stats.maxMs.toFixed(1)} |`);
}
console.log('| target | inputs | PASS / accepted (all genuine) | exceptions | INTERNAL_ERROR | violations | max ms |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
process.exitCode = bad ? 1 : 0;
