/**
 * `npm run bench [-- --quick] [--no-browser] [--only verify,chromium,bundle,qr,revocation,browser]`: measured
 * speed against the limit and the peers.
 * Prints one markdown table (each line ends with its ratio, measured side by side in interleaved
 * rounds of the same run) and writes it, with the machine and the command, to docs/benchmarks.md
 * between the BENCH markers (the rest of that file is prose kept by hand).
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { loadEuVectors } from '../test/fuzz/formats/eu-dcc/vectors.ts';
import { benchBundle } from './bench/bundle.ts';
import { benchBrowserPipeline } from './bench/browser-pipeline.ts';
import { benchBrowser, benchQr, benchRevocation } from './bench/children.ts';
import { benchVerify, type Row } from './bench/verify.ts';

const QUICK = process.argv.includes('--quick');
const NO_BROWSER = process.argv.includes('--no-browser');
// --only SECTION[,SECTION]: run those alone (e.g. `--only browser` for section 4).
const onlyAt = process.argv.indexOf('--only');
const ONLY = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',') : null;
const flags = [QUICK && '--quick', NO_BROWSER && '--no-browser', ONLY && `--only ${ONLY.join(',')}`].filter(Boolean);
const command = `npm run bench${flags.length ? ` -- ${flags.join(' ')}` : ''}`;
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
  if (ONLY && !ONLY.some((o) => name.toLowerCase().endsWith(` ${o.toLowerCase()}`))) return;
  process.stderr.write(`bench: ${name}…\n`);
  try {
    rows.push(...(await f()));
  } catch (e) {
    rows.push({ section: name, what: 'failed', value: e instanceof Error ? e.message.slice(0, 200) : String(e), ratio: '—' });
  }
};
// The JS-heavy sections first, while the machine is quiet; the child processes after.
const native = { log: console.log, warn: console.warn, fetch: globalThis.fetch };
const vectors = await loadEuVectors();
await step('1–2 verify', async () => benchVerify(vectors, QUICK));
Object.assign(console, { log: native.log, warn: native.warn });
globalThis.fetch = native.fetch;
// Section 1 again in the gate's own runtime (a blank Chromium page; no camera, no app).
await step('1 chromium', () => (NO_BROWSER ? [] : benchBrowserPipeline(vectors, QUICK)));
await step('6 bundle', () => benchBundle(QUICK));
await step('3 QR', () => benchQr(QUICK));
await step('5 revocation', () => benchRevocation(QUICK));
await step('4 browser', () => benchBrowser(NO_BROWSER, QUICK));

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, Chromium: ${chromium}, load average at the end ${loadavg()[0]!.toFixed(1)}, ${new Date().toISOString().slice(0, 16)}Z`;
const line = (r: Row) => `| ${r.section} | ${r.what} | ${r.value} | ${r.ratio} |`;
const said = `\`${command}\` — ${machine}; took ${((performance.now() - t0) / 1000).toFixed(0)} s.`;
console.log([said, '', '| # | measured | value | ratio |', '|---|---|---|---|', ...rows.map(line)].join('\n'));

const DOC = 'docs/benchmarks.md';
const START = '<!-- BENCH:START -->';
const END = '<!-- BENCH:END -->';
const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
const i = doc.indexOf(START);
const j = doc.indexOf(END);
const old = i >= 0 && j > i ? doc.slice(i + START.length, j).trim().split('\n') : [];
// A partial run (--only) replaces its sections' rows in the last table and says so above it;
// a full run replaces the table.
const ran = new Set(rows.map((r) => r.section));
const table = ONLY && old.length
  ? [...old.filter((l) => !l.startsWith('| ') || !ran.has(l.split('|')[1]!.trim()) || l.startsWith('| # ')), ...rows.map(line)]
      .map((l, k) => (k === 0 ? `${l}\nRows of ${[...ran].join(', ')} since: ${said}` : l))
      .join('\n')
  : [said, '', '| # | measured | value | ratio |', '|---|---|---|---|', ...rows.map(line)].join('\n');
writeFileSync(DOC, i >= 0 && j > i ? doc.slice(0, i + START.length) + '\n' + table + '\n' + doc.slice(j) : `${doc}\n${START}\n${table}\n${END}\n`);
