/**
 * Issue 18, items 10 and 11: a trust status a person can read — the bundle's issue date and time
 * in local time instead of a raw version number, large in kiosk mode; /demo offline from what the
 * device has; an EU DCC sample on /demo — and no layout jump when the trust list finishes loading.
 */
import { chromium, expect, test, type Browser, type Page, type Route } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBase64Url, fromUtf8 } from '../src/core/encoding/bytes.ts';
import type { TrustBundle } from '../src/core/trust/bundle.ts';
import { DEMO_DIR, demoCode, demoManifest, serviceWorkerControls } from './support.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
const SHOTS = 'e2e/screenshots';
mkdirSync(SHOTS, { recursive: true });
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CAMERA_ARGS = [...ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'tablet', viewport: { width: 1280, height: 800 } },
] as const;
const LOCALES = ['zh-CN', 'en-US'] as const;

const servedBundle = (): TrustBundle => JSON.parse(fromUtf8(fromBase64Url(JSON.parse(readFileSync(join(DEMO_DIR, 'bundle.json'), 'utf8')).payload)));
/** "2026-12-06 09:30" in the given time zone. */
const localMinute = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

const launch = (camera = true): Promise<Browser> => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: camera ? CAMERA_ARGS : ARGS });

async function enterKiosk(page: Page, largeType = true) {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-kiosk-enabled').check();
  if (largeType) await page.getByTestId('settings-kiosk-largetype').check();
  await page.getByTestId('settings-kiosk-nopin').check();
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveClass(/settings-status-saved/);
  await page.getByTestId('settings-close').click();
  await expect(page.getByTestId('scan-shell')).toHaveAttribute('data-kiosk', 'on');
}

test('the status line shows the trust list’s issue date and time in local time, not its version number', async () => {
  const bundle = servedBundle();
  const browser = await launch();
  try {
    for (const [locale, timezoneId] of [['zh-CN', 'Asia/Shanghai'], ['en-US', 'Europe/Berlin']] as const) {
      const context = await browser.newContext({ locale, timezoneId, viewport: { width: 390, height: 844 }, permissions: ['camera'] });
      const page = await context.newPage();
      await page.goto(BASE + '/');
      const status = page.getByTestId('trust-status');
      await expect(status).toHaveAttribute('data-state', 'ready');
      await expect(status).toHaveAttribute('data-version', String(bundle.version));
      await expect(status).toContainText(localMinute(bundle.issuedAt, timezoneId));
      await expect(status).not.toContainText(String(bundle.version));
      await context.close();
    }
  } finally {
    await browser.close();
  }
});

for (const size of SIZES)
  for (const locale of LOCALES)
    test(`kiosk mode: the trust status is large and fits (${size.name}, ${locale})`, async () => {
      const browser = await launch();
      try {
        const context = await browser.newContext({ locale, viewport: size.viewport, permissions: ['camera'] });
        const page = await context.newPage();
        await page.goto(BASE + '/');
        const status = page.getByTestId('trust-status');
        await expect(status).toHaveAttribute('data-state', 'ready');
        const normal = await status.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
        await enterKiosk(page);
        await expect(page.locator('.viewfinder')).toHaveAttribute('data-camera', 'on');
        const large = await status.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
        expect(large).toBeGreaterThanOrEqual(20);
        expect(large).toBeGreaterThanOrEqual(normal * 1.3);
        // Nothing of it is cut off or pushed off the screen, and the page does not scroll.
        const box = (await status.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(size.viewport.width + 0.5);
        expect(await status.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
        expect(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1)).toBe(true);
        await page.screenshot({ path: `${SHOTS}/${size.name}-${locale}-kiosk-trust-status.png` });
        await context.close();
      } finally {
        await browser.close();
      }
    });

test('an EU DCC sample is on /demo and passes', async ({ page }) => {
  const dcc = demoManifest().filter((c) => demoCode(c.name).startsWith('HC1:'));
  expect(dcc.length).toBeGreaterThan(0);
  await page.goto(BASE + '/demo');
  for (const c of dcc) await expect(page.locator(`[data-testid=demo-code][data-name="${c.name}"]`)).toBeVisible();
  await page.goto(BASE + '/');
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
  for (const c of dcc) {
    await page.getByTestId('paste-input').fill(demoCode(c.name));
    await page.getByTestId('paste-submit').click();
    const result = page.getByTestId('result');
    await expect(result).toHaveAttribute('data-outcome', c.expect);
    await expect(result).toHaveAttribute('data-reason', c.reason ?? '');
    await result.click();
    await expect(result).toHaveCount(0);
  }
});

test('/demo offline shows the demo codes saved on this device, under the stored trust list, never "No trust list"', async () => {
  test.setTimeout(90_000);
  const profile = mkdtempSync(join(tmpdir(), 'gatecheck-demo-offline-'));
  try {
    const ctx = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(BASE + '/');
    await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
    await serviceWorkerControls(page);
    // Offline before /demo was ever opened: it says what is missing, not that trust is.
    await ctx.setOffline(true);
    await page.goto(BASE + '/demo');
    await expect(page.getByTestId('trust-status')).toHaveAttribute('data-via', 'storage');
    await expect(page.getByTestId('demo-unavailable')).toBeVisible();
    await expect(page.locator('main.demo')).not.toContainText('无可信名单');
    // One online visit to /demo keeps its codes on the device.
    await ctx.setOffline(false);
    await page.reload();
    await expect(page.getByTestId('demo-code')).toHaveCount(demoManifest().length);
    await expect(page.getByTestId('demo-saved')).toHaveAttribute('data-saved', 'yes');
    await ctx.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('trust-status')).toHaveAttribute('data-via', 'storage');
    await expect(page.getByTestId('demo-code')).toHaveCount(demoManifest().length);
    await expect(page.getByTestId('demo-unavailable')).toHaveCount(0);
    await expect(page.locator('main.demo')).not.toContainText('无可信名单');
    const widths = await page.locator('[data-testid=demo-code] img').evaluateAll((imgs) =>
      Promise.all((imgs as HTMLImageElement[]).map((i) => i.decode().then(() => i.naturalWidth, () => 0))),
    );
    expect(widths.every((w) => w > 100)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/phone-zh-CN-demo-offline.png` });
    await ctx.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

// ---- item 11: no layout jump ----

const WATCHED = ['.viewfinder', '[data-testid=image-button]', '[data-testid=paste-input]', '[data-testid=paste-submit]', 'main'];
async function positions(page: Page): Promise<Record<string, string>> {
  return page.evaluate((sels) => {
    const out: Record<string, string> = {};
    for (const s of sels) {
      const e = document.querySelector(s);
      if (!e) continue;
      const r = e.getBoundingClientRect();
      out[s] = `${r.x.toFixed(1)},${r.y.toFixed(1)} ${r.width.toFixed(1)}×${r.height.toFixed(1)}`;
    }
    return out;
  }, WATCHED);
}

/** Holds every trust bundle request until release() is called. */
function holdBundle(page: Page) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const held: Promise<void>[] = [];
  void page.route('**/trust/bundle.json', (route: Route) => {
    held.push(gate.then(() => route.continue()));
  });
  return { release: () => release(), held };
}

// 1024 px: a landscape tablet or small laptop, where the ready text once pushed the links to a second row.
for (const size of [...SIZES, { name: 'landscape tablet', viewport: { width: 1024, height: 768 } }])
  for (const locale of LOCALES)
    test(`no layout jump when the trust list finishes loading (${size.name}, ${locale})`, async () => {
      const browser = await launch();
      try {
        const context = await browser.newContext({ locale, viewport: size.viewport, permissions: ['camera'] });
        const page = await context.newPage();
        const status = page.getByTestId('trust-status');

        // First start: nothing stored, the bundle comes from the network (held back for a moment).
        let hold = holdBundle(page);
        await page.goto(BASE + '/');
        await expect(page.locator('.viewfinder')).toHaveAttribute('data-camera', 'on');
        await expect(status).toHaveAttribute('data-state', 'loading');
        const loading = await positions(page);
        await page.screenshot({ path: `${SHOTS}/${size.name}-${locale}-trust-loading.png` });
        hold.release();
        await expect(status).toHaveAttribute('data-state', 'ready');
        await expect(status).toHaveAttribute('data-updating', 'false');
        expect(await positions(page), 'loading → ready').toEqual(loading);
        await page.screenshot({ path: `${SHOTS}/${size.name}-${locale}-trust-ready.png` });
        await page.unroute('**/trust/bundle.json');

        // Later starts: ready from this device at once, then confirmed by the network.
        hold = holdBundle(page);
        await page.reload();
        await expect(page.locator('.viewfinder')).toHaveAttribute('data-camera', 'on');
        await expect(status).toHaveAttribute('data-via', 'storage');
        await expect(status).toHaveAttribute('data-updating', 'true');
        const stored = await positions(page);
        expect(stored, 'stored vs first start').toEqual(loading);
        hold.release();
        await expect(status).toHaveAttribute('data-updating', 'false');
        expect(await positions(page), 'storage → network').toEqual(stored);
        await page.unroute('**/trust/bundle.json');

        // Kiosk mode, large type: the same.
        await enterKiosk(page);
        hold = holdBundle(page);
        await page.reload();
        await expect(page.locator('.viewfinder')).toHaveAttribute('data-camera', 'on');
        await expect(status).toHaveAttribute('data-updating', 'true');
        const kiosk = await positions(page);
        hold.release();
        await expect(status).toHaveAttribute('data-updating', 'false');
        expect(await positions(page), 'kiosk: storage → network').toEqual(kiosk);
        await context.close();
      } finally {
        await browser.close();
      }
    });
