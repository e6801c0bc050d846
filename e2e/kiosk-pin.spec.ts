/**
 * Issue 18, item 3: a locked kiosk. Entering kiosk mode asks for a PIN (or an explicit "no PIN");
 * in kiosk mode Settings, Stats, Demo and leaving kiosk mode are behind it.
 */
import { expect, test, type Page } from '@playwright/test';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
const PIN = '2468';

async function ready(page: Page, path = '/') {
  await page.goto(BASE + path);
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
}

async function openSettings(page: Page) {
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings')).toBeVisible();
}

async function unlock(page: Page, pin = PIN) {
  await expect(page.getByTestId('pin-gate')).toBeVisible();
  await page.getByTestId('pin-input').fill(pin);
  await page.getByTestId('pin-submit').click();
}

/** Each admin route, typed into the address bar, in kiosk mode: the PIN prompt, nothing of the screen. */
async function expectLocked(page: Page, path: string, screen: string) {
  await page.goto(BASE + path);
  await expect(page.getByTestId('pin-gate'), path).toBeVisible();
  await expect(page.getByTestId(screen), path).toHaveCount(0);
  await expect(page.getByTestId('nav-stats')).toHaveCount(0);
  await expect(page.getByTestId('nav-demo')).toHaveCount(0);
}

test('entering kiosk mode asks for a PIN or an explicit "no PIN"; nothing is saved until one is given', async ({ page }) => {
  await ready(page);
  await openSettings(page);
  await expect(page.getByTestId('settings-kiosk-nopin')).toHaveCount(0);
  await page.getByTestId('settings-kiosk-enabled').check();
  // The form says at once what kiosk mode needs.
  await expect(page.getByTestId('settings-kiosk-pin-required')).toBeVisible();
  await expect(page.getByTestId('settings-kiosk-nopin')).toBeVisible();
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveClass(/settings-status-invalid/);
  await expect(page.locator('#settings-kiosk-nopin-error')).toBeVisible();
  await page.getByTestId('settings-close').click();
  await expect(page.getByTestId('scan-shell')).toHaveAttribute('data-kiosk', 'off');

  // A PIN typed twice enters kiosk mode.
  await openSettings(page);
  await page.getByTestId('settings-kiosk-enabled').check();
  await page.getByTestId('settings-kiosk-pin').fill(PIN);
  await page.getByTestId('settings-kiosk-pin-confirm').fill(PIN);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveClass(/settings-status-saved/);
  await page.getByTestId('settings-close').click();
  await expect(page.getByTestId('scan-shell')).toHaveAttribute('data-kiosk', 'on');
});

test('kiosk mode with a PIN: Settings, Stats and Demo ask for it; a wrong PIN opens nothing; leaving kiosk mode needs it', async ({ page }) => {
  await ready(page);
  await openSettings(page);
  await page.getByTestId('settings-kiosk-enabled').check();
  await page.getByTestId('settings-kiosk-pin').fill(PIN);
  await page.getByTestId('settings-kiosk-pin-confirm').fill(PIN);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveClass(/settings-status-saved/);
  await page.getByTestId('settings-close').click();
  await expect(page.getByTestId('scan-shell')).toHaveAttribute('data-kiosk', 'on');
  // The kiosk bar offers no way to Stats or Demo.
  await expect(page.getByTestId('nav-stats')).toHaveCount(0);
  await expect(page.getByTestId('nav-demo')).toHaveCount(0);

  await expectLocked(page, '/stats', 'stats-total');
  await expect(page.getByTestId('stats-clear')).toHaveCount(0);
  await expect(page.getByTestId('stats-csv')).toHaveCount(0);
  await expectLocked(page, '/demo', 'demo-code');
  await expectLocked(page, '/settings', 'settings');

  // A wrong PIN: still locked, and says so.
  await unlock(page, '1111');
  await expect(page.getByTestId('pin-error')).not.toBeEmpty();
  await expect(page.getByTestId('settings')).toHaveCount(0);
  // Cancel returns to the kiosk.
  await page.getByTestId('pin-cancel').click();
  await expect(page.getByTestId('scan-shell')).toHaveAttribute('data-kiosk', 'on');

  // Unlocked once, staff move between the admin screens without typing it again...
  await expectLocked(page, '/stats', 'stats-total');
  await unlock(page);
  await expect(page.getByTestId('stats-total')).toBeVisible();
  await page.getByTestId('nav-demo').click();
  await expect(page.getByTestId('demo-code').first()).toBeVisible();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings')).toBeVisible();
  // ...until they go back to scanning: the kiosk locks again.
  await page.getByTestId('nav-scan').click();
  await expect(page.getByTestId('scan-shell')).toHaveAttribute('data-kiosk', 'on');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('pin-gate')).toBeVisible();

  // Leaving kiosk mode: only through the PIN.
  await unlock(page);
  await page.getByTestId('settings-kiosk-enabled').uncheck();
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveClass(/settings-status-saved/);
  await page.getByTestId('settings-close').click();
  await expect(page.getByTestId('scan-shell')).toHaveAttribute('data-kiosk', 'off');
  // Out of kiosk mode, Stats and Demo open as before.
  await page.getByTestId('nav-stats').click();
  await expect(page.getByTestId('stats-total')).toBeVisible();
  await expect(page.getByTestId('pin-gate')).toHaveCount(0);
});

test('kiosk mode with an explicit "no PIN": the admin screens open without one', async ({ page }) => {
  await ready(page);
  await openSettings(page);
  await page.getByTestId('settings-kiosk-enabled').check();
  await page.getByTestId('settings-kiosk-nopin').check();
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveClass(/settings-status-saved/);
  await page.getByTestId('settings-close').click();
  await expect(page.getByTestId('scan-shell')).toHaveAttribute('data-kiosk', 'on');
  for (const [path, screen] of [['/stats', 'stats-total'], ['/settings', 'settings']] as const) {
    await page.goto(BASE + path);
    await expect(page.getByTestId(screen)).toBeVisible();
    await expect(page.getByTestId('pin-gate')).toHaveCount(0);
  }
});

test('an unlocked admin screen left alone in kiosk mode returns to the locked kiosk by itself', async ({ page }) => {
  await page.clock.install();
  await ready(page);
  await openSettings(page);
  await page.getByTestId('settings-kiosk-enabled').check();
  await page.getByTestId('settings-kiosk-pin').fill(PIN);
  await page.getByTestId('settings-kiosk-pin-confirm').fill(PIN);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveClass(/settings-status-saved/);
  await page.getByTestId('settings-close').click();
  await page.getByTestId('nav-settings').click();
  await unlock(page);
  await expect(page.getByTestId('settings')).toBeVisible();
  await page.clock.runFor(130_000);
  await expect(page.getByTestId('scan-shell')).toHaveAttribute('data-kiosk', 'on');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('pin-gate')).toBeVisible();
});
