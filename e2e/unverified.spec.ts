/**
 * Nothing unverified is shown as fact: a forged code, one signed by a key outside the trust list
 * and one whose key belongs to another issuer show no issuer name, no signing time and no holder
 * data from the code — only that it is unverified. Phone size, both languages.
 */
import { expect, test } from '@playwright/test';
import { pasteDemoCode } from './support.ts';

for (const [name, reason] of [
  ['fail-tampered-signature', 'SIGNATURE_INVALID'],
  ['fail-unknown-issuer', 'UNKNOWN_KEY'],
  ['fail-issuer-mismatch', 'ISSUER_MISMATCH'],
] as const)
  for (const [locale, word] of [
    ['zh-CN', '未验证'],
    ['en-US', 'unverified'],
  ] as const)
    test(`${reason} (${locale}): no issuer, no time, no holder from the code`, async ({ browser }) => {
      const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto('/');
      await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
      await pasteDemoCode(page, name);
      const result = page.getByTestId('result');
      await expect(result).toHaveAttribute('data-outcome', 'FAIL');
      await expect(result).toHaveAttribute('data-reason', reason);
      await expect(page.getByTestId('issuer-name')).toHaveText(word);
      await expect(page.getByTestId('issuer-name')).toHaveAttribute('data-verified', 'false');
      await expect(page.getByTestId('withheld')).toBeVisible();
      await expect(page.getByTestId('holder-name')).toHaveCount(0);
      // The demo codes all name a province; none of the province names may appear.
      await expect(result).not.toContainText(/广东|上海|北京|Guangdong|Shanghai|Beijing|张|李/);
      await expect(result).not.toContainText(locale === 'zh-CN' ? '签发于' : 'Issued');
      await page.screenshot({ path: `e2e/screenshots/phone-${locale}-unverified-${reason}.png` });
      await context.close();
    });
