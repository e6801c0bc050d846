/**
 * The NZ COVID Pass end to end in Chromium: the demo world's NZCP sample (its own demo did:web
 * issuer) through the fake camera PASSes and the result shows the pass — its type and when it
 * stops being valid — the issuer by its DID's host, and the holder masked like any foreign holder.
 * Phone-size screenshots in zh-CN and en (e2e/screenshots/phone-<locale>-nzcp-pass.png).
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NZCP_EXAMPLES } from '../playwright.config.ts';
import { demoCode, launchWithCamera, qrVideo } from './support.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
const PHONE = { width: 390, height: 844 };
const HOST = 'nzcp.demo.gatecheck.invalid';

test('camera: the demo NZCP pass passes and shows the pass, its issuer and the masked holder (zh-CN, en)', async () => {
  const browser = await launchWithCamera(qrVideo('pass-nzcp', demoCode('pass-nzcp')));
  try {
    for (const [locale, label] of [
      ['zh-CN', '有效至'],
      ['en-US', 'valid until'],
    ] as const) {
      const context = await browser.newContext({ locale, viewport: PHONE, permissions: ['camera'] });
      const page = await context.newPage();
      await page.goto(BASE + '/');
      const result = page.getByTestId('result');
      await expect(result).toHaveAttribute('data-outcome', 'PASS');
      await expect(result).toHaveAttribute('data-format', 'nzcp');
      const pass = page.getByTestId('pass');
      await expect(pass).toHaveAttribute('data-type', 'PublicCovidPass');
      // "<pass type> valid until YYYY-MM-DD HH:MM": the demo pass runs 30 days from the world's making.
      await expect(pass).toContainText(new RegExp(`${label} \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`));
      await expect(page.getByTestId('issuer-name')).toContainText(HOST);
      await expect(page.getByTestId('holder-name')).toHaveText('A***a S******n');
      await page.screenshot({ path: `e2e/screenshots/phone-${locale}-nzcp-pass.png` });
      await context.close();
    }
  } finally {
    await browser.close();
  }
});

/**
 * The specification's own worked examples, read by the camera, with the Ministry's example issuer
 * document imported into the e2e bundle (playwright.config.ts, GATECHECK_EXTRA_DIDS): the valid
 * pass PASSes; a pass whose kid is not in the document and one with a modified signature FAIL.
 */
for (const [file, outcome, reason] of [
  ['valid/nzcp.txt', 'PASS', ''],
  ['invalid/nzcp-not-associated-public-key.txt', 'FAIL', 'UNKNOWN_KEY'],
  ['invalid/nzcp-modified-sig.txt', 'FAIL', 'SIGNATURE_INVALID'],
] as const) {
  test(`camera: the NZCP specification's ${file} is ${outcome}${reason ? ' ' + reason : ''}`, async () => {
    const text = readFileSync(join(NZCP_EXAMPLES, file), 'utf8').trim();
    const browser = await launchWithCamera(qrVideo(`nzcp-spec-${file.replace(/\W+/g, '-')}`, text));
    try {
      const context = await browser.newContext({ locale: 'en-US', viewport: PHONE, permissions: ['camera'] });
      const page = await context.newPage();
      await page.goto(BASE + '/');
      const result = page.getByTestId('result');
      await expect(result).toHaveAttribute('data-outcome', outcome);
      await expect(result).toHaveAttribute('data-format', 'nzcp');
      if (reason) await expect(result).toHaveAttribute('data-reason', reason);
      else await expect(page.getByTestId('issuer-name')).toContainText('nzcp.covid19.health.nz');
      await context.close();
    } finally {
      await browser.close();
    }
  });
}

