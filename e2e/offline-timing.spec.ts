/**
 * Measurements for the offline start (not a test of speed; nothing here asserts a time):
 * offline reload -> camera ready, 10 reloads at each CPU slow-down of CPU_RATES, phone-sized page,
 * with the service worker serving everything, and the gzip bytes of the JavaScript the first paint
 * needs (index.html's scripts and module preloads). Printed and written to
 * test-results/offline-timing.json.
 */
import { chromium, expect, test, type CDPSession } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serviceWorkerControls } from './support.ts';
import { CPU_RATES, pageEvents, PHONE, throttle } from './timing.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
const RUNS = 10;
const DIST = process.env.E2E_DIST_DIR ?? 'dist';
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The JS a first paint waits for: index.html's module script and its modulepreloads, gzip -9. */
function firstPaintJs(): { files: { file: string; bytes: number; gzip: number }[]; gzip: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => (m[1] ?? m[2])!);
  const files = srcs.map((src) => {
    const body = readFileSync(join(DIST, src));
    return { file: src, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  return { files, gzip: files.reduce((a, f) => a + f.gzip, 0) };
}

test('offline reload -> camera ready (median of 10 at each CPU rate), and first-paint JS bytes', async () => {
  test.setTimeout(60_000 + CPU_RATES.length * 60_000);
  const profile = mkdtempSync(join(tmpdir(), 'gatecheck-offline-timing-'));
  try {
    const ctx = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
      permissions: ['camera'],
      ...PHONE,
    });
    const events = await pageEvents(ctx);
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(BASE + '/');
    await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
    await serviceWorkerControls(page);
    await ctx.setOffline(true);
    const rates: { rate: number; runs: number[]; median: number }[] = [];
    let cdp: CDPSession | undefined;
    for (const rate of CPU_RATES) {
      cdp = await throttle(page, rate, cdp);
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const cameraReady = events.next('camera-ready');
        await page.reload();
        await cameraReady;
        runs.push(await page.evaluate(() => Math.round(performance.getEntriesByName('gatecheck:camera-ready')[0]!.startTime)));
        // Served by the service worker, not the network.
        expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
      }
      rates.push({ rate, runs, median: median(runs) });
    }
    await ctx.close();
    const js = firstPaintJs();
    const result = { rates, firstPaintJs: js };
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/offline-timing.json', JSON.stringify(result, null, 2));
    for (const r of rates) console.log(`${r.rate}× CPU: offline reload -> camera ready: median ${r.median} ms (${r.runs.join(', ')})`);
    console.log(`first-paint JS ${js.gzip} B gzip`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
