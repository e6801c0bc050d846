/**
 * The newer format plug-ins end to end in Chromium: the demo world's SMART Health Card and ICAO
 * VDS-NC samples through the fake camera, a SMART Health Card split over three QR codes assembled
 * across scans, and a policy picked in settings naming itself and its failed rule on the result.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { requireShared } from '../test/support/shared.ts';
import { demoCode, launchWithCamera, qrVideo } from './support.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;

for (const [name, format, issuer] of [
  ['pass-shc-vaccination', 'shc', 'SMART'],
  ['pass-vds-nc-test', 'vds-nc', 'Utopia'],
] as const)
  test(`camera: the demo ${format} sample passes, naming its issuer`, async () => {
    const browser = await launchWithCamera(qrVideo(name, demoCode(name)));
    try {
      const page = await (await browser.newContext({ locale: 'en-US', permissions: ['camera'] })).newPage();
      await page.goto(BASE + '/');
      const result = page.getByTestId('result');
      await expect(result).toHaveAttribute('data-outcome', 'PASS');
      await expect(result).toHaveAttribute('data-format', format);
      await expect(page.getByTestId('issuer-name')).toContainText(issuer);
    } finally {
      await browser.close();
    }
  });

test('a SMART Health Card in three QR codes: each part is counted, none is a verdict, the whole is judged', async ({ page }) => {
  const part = (i: number) => readFileSync(requireShared(`vectors/shc/examples/example-02-f-qr-code-numeric-value-${i}.txt`, 'a SMART Health Card split over three QR codes'), 'utf8').trim();
  await page.goto('/');
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
  const paste = async (text: string) => {
    await page.getByTestId('paste-input').fill(text);
    await page.getByTestId('paste-submit').click();
  };
  await paste(part(1));
  const progress = page.getByTestId('chunk-progress');
  await expect(progress).toHaveAttribute('data-have', '2');
  await expect(progress).toHaveAttribute('data-total', '3');
  await expect(page.getByTestId('result')).toHaveCount(0);
  await paste(part(0));
  await expect(progress).toHaveAttribute('data-have', '1,2');
  await expect(page.getByTestId('result')).toHaveCount(0);
  await paste(part(2));
  await expect(progress).toHaveCount(0);
  // The spec's example issuer is not in the demo bundle: the assembled card is judged, by its key.
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'FAIL');
  await expect(result).toHaveAttribute('data-reason', 'UNKNOWN_KEY');
});

test('a policy chosen in settings judges the next scan, and the result names it and its rule', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
  const judge = async (name: string, outcome: 'PASS' | 'FAIL', reason: string, policy: string) => {
    await page.getByTestId('paste-input').fill(demoCode(name));
    await page.getByTestId('paste-submit').click();
    const result = page.getByTestId('result');
    await expect(result).toHaveAttribute('data-outcome', outcome);
    await expect(result).toHaveAttribute('data-reason', reason);
    await expect(page.getByTestId('policy-name')).toHaveAttribute('data-policy', policy);
    const text = reason ? await page.getByTestId('main-reason').textContent() : '';
    await result.click();
    await expect(result).toHaveCount(0);
    return text;
  };
  // The default accepts a foreign certificate; "green only" requires a domestic status colour.
  await judge('pass-vds-nc-test', 'PASS', '', 'green-or-foreign');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-policy').selectOption('green');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveClass(/settings-status-saved/);
  await page.getByTestId('nav-scan').click();
  const ruleText = await judge('pass-vds-nc-test', 'FAIL', 'STATUS_REQUIRED', 'green');
  expect(ruleText).toMatch(/[\u4e00-\u9fff]/); // the rule's own text, in the page's language (zh-CN)
  await judge('pass-guangdong-green', 'PASS', '', 'green');
});
