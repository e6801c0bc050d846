/**
 * Issue 24, items 2–4: phones as they are. Chromium with the user agent of an iPhone in Safari, of
 * WeChat and of Android Chrome: the Home Screen guide shows once and again from Settings, the
 * in-app browser banner shows without stopping online verification and never covers a result,
 * neither shows on Android Chrome, and the settings page tells persistent / not / cannot tell.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { scannerTypes } from './keys.ts';
import { demoCode, pasteDemoCode } from './support.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
const SHOTS = 'e2e/screenshots';
mkdirSync(SHOTS, { recursive: true });

const UA = {
  iPhoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
  weChatAndroid:
    'Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/1110017 MMWEBSDK/20230805 MMWEBID/2589 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
  androidChrome: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
};
const LOCALES = ['zh-CN', 'en-US'] as const;

async function withPhone(userAgent: string, locale: string, run: (page: Page) => Promise<void>, initScript?: () => void): Promise<void> {
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
  try {
    const context = await browser.newContext({ userAgent, locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, permissions: ['camera'] });
    if (initScript) await context.addInitScript(initScript);
    await run(await context.newPage());
  } finally {
    await browser.close();
  }
}

async function expectTouchTarget(page: Page, testId: string): Promise<void> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  expect(box.width, `${testId} width`).toBeGreaterThanOrEqual(44);
  expect(box.height, `${testId} height`).toBeGreaterThanOrEqual(44);
}

/** The topmost element at the centre of `testId` belongs to the result screen. */
async function resultCovers(page: Page, testId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const r = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
    return !!document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.closest('[data-testid="result"]');
  }, testId);
}

/** The stored settings' "guide seen" flag (read from IndexedDB as the app wrote it). */
const guideSeenStored = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('gatecheck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get('current');
          get.onsuccess = () => {
            resolve((get.result as { iosGuideSeen?: unknown } | undefined)?.iosGuideSeen);
            open.result.close();
          };
        };
      }),
  );

/** Where the viewfinder is, to the whole pixel (three lines of mixed fonts may differ by a twentieth of one). */
const viewfinderBox = (page: Page) =>
  page.locator('.viewfinder').evaluate((e) => {
    const r = e.getBoundingClientRect();
    return [r.x, r.y, r.width, r.height].map(Math.round).join(',');
  });

for (const locale of LOCALES)
  test(`iPhone Safari: the Home Screen guide shows once, stays dismissed, and opens from Settings (${locale})`, async () => {
    const words = locale === 'zh-CN' ? { share: '分享', add: '添加到主屏幕' } : { share: 'Share', add: 'Add to Home Screen' };
    await withPhone(UA.iPhoneSafari, locale, async (page) => {
      // The status row keeps its height with the ⚠ in it: hold the bundle to see "loading" first.
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      await page.route('**/trust/bundle.json', (route) => void gate.then(() => route.continue()));
      await page.goto(BASE + '/');
      const status = page.getByTestId('trust-status');
      await expect(status).toHaveAttribute('data-state', 'loading');
      await expect(page.getByTestId('eviction-warning')).toBeVisible();
      const loading = await viewfinderBox(page);
      release();
      await expect(status).toHaveAttribute('data-state', 'ready');
      expect(await viewfinderBox(page), 'viewfinder: loading → ready').toBe(loading);
      await page.unroute('**/trust/bundle.json');

      const guide = page.getByTestId('ios-guide');
      await expect(guide).toBeVisible();
      await expect(guide).toHaveAttribute('data-browser', 'safari');
      await expect(guide).toContainText(words.share);
      await expect(guide).toContainText(words.add);
      // How old the stored trust list is: its issue date, and when it was last confirmed.
      const issued = await page.getByTestId('trust-issued').textContent();
      await expect(page.getByTestId('ios-guide-stored')).toContainText(issued!);
      await expectTouchTarget(page, 'ios-guide-close');
      await expectTouchTarget(page, 'eviction-warning');
      await expect(page.getByTestId('ios-guide-close')).toBeFocused();
      await expect.poll(() => page.locator('.ios-guide').evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
      await page.screenshot({ path: `${SHOTS}/phone-${locale}-ios-guide.png`, animations: 'disabled' });
      // No Chromium install prompt on iOS: the ⚠ in the status line opens the guide instead.
      await expect(page.getByTestId('install')).toHaveCount(0);

      // A code read while the guide is up: the result is on top of it.
      await scannerTypes(page, demoCode('pass-beijing-green'));
      await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'PASS');
      expect(await resultCovers(page, 'ios-guide-close'), 'the result covers the guide').toBe(true);
      await page.getByTestId('result').click();
      await expect(page.getByTestId('result')).toHaveCount(0);

      await page.getByTestId('ios-guide-close').click();
      await expect(guide).toHaveCount(0);
      await expect.poll(() => guideSeenStored(page)).toBe(true);
      await page.reload();
      // Trust starts after the settings are read, so "ready" means the guide had its chance.
      await expect(status).toHaveAttribute('data-state', 'ready');
      await expect(status).toHaveAttribute('data-via', 'storage');
      expect(await viewfinderBox(page), 'viewfinder: first start → from this device').toBe(loading);
      await expect(page.getByTestId('eviction-warning')).toBeVisible();
      await expect(guide).toHaveCount(0);

      await page.getByTestId('eviction-warning').click();
      await expect(guide).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(guide).toHaveCount(0);

      await page.getByTestId('nav-settings').click();
      await expect(page.getByTestId('settings')).toBeVisible();
      await expectTouchTarget(page, 'ios-guide-open');
      await page.screenshot({ path: `${SHOTS}/phone-${locale}-ios-settings.png`, animations: 'disabled' });
      await page.getByTestId('ios-guide-open').click();
      await expect(guide).toBeVisible();
      await page.getByTestId('ios-guide-close').click();
      await expect(guide).toHaveCount(0);
      // Saving the settings form keeps the guide dismissed (the form does not show that setting).
      await page.getByTestId('settings-save').click();
      await expect(page.getByTestId('settings-status')).toHaveClass(/settings-status-saved/);
      await page.reload();
      await expect(status).toHaveAttribute('data-state', 'ready');
      await expect(guide).toHaveCount(0);
    });
  });

for (const locale of LOCALES)
  test(`WeChat: a dismissible banner says how to open the system browser, and a pasted code still verifies online (${locale})`, async () => {
    const menu = locale === 'zh-CN' ? '在浏览器打开' : 'Open in Browser';
    await withPhone(UA.weChatAndroid, locale, async (page) => {
      await page.goto(BASE + '/');
      await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
      const banner = page.getByTestId('inapp-banner');
      await expect(banner).toBeVisible();
      await expect(banner).toHaveAttribute('data-app', 'wechat');
      await expect(banner).toContainText(menu);
      await expect(banner).toContainText(locale === 'zh-CN' ? '微信' : 'WeChat');
      await expectTouchTarget(page, 'inapp-dismiss');
      await expect(page.getByTestId('ios-guide')).toHaveCount(0);
      await expect(page.getByTestId('eviction-warning')).toHaveCount(0);
      await page.screenshot({ path: `${SHOTS}/phone-${locale}-in-app-browser.png`, animations: 'disabled' });

      await pasteDemoCode(page, 'pass-beijing-green');
      await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'PASS');
      expect(await resultCovers(page, 'inapp-banner'), 'the result covers the banner').toBe(true);
      await page.getByTestId('result').click();
      await expect(page.getByTestId('result')).toHaveCount(0);

      await page.getByTestId('inapp-dismiss').click();
      await expect(banner).toHaveCount(0);
      await page.getByTestId('nav-settings').click();
      await expect(page.getByTestId('inapp-note')).toContainText(menu);
      await expect(page.getByTestId('storage-persisted')).toHaveAttribute('data-persisted', /^(true|false)$/);
      await page.screenshot({ path: `${SHOTS}/phone-${locale}-in-app-settings.png`, animations: 'disabled' });
      await expect(page.getByTestId('ios-guide-open')).toHaveCount(0);
    });
  });

test('Android Chrome: no guide, no banner, no eviction warning; the settings page says whether storage is persistent', async () => {
  await withPhone(UA.androidChrome, 'zh-CN', async (page) => {
    await page.goto(BASE + '/');
    await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
    await expect(page.locator('.viewfinder')).toHaveAttribute('data-camera', 'on');
    for (const id of ['ios-guide', 'inapp-banner', 'eviction-warning']) await expect(page.getByTestId(id), id).toHaveCount(0);
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('settings')).toBeVisible();
    await expect(page.getByTestId('storage-persisted')).toHaveAttribute('data-persisted', /^(true|false)$/);
    await expect(page.getByTestId('ios-guide-open')).toHaveCount(0);
  });
});

test('a browser without navigator.storage (WebKitGTK, older Safari): the settings page says it cannot tell', async () => {
  await withPhone(
    UA.androidChrome,
    'en-US',
    async (page) => {
      await page.goto(BASE + '/settings');
      await expect(page.getByTestId('settings')).toBeVisible();
      const state = page.getByTestId('storage-persisted');
      await expect(state).toHaveAttribute('data-persisted', 'unknown');
      await expect(state).toContainText('cannot tell');
    },
    () => Object.defineProperty(Navigator.prototype, 'storage', { get: () => undefined, configurable: true }),
  );
});
