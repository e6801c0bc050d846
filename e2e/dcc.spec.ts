import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DCC_VECTOR } from '../playwright.config.ts';
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
    await expect(page.getByTestId('holder-name')).toHaveText(`${vector.JSON.nam.fn}, ${vector.JSON.nam.gn}`); // passport order
  } finally {
    await browser.close();
  }
});
