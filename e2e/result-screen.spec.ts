/**
 * The result screen as an operator with gloves or a keyboard meets it: it takes focus, the
 * controls behind it are inert, Enter, Space and Escape dismiss it; a demo trust list says DEMO on
 * every result; names are masked the same way in every format.
 */
import { expect, test } from '@playwright/test';
import { pasteDemoCode } from './support.ts';

test('the result takes focus, the page behind is inert, and Enter, Space or Escape dismiss it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
  for (const key of ['Enter', ' ', 'Escape']) {
    await pasteDemoCode(page, 'pass-guangdong-green');
    const result = page.getByTestId('result');
    await expect(result).toBeVisible();
    await expect(result).toBeFocused();
    const inert = await page.evaluate(() => ['nav-settings', 'paste-input', 'paste-submit'].map((id) => !!document.querySelector(`[data-testid="${id}"]`)?.closest('[inert]')));
    expect(inert).toEqual([true, true, true]);
    await page.keyboard.press(key === ' ' ? 'Space' : key);
    await expect(result).toHaveCount(0);
    // Back to scanning: the controls work again.
    await expect.poll(() => page.evaluate(() => !!document.querySelector('[data-testid="nav-settings"]')?.closest('[inert]'))).toBe(false);
  }
});

test('a demo trust list says DEMO on the result; holder names are masked', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
  await pasteDemoCode(page, 'pass-vds-nc-test');
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'PASS');
  await expect(page.getByTestId('result-demo')).toBeVisible();
  const name = (await page.getByTestId('holder-name').textContent()) ?? '';
  expect(name).toMatch(/\*/);
  expect(name).toMatch(/^[^*]\**[^*]?/);
});
