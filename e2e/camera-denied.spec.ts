/**
 * Issue 18, item 8: a camera that is denied or missing. The scan screen says how to allow it
 * (Android Chrome and desktop wording), offers Retry, points to the image and paste inputs, and the
 * message never covers the viewfinder.
 *
 * What makes getUserMedia fail in headless Chromium: with the fake device but no permission (no
 * --use-fake-ui-for-media-stream, none granted) it is NotAllowedError; without the fake-device
 * flag there is no camera at all: NotFoundError.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
const SHOTS = 'e2e/screenshots';
mkdirSync(SHOTS, { recursive: true });
const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'tablet', viewport: { width: 1280, height: 800 } },
] as const;
const LOCALES = [
  { locale: 'zh-CN', android: /安卓.*Chrome/, desktop: /电脑/, retry: '重试' },
  { locale: 'en-US', android: /Android.*Chrome/, desktop: /[Dd]esktop/, retry: 'Retry' },
] as const;

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function launch(fakeDevice: boolean): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BASE_ARGS, ...(fakeDevice ? ['--use-fake-device-for-media-stream'] : [])] });
}

/** The problem panel is on screen, inside the viewport, and clear of the viewfinder and the inputs. */
async function expectPanelClear(page: Page) {
  const panel = page.getByTestId('camera-problem');
  await expect(panel).toBeVisible();
  const box = (await panel.boundingBox())!;
  const vp = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(vp.width + 0.5);
  for (const other of ['.viewfinder', '[data-testid=image-button]', '[data-testid=paste-input]', '[data-testid=paste-submit]']) {
    const o = page.locator(other);
    if (!(await o.isVisible())) continue;
    const ob = (await o.boundingBox())!;
    expect(overlaps(box, ob), `camera message overlaps ${other}`).toBe(false);
  }
  // The old overlay hint on the viewfinder is not what says it.
  const hint = page.getByTestId('camera-state');
  if (await hint.isVisible()) expect(overlaps(box, (await hint.boundingBox())!)).toBe(false);
}

for (const size of SIZES)
  for (const l of LOCALES) {
    test(`camera denied (${size.name}, ${l.locale}): how to allow it, Retry, image and paste; Retry after allowing starts the camera`, async () => {
      const browser = await launch(true);
      try {
        const context = await browser.newContext({ locale: l.locale, viewport: size.viewport, permissions: [] });
        const page = await context.newPage();
        // As on browsers that cannot watch the camera permission (Firefox, older Safari): Retry is
        // then the way back. (Where it can be watched, the camera starts by itself: test below.)
        await page.addInitScript(() => {
          const query = navigator.permissions.query.bind(navigator.permissions);
          navigator.permissions.query = (d: PermissionDescriptor) => (d.name === ('camera' as PermissionName) ? Promise.reject(new TypeError('camera')) : query(d));
        });
        await page.goto(BASE + '/');
        const panel = page.getByTestId('camera-problem');
        await expect(panel).toHaveAttribute('data-kind', 'denied');
        await expect(panel).toContainText(l.android);
        await expect(panel).toContainText(l.desktop);
        await expect(page.getByTestId('camera-retry')).toHaveText(l.retry);
        await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
        await expectPanelClear(page);
        await page.screenshot({ path: `${SHOTS}/${size.name}-${l.locale}-camera-denied.png` });

        // The pointers lead to the other inputs: "paste" puts the cursor in the paste box.
        await page.getByTestId('camera-use-paste').click();
        await expect(page.getByTestId('paste-input')).toBeFocused();
        const chooser = page.waitForEvent('filechooser');
        await page.getByTestId('camera-use-image').click();
        await (await chooser).setFiles([]); // the image input's picker opened; nothing chosen

        // Retry while still denied: the same message again.
        await page.getByTestId('camera-retry').click();
        await expect(page.getByTestId('camera-retry')).toBeEnabled();
        await expect(panel).toHaveAttribute('data-kind', 'denied');
        // The operator allows the camera in the browser, then taps Retry: the camera runs.
        await context.grantPermissions(['camera']);
        await page.getByTestId('camera-retry').click();
        await expect(page.locator('.viewfinder')).toHaveAttribute('data-camera', 'on');
        await expect(panel).toHaveCount(0);
      } finally {
        await browser.close();
      }
    });
  }

test('camera denied, then allowed in the browser: the camera starts by itself where the permission can be watched', async () => {
  const browser = await launch(true);
  try {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, permissions: [] });
    const page = await context.newPage();
    await page.goto(BASE + '/');
    await expect(page.getByTestId('camera-problem')).toHaveAttribute('data-kind', 'denied');
    await context.grantPermissions(['camera']);
    await expect(page.locator('.viewfinder')).toHaveAttribute('data-camera', 'on');
    await expect(page.getByTestId('camera-problem')).toHaveCount(0);
  } finally {
    await browser.close();
  }
});

test('kiosk mode, camera denied: the message, Retry, and "ask staff" instead of inputs the kiosk does not have', async () => {
  const browser = await launch(true);
  try {
    for (const size of SIZES) {
      const context = await browser.newContext({ locale: 'en-US', viewport: size.viewport, permissions: [] });
      const page = await context.newPage();
      await page.goto(BASE + '/settings');
      await page.getByTestId('settings-kiosk-enabled').check();
      await page.getByTestId('settings-kiosk-largetype').check();
      await page.getByTestId('settings-kiosk-nopin').check();
      await page.getByTestId('settings-save').click();
      await expect(page.getByTestId('settings-status')).toHaveClass(/settings-status-saved/);
      await page.getByTestId('settings-close').click();
      await expect(page.getByTestId('scan-shell')).toHaveAttribute('data-kiosk', 'on');
      const panel = page.getByTestId('camera-problem');
      await expect(panel).toHaveAttribute('data-kind', 'denied');
      await expect(panel).toContainText('ask staff');
      await expect(page.getByTestId('camera-retry')).toBeVisible();
      await expect(page.getByTestId('camera-use-paste')).toHaveCount(0);
      await expectPanelClear(page);
      // All of it on the screen, no scrolling.
      const box = (await panel.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(size.viewport.height + 0.5);
      await page.screenshot({ path: `${SHOTS}/${size.name}-en-US-kiosk-camera-denied.png` });
      await context.close();
    }
  } finally {
    await browser.close();
  }
});

for (const l of LOCALES)
  test(`no camera at all (${l.locale}): says so, offers Retry and the other inputs`, async () => {
    const browser = await launch(false);
    try {
      for (const size of SIZES) {
        const context = await browser.newContext({ locale: l.locale, viewport: size.viewport, permissions: ['camera'] });
        const page = await context.newPage();
        await page.goto(BASE + '/');
        const panel = page.getByTestId('camera-problem');
        await expect(panel).toHaveAttribute('data-kind', 'missing');
        await expect(page.getByTestId('camera-retry')).toBeVisible();
        await expect(page.getByTestId('camera-use-paste')).toBeVisible();
        await expect(page.getByTestId('camera-use-image')).toBeVisible();
        await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
        await expectPanelClear(page);
        await page.screenshot({ path: `${SHOTS}/${size.name}-${l.locale}-camera-missing.png` });
        // Retry with still no camera: the same message again, no crash.
        await page.getByTestId('camera-retry').click();
        await expect(panel).toHaveAttribute('data-kind', 'missing');
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });
