/**
 * Sections run as their own scripts (QR reading, revocation) or by Playwright (browser): started
 * from here, their output parsed into table rows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Row } from './verify.ts';

function run(cmd: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr?.slice(-400)}`);
  return r.stdout;
}

/** Section 3: scripts/bench-qr.ts prints "| set | decoder … |" rows of "ok/n · ms" cells. */
export function benchQr(quick: boolean): Row[] {
  const out = run('npx', ['tsx', 'scripts/bench-qr.ts', ...(quick ? ['--quick'] : [])]);
  const lines = out.split('\n').filter((l) => l.startsWith('|'));
  const header = lines[0]!.split('|').slice(2, -1).map((s) => s.trim());
  const rows: Row[] = [];
  for (const l of lines.slice(2)) {
    const cells = l.split('|').slice(1, -1).map((s) => s.trim());
    const set = cells[0]!;
    // What ships for the set (bench-qr.ts's column names): camera frames get one zxing-wasm pass,
    // pictures (the suite's PNGs, screenshots) every still-image pass, in the app and the CLI alike.
    const shipped = set.startsWith('synthetic') ? 'zxing-wasm 1 pass (camera frame as luminance, the app)' : 'zxing-wasm still passes (image file, CLI)';
    if (set.startsWith('synthetic: ') && set !== 'synthetic: all') continue;
    const parsed = cells.slice(1).map((c, i) => {
      const m = /^(\d+)\/(\d+).*· ([\d.]+) ms/.exec(c);
      return { name: header[i]!, ok: m ? Number(m[1]) : NaN, n: m ? Number(m[2]) : NaN, ms: m ? Number(m[3]) : NaN };
    });
    const best = parsed.reduce((a, b) => (b.ok > a.ok || (b.ok === a.ok && b.ms < a.ms) ? b : a));
    const ours = parsed.find((p) => p.name === shipped) ?? best;
    rows.push({
      section: '3 QR',
      what: `${set}: ${parsed.map((p) => `${p.name} ${p.ok}/${p.n} · ${p.ms} ms`).join('; ')}`,
      value: `shipped (${shipped}) ${ours.ok}/${ours.n}, ${ours.ms} ms; best ${best.name}`,
      ratio: `${(ours.ok / best.ok || 0).toFixed(2)}× rate, ${(best.ms / ours.ms).toFixed(2)}× speed`,
    });
  }
  return rows;
}

/** CPU slow-downs of section 4: a fast VM, and phones 4× and 6× slower (--quick: 1× and 6×). */
export const browserRates = (quick: boolean): number[] => (quick ? [1, 6] : [1, 4, 6]);

type RateTiming = { rate: number; calibrationMs: number; navToCameraPlaying: number[]; firstScan: number[]; warmScan: number[]; medians: Record<'navToCameraPlaying' | 'firstScan' | 'warmScan', number> };

/**
 * Section 4: the Playwright timing specs (unless --no-browser), then their JSON: per CPU rate,
 * navigation -> camera playing, a code shown -> verdict (warm, and the first after a cold start)
 * and offline reload -> camera ready; then the first-paint JS.
 */
export function benchBrowser(noBrowser: boolean, quick: boolean): Row[] {
  if (!noBrowser)
    // Playwright's own output (traces, screenshots) away from test-results/, which it would empty
    // first: a test run beside this one keeps its files, and the timing JSON stays where it is read.
    run('npx', ['playwright', 'test', 'e2e/camera-timing.spec.ts', 'e2e/offline-timing.spec.ts', '-g', 'at each CPU rate', '--output', join(tmpdir(), 'gatecheck-bench-output')], {
      E2E_CPU_RATES: browserRates(quick).join(','),
      // Ten fresh visits per rate (twenty warm showings): five gave camera medians that moved by a
      // quarter between runs of the same build. The test suite's single 6× pass keeps five.
      E2E_TIMING_VISITS: quick ? '5' : '10',
    });
  const read = (f: string) => (existsSync(f) ? { j: JSON.parse(readFileSync(f, 'utf8')), at: statSync(f).mtime.toISOString().slice(0, 16) } : undefined);
  const cam = read('test-results/camera-timing.json');
  const off = read('test-results/offline-timing.json');
  const note = (x: { at: string } | undefined) => (noBrowser ? (x ? ` (not re-run: --no-browser; file of ${x.at})` : ' (not run: --no-browser)') : '');
  const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
  const rows: Row[] = [];
  for (const r of (cam?.j.rates ?? []) as RateTiming[]) {
    const offline = (off?.j.rates ?? []).find((o: { rate: number }) => o.rate === r.rate) as { runs: number[]; median: number } | undefined;
    const cpu = `${r.rate}× CPU`;
    rows.push(
      { section: '4 browser', what: `${cpu}: navigation → camera playing, first visit, median of ${r.navToCameraPlaying.length}${note(cam)}`, value: ms(r.medians.navToCameraPlaying), ratio: '—' },
      { section: '4 browser', what: `${cpu}: code appears → verdict, warm (a new holder each showing), median of ${r.warmScan.length}${note(cam)}`, value: ms(r.medians.warmScan), ratio: '—' },
      { section: '4 browser', what: `${cpu}: first scan after a cold start → verdict, median of ${r.firstScan.length} (÷ warm)${note(cam)}`, value: ms(r.medians.firstScan), ratio: `${(r.medians.firstScan / r.medians.warmScan).toFixed(2)}×` },
      { section: '4 browser', what: `${cpu}: offline reload → camera ready, median of ${offline?.runs.length ?? 0}${note(off)}`, value: offline ? ms(offline.median) : 'n/a', ratio: '—' },
    );
  }
  if (!cam) rows.push({ section: '4 browser', what: `camera timing${note(cam)}`, value: 'n/a', ratio: '—' });
  rows.push({ section: '4 browser', what: `JS before first paint${note(off)}`, value: off ? `${off.j.firstPaintJs.gzip.toLocaleString('en-US')} bytes gzip` : 'n/a', ratio: '—' });
  return rows;
}

/** Section 5: scripts/bench-revocation.ts with the chosen configuration only. */
export function benchRevocation(quick: boolean): Row[] {
  const count = quick ? 1_000_000 : 10_000_000;
  const out = run('npx', ['tsx', 'scripts/bench-revocation.ts', '--count', String(count), '--fp-queries', quick ? '200000' : '1000000', '--default-only']);
  const row = out.split('\n').find((l) => /^\| 24 \| 7 /.test(l))?.split('|').map((s) => s.trim());
  const load = /Load at a gate start.*?: ([\d.]+) ms/.exec(out)?.[1];
  const plain = count * 8;
  const bytes = Number(row?.[4]?.split(' ')[0]?.replace(/,/g, ''));
  return [
    {
      section: '5 revocation',
      what: `${count.toLocaleString('en-US')} ids (FP ${row?.[11] ?? '?'})`,
      value: `${row?.[4] ?? '?'} bytes, load ${load ?? '?'} ms, lookup ${row?.[8] ?? '?'} µs (member) / ${row?.[9] ?? '?'} µs (non-member)`,
      ratio: `${(plain / bytes).toFixed(2)}× smaller than sorted 8-byte prefixes`,
    },
  ];
}
