/**
 * Installable and offline: after one online visit the app starts, scans and judges with no
 * network — across reloads and a browser restart — and a newly deployed version waits for the
 * operator. Real service worker, real IndexedDB, Debian Chromium.
 */
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectDemoVerdict, serviceWorkerControls } from './support.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function launchProfile(dir: string) {
  return chromium.launchPersistentContext(dir, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS, locale: 'zh-CN' });
}

/** Every request the context makes, to check that none leaves our origin. */
function recordRequests(ctx: BrowserContext): string[] {
  const urls: string[] = [];
  ctx.on('request', (r) => urls.push(r.url()));
  return urls;
}

async function onlineVisit(page: Page) {
  await page.goto(BASE + '/');
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
  await serviceWorkerControls(page);
}


test('offline: reload, then a browser restart, still start, scan and judge; no request leaves localhost', async () => {
  test.setTimeout(90_000);
  const profile = mkdtempSync(join(tmpdir(), 'gatecheck-offline-'));
  try {
    let ctx = await launchProfile(profile);
    const urls = recordRequests(ctx);
    let page = ctx.pages()[0] ?? (await ctx.newPage());
    await onlineVisit(page);

    await ctx.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('trust-status')).toHaveAttribute('data-via', 'storage');
    await expectDemoVerdict(page, 'pass-guangdong-green', 'PASS');
    await expectDemoVerdict(page, 'pass-shanghai-green-sm2', 'PASS'); // SM2 code path offline too
    await ctx.close();

    // A new browser on the same profile, offline from the first request.
    ctx = await launchProfile(profile);
    const urls2 = recordRequests(ctx);
    await ctx.setOffline(true);
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(BASE + '/');
    await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
    await expectDemoVerdict(page, 'pass-beijing-green', 'PASS');
    await page.goto(BASE + '/settings');
    await expect(page.getByTestId('settings')).toBeVisible();
    await ctx.close();

    const all = [...urls, ...urls2];
    expect(all.length).toBeGreaterThan(5);
    const foreign = all.filter((u) => !/^(http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:)/.test(u));
    expect(foreign, 'requests that left localhost').toEqual([]);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a newly deployed version shows the update banner and applies only when the operator chooses', async ({ page }) => {
  await onlineVisit(page);
  const swFile = join(process.env.E2E_DIST_DIR ?? 'dist', 'sw.js'); // the build this run serves (E2E_DIST_DIR)
  const original = readFileSync(swFile, 'utf8');
  try {
    // A deployment: the service worker script changes.
    writeFileSync(swFile, `${original}\n// deployed ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.getByTestId('update-banner')).toBeVisible({ timeout: 20_000 });
    // Nothing happens by itself: a scan still works under the old version.
    await expectDemoVerdict(page, 'pass-guangdong-green', 'PASS');
    await expect(page.getByTestId('update-banner')).toBeVisible();
    const reloaded = page.waitForEvent('load');
    await page.getByTestId('update-apply').click();
    await reloaded;
    await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
    await expectDemoVerdict(page, 'pass-sichuan-green-sm2', 'PASS');
  } finally {
    writeFileSync(swFile, original);
  }
});

test('the web app manifest and icons are served and describe an installable app', async ({ page }) => {
  await page.goto(BASE + '/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await page.request.get(BASE + href)).json();
  expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', scope: '/', theme_color: '#0b3d2e' });
  expect(manifest.name).toContain('通行核验');
  expect(manifest.name).toContain('gatecheck');
  const sizes = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of manifest.icons) {
    const res = await page.request.get(BASE + icon.src);
    expect(res.headers()['content-type']).toBe('image/png');
    const png = await res.body();
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(`${w}x${h}`).toBe(icon.sizes);
  }
});

test('an install button appears when the browser offers installation, and shows its prompt', async ({ page }) => {
  await page.goto(BASE + '/');
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('install')).toHaveCount(0);
  // Headless Chromium does not offer installation by itself: the event it would fire is sent here.
  await page.evaluate(() => {
    const e = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: async () => void ((window as unknown as { prompted: number }).prompted = 1),
      userChoice: Promise.resolve({ outcome: 'accepted' }),
    });
    dispatchEvent(e);
  });
  await page.getByTestId('install').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { prompted?: number }).prompted)).toBe(1);
  await expect(page.getByTestId('install')).toHaveCount(0);
});
