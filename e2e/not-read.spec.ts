/**
 * A misread is not a person's FAIL: a photo with no code, a QR that is a URL, a truncated scan and
 * an appended paste each show NOT READ / 未识别 in a neutral colour, ask to scan again, and count
 * on their own stats line — never as FAIL. A code that reads and then fails is still a FAIL.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { demoCode, pasteDemoCode } from './support.ts';
import { qrPng } from '../src/issuer/qr-render.node.ts';

async function paste(page: Page, text: string) {
  await page.getByTestId('paste-input').fill(text);
  await page.getByTestId('paste-submit').click();
}

async function expectNotRead(page: Page, reason: RegExp | string, shot?: string) {
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'NOT_READ');
  await expect(result).toHaveAttribute('data-reason', reason);
  await expect(result).toHaveClass(/result-notread/);
  await expect(page.getByTestId('scan-again')).toBeVisible();
  // Neither the FAIL red nor the PASS green.
  const bg = await result.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).toBe('rgb(55, 71, 79)');
  if (shot) await page.screenshot({ path: `e2e/screenshots/${shot}.png` });
  await result.click();
  await expect(result).toHaveCount(0);
}

test('misreads are NOT READ with their own stats line; a real FAIL stays FAIL', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
  const code = demoCode('pass-guangdong-green');

  // A photo with no code in it.
  await page.getByTestId('image-input').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: readFileSync('public/icons/icon-512.png') });
  await expectNotRead(page, 'NO_CODE_FOUND', 'phone-zh-CN-not-read');
  // A QR code that is a web address.
  await page.getByTestId('image-input').setInputFiles({ name: 'url.png', mimeType: 'image/png', buffer: Buffer.from(await qrPng('https://example.com/pay?id=42', 6)) });
  await expectNotRead(page, 'UNSUPPORTED_FORMAT');
  // A scan cut short, and a paste with something appended.
  await paste(page, code.slice(0, Math.floor(code.length * 0.6)));
  await expectNotRead(page, /^MALFORMED_/);
  await paste(page, code + code.slice(6, 30));
  await expectNotRead(page, /^MALFORMED_/);

  // A code that reads and then fails is a FAIL.
  await pasteDemoCode(page, 'fail-shanghai-red-sm2');
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'FAIL');
  await page.getByTestId('result').click();

  await page.getByTestId('nav-stats').click();
  await expect(page.getByTestId('stats-total-not-read')).toHaveText('4');
  await expect(page.getByTestId('stats-total-fail')).toHaveText('1');
  await expect(page.getByTestId('stats-total')).toHaveText('1');
  await context.close();
});

test('NOT READ in English on a tablet', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
  await paste(page, 'https://example.com/');
  await expect(page.getByTestId('result')).toContainText('NOT READ');
  await expect(page.getByTestId('scan-again')).toHaveText('Scan again — this is not a FAIL');
  await expectNotRead(page, 'UNSUPPORTED_FORMAT', 'tablet-en-not-read');
  await context.close();
});
