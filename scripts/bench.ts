/**
 * `npm run bench [-- --quick] [--no-browser]`: measured speed against the limit and the peers.
 * Prints one markdown table (each line ends with its ratio, measured side by side in interleaved
 * rounds of the same run) and writes it, with the machine and the command, to docs/benchmarks.md
 * between the BENCH markers (the rest of that file is prose kept by hand).
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { loadEuVectors } from '../test/fuzz/formats/eu-dcc/vectors.ts';
import { benchBundle } from './bench/bundle.ts';
import { benchBrowser, benchQr, benchRevocation } from './bench/children.ts';
import { benchVerify, type Row } from './bench/verify.ts';

const QUICK = process.argv.includes('--quick');
const NO_BROWSER = process.argv.includes('--no-browser');
const command = `npm run bench${QUICK || NO_BROWSER ? ' --' : ''}${QUICK ? ' --quick' : ''}${NO_BROWSER ? ' --no-browser' : ''}`;
const t0 = performance.now();

const chromium = (() => {
  try {
    return execSync('/usr/bin/chromium --version', { encoding: 'utf8' }).trim();
  } catch {
    return 'not installed';
  }
})();

const rows: Row[] = [];
const step = async (name: string, f: () => Promise<Row[]> | Row[]) => {
  process.stderr.write(`bench: ${name}…\n`);
  try {
    rows.push(...(await f()));
  } catch (e) {
    rows.push({ section: name, what: 'failed', value: e instanceof Error ? e.message.slice(0, 200) : String(e), ratio: '—' });
  }
};
// The JS-heavy sections first, while the machine is quiet; the child processes after.
const native = { log: console.log, warn: console.warn, fetch: globalThis.fetch };
await step('1–2 verify', async () => benchVerify(await loadEuVectors(), QUICK));
Object.assign(console, { log: native.log, warn: native.warn });
globalThis.fetch = native.fetch;
await step('6 bundle', () => benchBundle(QUICK));
await step('3 QR', () => benchQr(QUICK));
await step('5 revocation', () => benchRevocation(QUICK));
await step('4 browser', () => benchBrowser(NO_BROWSER));

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, Chromium: ${chromium}, load average at the end ${loadavg()[0]!.toFixed(1)}, ${new Date().toISOString().slice(0, 16)}Z`;
const table = [
  `\`${command}\` — ${machine}; took ${((performance.now() - t0) / 1000).toFixed(0)} s.`,
  '',
  '| # | measured | value | ratio |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.section} | ${r.what} | ${r.value} | ${r.ratio} |`),
].join('\n');
console.log(table);

const DOC = 'docs/benchmarks.md';
const START = '<!-- BENCH:START -->';
const END = '<!-- BENCH:END -->';
const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
const i = doc.indexOf(START);
const j = doc.indexOf(END);
writeFileSync(DOC, i >= 0 && j > i ? doc.slice(0, i + START.length) + '\n' + table + '\n' + doc.slice(j) : `${doc}\n${START}\n${table}\n${END}\n`);
