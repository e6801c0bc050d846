/**
 * Issue 18, item 9: one hand, gloves. Every control a person can touch — button, link, input,
 * select, text area — is at least 44×44 CSS px on the scan, settings and stats screens (and the
 * kiosk's scan screen and PIN prompt), on a phone (390×844) and a tablet (1280×800), in both
 * languages.
 */
import { chromium, expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
const MIN = 44;
const SHOTS = 'e2e/screenshots';
mkdirSync(SHOTS, { recursive: true });

const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'tablet', viewport: { width: 1280, height: 800 } },
] as const;

/** Visible controls smaller than MIN in either direction, with what they are. */
async function smallControls(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role=button], summary')) {
      if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || el.closest('[hidden], [inert]')) continue;
      if (r.width < min - 0.01 || r.height < min - 0.01) {
        const name = el.dataset.testid ?? el.id ?? '';
        out.push(`${el.tagName.toLowerCase()}${name ? `[${name}]` : ''} "${(el.textContent ?? '').trim().slice(0, 20)}" ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
      }
    }
    return out;
  }, MIN);
}

for (const size of SIZES)
  for (const locale of ['zh-CN', 'en-US'] as const)
    test(`every control is at least 44×44 px (${size.name}, ${locale})`, async () => {
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
      });
      try {
        const context = await browser.newContext({ locale, viewport: size.viewport, permissions: ['camera'] });
        const page = await context.newPage();
        const check = async (what: string) => expect(await smallControls(page), `${what} (${size.name}, ${locale})`).toEqual([]);
        const shot = (what: string) => page.screenshot({ path: `${SHOTS}/${size.name}-${locale}-${what}.png`, fullPage: true });

        await page.goto(BASE + '/');
        await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
        await expect(page.locator('.viewfinder')).toHaveAttribute('data-camera', 'on');
        await check('scan');

        await page.getByTestId('nav-stats').click();
        await expect(page.getByTestId('stats-chart')).toBeVisible();
        await check('stats');
        await page.getByTestId('stats-clear').click();
        await expect(page.getByTestId('stats-clear-confirm')).toBeVisible();
        await check('stats, clear confirmation');
        await page.getByTestId('stats-clear-cancel').click();

        await page.getByTestId('nav-settings').click();
        await expect(page.getByTestId('settings')).toBeVisible();
        await page.getByTestId('settings-kiosk-enabled').check();
        await expect(page.getByTestId('settings-kiosk-nopin')).toBeVisible();
        await check('settings');
        await page.getByTestId('settings-save').click();
        await expect(page.locator('#settings-kiosk-nopin-error')).toBeVisible();
        await page.getByTestId('settings-kiosk-nopin').scrollIntoViewIfNeeded();
        await shot('settings-kiosk-needs-pin');

        // Kiosk mode with a PIN: its scan screen and the PIN prompt.
        await page.getByTestId('settings-kiosk-pin').fill('2468');
        await page.getByTestId('settings-kiosk-pin-confirm').fill('2468');
        await page.getByTestId('settings-save').click();
        await expect(page.getByTestId('settings-status')).toHaveClass(/settings-status-saved/);
        await check('settings, PIN set');
        await page.getByTestId('settings-close').click();
        await expect(page.getByTestId('scan-shell')).toHaveAttribute('data-kiosk', 'on');
        await check('kiosk scan');
        await page.getByTestId('nav-settings').click();
        await expect(page.getByTestId('pin-gate')).toBeVisible();
        await check('PIN prompt');
        await shot('kiosk-pin-prompt');
        await context.close();
      } finally {
        await browser.close();
      }
    });
