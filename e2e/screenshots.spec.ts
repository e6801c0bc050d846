/**
 * Screenshots of every screen on a phone (360×640) and a tablet (1280×800), saved under
 * e2e/screenshots/ on each run (the README shows two). Chromium's built-in fake camera supplies
 * a moving test pattern, so the scan screen shows a live camera.
 */
import { chromium, expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { scannerTypes } from './keys.ts';
import { demoCode, pasteDemoCode } from './support.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
// A look at other sizes and languages without editing this file: E2E_SHOT_PHONE=390x844,
// E2E_SHOT_LOCALE=en-US (both devices), E2E_SHOT_DIR=/tmp/shots.
const OUT = process.env.E2E_SHOT_DIR ?? 'e2e/screenshots';
mkdirSync(OUT, { recursive: true });
const [phoneW, phoneH] = (process.env.E2E_SHOT_PHONE ?? '360x640').split('x').map(Number) as [number, number];
const locale = process.env.E2E_SHOT_LOCALE;

const DEVICES = [
  { name: 'phone', viewport: { width: phoneW, height: phoneH }, locale: locale ?? 'zh-CN', isMobile: true, deviceScaleFactor: 2 },
  { name: 'tablet', viewport: { width: 1280, height: 800 }, locale: locale ?? 'en-US', isMobile: false, deviceScaleFactor: 1 },
] as const;

async function verdictOf(page: Page, name: string) {
  await pasteDemoCode(page, name);
  await expect(page.getByTestId('result')).toBeVisible();
}

for (const d of DEVICES) {
  test(`screenshots: ${d.name}`, async () => {
    test.setTimeout(90_000);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
    try {
      const context = await browser.newContext({ viewport: d.viewport, locale: d.locale, isMobile: d.isMobile, deviceScaleFactor: d.deviceScaleFactor, permissions: ['camera'] });
      const page = await context.newPage();
      await page.goto(BASE + '/');
      await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
      await expect(page.getByTestId('camera-state')).not.toHaveText(/…|\.\.\./);
      const shot = (what: string) => page.screenshot({ path: `${OUT}/${d.name}-${what}.png`, animations: 'disabled' });
      await shot('scan');

      // Long results stay put for the picture.
      await verdictOf(page, 'pass-guangdong-green');
      await shot('pass');
      await page.getByTestId('result').click();
      await verdictOf(page, 'fail-shanghai-red-sm2');
      await shot('fail');
      await page.getByTestId('result').click();

      for (const [name, n] of [['pass-shanghai-green-sm2', 2], ['fail-expired', 1], ['fail-revoked', 1]] as const)
        for (let i = 0; i < n; i++) {
          await verdictOf(page, name);
          await page.getByTestId('result').click();
        }
      await page.getByTestId('nav-stats').click();
      await expect(page.getByTestId('stats-chart')).toBeVisible();
      await shot('stats');

      await page.getByTestId('nav-settings').click();
      await expect(page.getByTestId('settings')).toBeVisible();
      await shot('settings');
      await page.getByTestId('settings-kiosk-enabled').check();
      await page.getByTestId('settings-kiosk-largetype').check();
      await page.getByTestId('settings-kiosk-nopin').check(); // kiosk mode needs a PIN or this explicit choice
      await page.getByTestId('settings-save').click();
      await expect(page.getByTestId('settings-status')).toHaveClass(/settings-status-saved/);
      await page.getByTestId('nav-scan').click();
      await expect(page.getByTestId('scan-shell')).toHaveAttribute('data-kiosk', 'on');
      await shot('kiosk');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await scannerTypes(page, demoCode('pass-beijing-green'));
      await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'PASS');
      await shot('kiosk-pass');
    } finally {
      await browser.close();
    }
  });
}
