import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DCC_UNKNOWN_VECTOR, DCC_VECTOR } from '../playwright.config.ts';
import { maskName } from '../src/app/result/mask.ts';
import { decode } from '../src/core/formats/eu-dcc/index.ts';
import { launchWithCamera, pngVideo } from './support.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;

test('an EU DCC from the public test suite, scanned by the camera, verifies against its DSC in the bundle', async () => {
  const vector = JSON.parse(readFileSync(DCC_VECTOR, 'utf8'));
  const video = pngVideo('dcc-de-1', Buffer.from(vector['2DCODE'], 'base64'));
  const browser = await launchWithCamera(video);
  try {
    const context = await browser.newContext({ locale: 'en-US', permissions: ['camera'] });
    const page = await context.newPage();
    // The suite's certificates are from 2021: judge at the vector's own validation clock.
    await page.clock.setFixedTime(new Date(vector.TESTCTX.VALIDATIONCLOCK));
    await page.goto(BASE + '/');
    const result = page.getByTestId('result');
    await expect(result).toHaveAttribute('data-outcome', 'PASS');
    await expect(page.getByTestId('issuer-name')).toHaveText('Germany');
    // Passport order, masked as every format's names are.
    await expect(page.getByTestId('holder-name')).toHaveText(maskName(`${vector.JSON.nam.fn}, ${vector.JSON.nam.gn}`));
  } finally {
    await browser.close();
  }
});

test('a real issuer\'s DCC with content we do not recognise: judged (FAIL, no qualifying evidence), the unknown values shown', async ({ browser }) => {
  const vector = JSON.parse(readFileSync(DCC_UNKNOWN_VECTOR, 'utf8'));
  const decoded = decode(vector.PREFIX);
  if (!decoded.ok) throw new Error(decoded.reason.code);
  const iat = decoded.value.claims.get(6) as number;
  for (const [locale, size, label] of [
    ['zh-CN', { width: 390, height: 844 }, '检测结果'],
    ['en-US', { width: 1280, height: 800 }, 'Test result'],
  ] as const) {
    const context = await browser.newContext({ locale, viewport: size });
    const page = await context.newPage();
    // An hour after it was signed (its own iat), inside its validity.
    await page.clock.setFixedTime(new Date((iat + 3600) * 1000));
    await page.goto(BASE + '/');
    await page.getByTestId('paste-input').fill(vector.PREFIX);
    await page.getByTestId('paste-submit').click();
    const result = page.getByTestId('result');
    await expect(result).toHaveAttribute('data-outcome', 'FAIL');
    await expect(result).toHaveAttribute('data-reason', 'NO_QUALIFYING_EVIDENCE');
    const unknown = page.getByTestId('unknown-content');
    await expect(unknown.locator('li[data-field="t[0].tr"]')).toContainText(label);
    await expect(unknown.locator('li[data-field="t[0].tr"] code')).toHaveText('NEGATIVO');
    await expect(page.getByTestId('warnings')).toBeVisible();
    await page.screenshot({ path: `e2e/screenshots/${size.width < 500 ? 'phone' : 'tablet'}-${locale}-dcc-unknown-content.png` });
    await context.close();
  }
});
