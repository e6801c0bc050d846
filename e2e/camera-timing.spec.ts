/**
 * Section 4 of `npm run bench`, at each CPU slow-down of CPU_RATES (1×, 4×, 6×), phone-sized page,
 * Chromium's fake camera showing codes that come and go (e2e/timing.ts), each showing another
 * person's (HOLDERS: as at a gate, every result brings a name the page has not laid out yet). Per
 * fresh visit (new context: empty cache and storage): navigation -> camera playing
 * ('gatecheck:camera-ready'); the first showing after that start -> verdict; every later showing
 * -> verdict (warm).
 * Showings are timed from the video frame that first held the code (requestVideoFrameCallback's
 * presentationTime) to the result element being attached.
 * A measurement, not a test of speed: values go to test-results/camera-timing.json and the log.
 * It asserts only that each showing got a PASS verdict, read by the decoder the app ships for this
 * browser, and that nothing left our origin. A second test checks the fallback decoder.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { demoCode, launchWithCamera, qrVideo } from './support.ts';
import { appearanceToVerdict, appearingQrVideo, calibrate, CPU_RATES, holderCodes, HOLDERS, installProbe, median, pageEvents, PHONE, round1, throttle, VIDEO, type Probe } from './timing.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
/** Fresh visits per rate, and showings per visit (the first cold, the rest warm), each a different holder's code. */
const VISITS = Number(process.env.E2E_TIMING_VISITS ?? 5);
const SHOWINGS = 3;
const PEOPLE = HOLDERS.slice(0, SHOWINGS);

type RateResult = {
  rate: number;
  /** ms of a fixed loop in the page: ≈ rate × the 1× figure when the throttling took. */
  calibrationMs: number;
  navToCameraPlaying: number[];
  firstScan: number[];
  warmScan: number[];
  outcomes: string[];
  /** Where the start went: ms from navigation to camera asked for, camera playing, warm-up done (warm-up.ts). */
  marks: string[];
  medians: { navToCameraPlaying: number; firstScan: number; warmScan: number };
};

test('navigation -> camera, code shown -> verdict (cold and warm), at each CPU rate', async () => {
  test.setTimeout(CPU_RATES.length * VISITS * 60_000);
  // Guangdong green codes like the demo's pass-guangdong-green, one per person, shown in turn.
  const browser = await launchWithCamera(appearingQrVideo('holders', await holderCodes(PEOPLE)));
  const requested = new Set<string>();
  const results: RateResult[] = [];
  try {
    for (const rate of CPU_RATES) {
      const r: RateResult = { rate, calibrationMs: NaN, navToCameraPlaying: [], firstScan: [], warmScan: [], outcomes: [], marks: [], medians: {} as RateResult['medians'] };
      for (let visit = 0; visit < VISITS; visit++) {
        const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', permissions: ['camera'] });
        await context.addInitScript(installProbe, 300);
        const events = await pageEvents(context);
        context.on('request', (q) => requested.add(new URL(q.url()).origin));
        const page = await context.newPage();
        await throttle(page, rate);
        const cameraReady = events.next('camera-ready');
        // One showing lasts VIDEO.codeS of every blankS + codeS; allow a slow start on top.
        const showings = events.next('verdict', (n) => n >= SHOWINGS, 30_000 + (SHOWINGS + 1) * (VIDEO.blankS + VIDEO.codeS) * 1000 + 15_000);
        // Should the camera never start, the showings' own failure is not left unhandled.
        showings.catch(() => undefined);
        await page.goto(BASE + '/');
        await cameraReady;
        await showings;
        const seen = await page.evaluate(() => ({
          probe: (window as unknown as { __gcProbe: Probe }).__gcProbe,
          ready: performance.getEntriesByName('gatecheck:camera-ready')[0]!.startTime,
          start: performance.getEntriesByName('gatecheck:camera-start')[0]?.startTime ?? NaN,
          warm: performance.getEntriesByName('gatecheck:warm')[0]?.startTime ?? NaN,
          reader: ((performance.getEntriesByName('gatecheck:code-read')[0] as PerformanceMark | undefined)?.detail as { reader?: string } | null)?.reader,
        }));
        if (visit === 0) r.calibrationMs = round1(await calibrate(page));
        await context.close();
        // Linux Chromium has no BarcodeDetector: the frames must have been read by the shipped wasm.
        expect(seen.reader).toBe('zxing-wasm');
        const times = appearanceToVerdict(seen.probe).slice(0, SHOWINGS);
        expect(times.length, 'showings of the code seen by the probe').toBe(SHOWINGS);
        expect(times.every((t) => t !== null), 'every showing got a verdict').toBe(true);
        // Timed are PASS results, each laid out for its own holder: a code refused would time another screen.
        expect(seen.probe.verdicts.slice(0, SHOWINGS).map((v) => v.outcome)).toEqual(PEOPLE.map(() => 'PASS'));
        r.navToCameraPlaying.push(round1(seen.ready));
        r.marks.push(`start ${round1(seen.start)} ready ${round1(seen.ready)} warm ${round1(seen.warm)}`);
        r.firstScan.push(round1(times[0]!));
        r.warmScan.push(...times.slice(1).map((t) => round1(t!)));
        r.outcomes.push(...seen.probe.verdicts.map((v) => `${v.outcome}${v.reason ? ` ${v.reason}` : ''}`));
      }
      r.medians = { navToCameraPlaying: round1(median(r.navToCameraPlaying)), firstScan: round1(median(r.firstScan)), warmScan: round1(median(r.warmScan)) };
      console.log(
        `${rate}× CPU (loop ${r.calibrationMs} ms): navigation -> camera playing ${r.medians.navToCameraPlaying} ms (${r.navToCameraPlaying.join(', ')}); ` +
          `first scan ${r.medians.firstScan} ms (${r.firstScan.join(', ')}); warm ${r.medians.warmScan} ms (${r.warmScan.join(', ')}); outcomes ${[...new Set(r.outcomes)].join(', ')}; ${r.marks.join(' | ')}`,
      );
      results.push(r);
    }
  } finally {
    await browser.close();
  }
  // zxing-wasm fetches its .wasm from a CDN unless told otherwise: every request must stay on our origin.
  expect([...requested]).toEqual([BASE]);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/camera-timing.json', JSON.stringify({ holders: PEOPLE, video: VIDEO, visits: VISITS, showings: SHOWINGS, rates: results }, null, 2) + '\n');
});

test('when the wasm cannot be fetched, the worker falls back to @zxing/library and still reads', async () => {
  const browser = await launchWithCamera(qrVideo('pass-guangdong-green', demoCode('pass-guangdong-green')));
  try {
    const context = await browser.newContext({ locale: 'zh-CN', permissions: ['camera'] });
    let blocked = 0;
    await context.route(/\.wasm$/, (route) => (blocked++, route.fulfill({ status: 404, body: 'gone' })));
    const page = await context.newPage();
    await page.goto(BASE + '/');
    await expect(page.getByTestId('result')).toBeAttached({ timeout: 15_000 });
    const reader = await page.evaluate(() => ((performance.getEntriesByName('gatecheck:code-read')[0] as PerformanceMark | undefined)?.detail as { reader?: string } | null)?.reader);
    expect(blocked).toBeGreaterThan(0);
    expect(reader).toBe('zxing-js');
  } finally {
    await browser.close();
  }
});
