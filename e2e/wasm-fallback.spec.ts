/**
 * When the zxing-wasm decoder cannot start, the decode worker must still read codes
 * (docs/qr-reading.md). Two real ways an engine takes it away, each checked with the fake camera and
 * with an image file, valid and invalid demo codes:
 *  - a CSP without 'wasm-unsafe-eval': compiling the wasm is refused and the worker falls back to
 *    @zxing/library. The worker's policy is its own script's response header (the page's <meta> does
 *    not reach a worker), so every response is served as a server with that policy would send it.
 *  - no OffscreenCanvas (Firefox before 105, Safari before 16.4): removed from the page by an init
 *    script and from the worker by prepending a delete to its script. The wasm still loads there.
 * Service workers are blocked: one would answer from its precache, past these routes.
 */
import { expect, test, type Browser, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { join } from 'node:path';
import { DEMO_DIR, demoCode, launchWithCamera, qrVideo } from './support.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
const WORKER_SCRIPT = /\/assets\/qr\.worker-[^/]*\.js$/;
const FALLBACK_WARNING = 'zxing-wasm unavailable, falling back to @zxing/library';

const CASES = [
  { name: 'pass-guangdong-green', outcome: 'PASS', reason: '' },
  { name: 'fail-tampered-signature', outcome: 'FAIL', reason: 'SIGNATURE_INVALID' },
] as const;

/** Serves every response, and the page's <meta>, with the app's CSP minus 'wasm-unsafe-eval'; returns the policies sent. */
async function serveWithoutWasmEval(context: BrowserContext): Promise<Map<string, string>> {
  const sent = new Map<string, string>();
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    const path = new URL(route.request().url()).pathname;
    const html = (headers['content-type'] ?? '').startsWith('text/html');
    let body: string | undefined;
    if (headers['content-security-policy']) headers['content-security-policy'] = headers['content-security-policy'].replace(" 'wasm-unsafe-eval'", '');
    if (html) {
      // The built page writes the meta policy's quotes as &#39;.
      body = (await response.text()).replace(/ (?:'|&#39;)wasm-unsafe-eval(?:'|&#39;)/g, '');
      sent.set(`${path} <meta>`, (/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(body)?.[1] ?? '').replaceAll('&#39;', "'"));
    }
    sent.set(path, headers['content-security-policy'] ?? '');
    await route.fulfill({ response, headers, ...(body === undefined ? {} : { body }) });
  });
  return sent;
}

/** The page and the decode worker's script run without OffscreenCanvas. */
async function withoutOffscreenCanvas(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => delete (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas);
  await context.route(WORKER_SCRIPT, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `delete self.OffscreenCanvas;\n${await response.text()}` });
  });
}

/** The worker's own policy and the page's say nothing of 'wasm-unsafe-eval' (else nothing was disabled). */
function expectNoWasmEval(sent: Map<string, string>): void {
  const workerPolicy = [...sent].find(([path]) => WORKER_SCRIPT.test(path))?.[1];
  for (const policy of [sent.get('/'), sent.get('/ <meta>'), workerPolicy]) {
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('wasm-unsafe-eval');
  }
}

/** Every worker the page starts, in order, and each one's fallback warnings. */
function watchWorkers(page: Page): { workers: Worker[]; fellBack: Set<Worker>; reasons: string[] } {
  const seen = { workers: [] as Worker[], fellBack: new Set<Worker>(), reasons: [] as string[] };
  page.on('worker', (w) => seen.workers.push(w));
  page.on('console', (m) => {
    const w = m.worker();
    if (w && m.type() === 'warning' && m.text().includes(FALLBACK_WARNING)) {
      seen.fellBack.add(w);
      seen.reasons.push(m.text());
    }
  });
  return seen;
}

const readerOfCameraRead = (page: Page) =>
  page.evaluate(() => ((performance.getEntriesByName('gatecheck:code-read')[0] as PerformanceMark | undefined)?.detail as { reader?: string } | null)?.reader ?? null);

async function expectVerdict(page: Page, c: (typeof CASES)[number]): Promise<void> {
  const result = page.getByTestId('result');
  await expect(result, c.name).toHaveAttribute('data-outcome', c.outcome);
  await expect(result, c.name).toHaveAttribute('data-reason', c.reason);
}

/** A fresh browser whose fake camera shows the demo code; `disable` takes the wasm decoder's ground away. */
async function withCamera<T>(code: string, disable: (c: BrowserContext) => Promise<T>, body: (page: Page, disabled: T) => Promise<void>) {
  const browser: Browser = await launchWithCamera(qrVideo(`wasm-fallback-${code}`, demoCode(code)));
  try {
    const context = await browser.newContext({ locale: 'en-US', permissions: ['camera'], serviceWorkers: 'block' });
    const disabled = await disable(context);
    await body(await context.newPage(), disabled);
  } finally {
    await browser.close();
  }
}

/** Reads each demo code's PNG through the image input; returns the worker started for each file. */
async function readImages(page: Page, seen: ReturnType<typeof watchWorkers>): Promise<Worker[]> {
  const fileWorkers: Worker[] = [];
  for (const c of CASES) {
    const before = seen.workers.length;
    await page.getByTestId('image-input').setInputFiles(join(DEMO_DIR, 'codes', `${c.name}.png`));
    await expectVerdict(page, c);
    // One worker per file (src/app/input/image-file.ts), started after the file was chosen.
    expect(seen.workers.length, c.name).toBeGreaterThan(before);
    fileWorkers.push(seen.workers[seen.workers.length - 1]!);
    await page.getByTestId('result').click();
    await expect(page.getByTestId('result')).toHaveCount(0);
  }
  return fileWorkers;
}

test.describe("a CSP without 'wasm-unsafe-eval': @zxing/library reads", () => {
  for (const c of CASES) {
    test(`the camera reads ${c.name} through the fallback: ${c.outcome}`, async () => {
      await withCamera(c.name, serveWithoutWasmEval, async (page, sent) => {
        const seen = watchWorkers(page);
        await page.goto(BASE + '/');
        await expectVerdict(page, c);
        expectNoWasmEval(sent);
        // The scanner's own record of who read the code, and the worker's word on why.
        expect(await readerOfCameraRead(page)).toBe('zxing-js');
        expect(seen.fellBack.has(seen.workers[0]!)).toBe(true);
        expect(seen.reasons[0]).toContain('WASM_INVALID');
      });
    });
  }

  test('an image file is read through the fallback: PASS and FAIL', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
    const sent = await serveWithoutWasmEval(context);
    const page = await context.newPage();
    const seen = watchWorkers(page);
    await page.goto(BASE + '/');
    await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
    const fileWorkers = await readImages(page, seen);
    expectNoWasmEval(sent);
    // No reader name reaches the page for files: the file's own worker said it fell back.
    for (const w of fileWorkers) await expect.poll(() => seen.fellBack.has(w)).toBe(true);
    for (const r of seen.reasons) expect(r).toContain('WASM_INVALID');
    await context.close();
  });
});

test.describe('no OffscreenCanvas in the page or the worker', () => {
  test('an image file is read (by zxing-wasm, which needs no canvas in the worker): PASS and FAIL', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
    await withoutOffscreenCanvas(context);
    const page = await context.newPage();
    const seen = watchWorkers(page);
    await page.goto(BASE + '/');
    await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
    expect(await page.evaluate(() => typeof OffscreenCanvas)).toBe('undefined');
    // The page's decode worker runs the same routed script as the file workers.
    await expect.poll(() => seen.workers.length).toBeGreaterThan(0);
    await expect.poll(() => seen.workers[0]!.evaluate(() => typeof (self as { OffscreenCanvas?: unknown }).OffscreenCanvas)).toBe('undefined');
    const fileWorkers = await readImages(page, seen);
    // Each file worker answered with its verdict's text without falling back: the wasm loaded.
    for (const w of fileWorkers) expect(seen.fellBack.has(w)).toBe(false);
    await context.close();
  });

  // The worker cannot draw camera frames without an OffscreenCanvas: it answers them with no reader,
  // and the scanner sends the page's own canvas pixels instead (src/app/scan/frame-grab.ts).
  for (const c of CASES) {
    test(`the camera reads ${c.name}: ${c.outcome}`, async () => {
      await withCamera(c.name, withoutOffscreenCanvas, async (page) => {
        await page.goto(BASE + '/');
        await expectVerdict(page, c);
      });
    });
  }
});
