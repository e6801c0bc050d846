/**
 * Issue 21: a device-bound code shown live on the demo holder page, read by a second browser's
 * fake camera. The QR is taken from the holder page's pixels (a screenshot of its canvas, turned
 * into camera video), so what passes is what the holder's screen shows — and the same picture
 * shown 2 minutes later (a screenshot forwarded) and the bare stored code both FAIL.
 */
import { expect, test, type Browser, type Locator } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { launchWithCamera, pngVideo, qrVideo } from './support.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
const SHOTS = 'e2e/screenshots';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 };

/** The QR on screen as a PNG, with the presentation it shows (taken again if a slot turned meanwhile). */
async function captureQr(qr: Locator): Promise<{ text: string; png: Buffer }> {
  for (;;) {
    const before = await qr.getAttribute('data-presentation');
    const png = await qr.locator('canvas').screenshot();
    if (before && before === (await qr.getAttribute('data-presentation'))) return { text: before, png };
  }
}

/** A gate at `/` whose camera shows `video`, judged at `at` (the real clock when absent). */
async function scan(browser: Browser, locale: string, at?: Date) {
  const context = await browser.newContext({ locale, permissions: ['camera'], ...PHONE });
  const page = await context.newPage();
  if (at) await page.clock.setFixedTime(at);
  await page.goto(BASE + '/');
  return { page, result: page.getByTestId('result'), close: () => context.close() };
}

test('live presentation from the holder page → PASS "live code verified"; the same screenshot 2 min later → PRESENTATION_STALE; the bare code → PRESENTATION_REQUIRED', async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  // The holder's phone.
  const holderContext = await browser.newContext({ locale: 'zh-CN', ...PHONE });
  const holder = await holderContext.newPage();
  // The bare code the demo server issued: what a screenshot of the stored code would show.
  const issued = holder.waitForResponse((r) => new URL(r.url()).pathname === '/demo-issue/bound');
  await holder.goto(BASE + '/holder');
  const issuedBody = (await (await issued).json()) as { code: string };
  expect(issuedBody.code).toMatch(/^CNHC1:/);
  const qr = holder.getByTestId('holder-qr');
  await expect(qr).toHaveAttribute('data-presentation', /^CNHP1:/);
  await expect(holder.getByTestId('holder-page')).toContainText('演示');
  await expect(holder.getByTestId('holder-countdown')).toContainText('秒后刷新');
  const shown = await captureQr(qr);
  await holder.screenshot({ path: `${SHOTS}/phone-zh-CN-holder.png` });

  // The QR changes while the holder watches: a new slot, a new signature.
  await expect(qr).not.toHaveAttribute('data-presentation', shown.text, { timeout: 15_000 });

  const video = pngVideo('holder-live', shown.png);
  const gate = await launchWithCamera(video);
  try {
    // Scanned now: the device signed this slot — PASS, said as a live code.
    const live = await scan(gate, 'zh-CN');
    await expect(live.result).toHaveAttribute('data-outcome', 'PASS');
    await expect(live.page.getByTestId('live-code')).toContainText('动态码已核验');
    await live.page.screenshot({ path: `${SHOTS}/phone-zh-CN-holder-live-pass.png` });
    await live.close();
    // The very same picture 2 minutes later (a screenshot passed on): outside the ±60 s window.
    const later = await scan(gate, 'en-US', new Date(Date.now() + 120_000));
    await expect(later.result).toHaveAttribute('data-outcome', 'FAIL');
    await expect(later.result).toHaveAttribute('data-reason', 'PRESENTATION_STALE');
    await expect(later.page.getByTestId('live-code')).toHaveCount(0);
    await later.page.screenshot({ path: `${SHOTS}/phone-en-US-holder-replayed-stale.png` });
    await later.close();
  } finally {
    await gate.close();
  }

  // The stored code itself, shown bare: a bound code passes only as a live presentation.
  const bareGate = await launchWithCamera(qrVideo('holder-bare', issuedBody.code));
  try {
    const bare = await scan(bareGate, 'en-US');
    await expect(bare.result).toHaveAttribute('data-outcome', 'FAIL');
    await expect(bare.result).toHaveAttribute('data-reason', 'PRESENTATION_REQUIRED');
    await bare.close();
  } finally {
    await bareGate.close();
  }
  await holderContext.close();
});

test('the holder page in English, phone size: DEMO, the live QR, its slot time and countdown', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', ...PHONE });
  const page = await context.newPage();
  await page.goto(BASE + '/holder');
  await expect(page.getByTestId('holder-qr')).toHaveAttribute('data-presentation', /^CNHP1:/);
  await expect(page.getByTestId('holder-page')).toContainText('DEMO');
  await expect(page.getByTestId('holder-slot-time')).toHaveText(/^\d\d:\d\d:[0-5]0$/);
  await expect(page.getByTestId('holder-countdown')).toHaveText(/^(10|[1-9]) s to next code$/);
  // Nothing of the holder's is written to storage: no IndexedDB database of its own, no localStorage.
  const dbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(dbs.filter((n) => n && /holder/i.test(n))).toEqual([]);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/phone-en-US-holder.png` });
  await context.close();
});

test('the demo issuing endpoint refuses anything but a P-256 public JWK, with the reason', async ({ request }) => {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const priv = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const { kty, crv, x, y } = priv;
  const post = async (data: unknown) => {
    const r = await request.post(BASE + '/demo-issue/bound', { data });
    return { status: r.status(), body: (await r.json()) as { error?: string; code?: string } };
  };
  expect(await post({ jwk: { kty, crv, x, y } })).toMatchObject({ status: 200, body: { code: expect.stringMatching(/^CNHC1:/) } });
  expect(await post({ jwk: priv })).toMatchObject({ status: 400, body: { error: 'DEVICE_KEY_PRIVATE' } });
  expect(await post({ jwk: { kty, crv: 'P-384', x, y } })).toMatchObject({ status: 400, body: { error: 'DEVICE_KEY_NOT_P256' } });
  expect(await post({ jwk: { kty, crv, x: y, y: x } })).toMatchObject({ status: 400, body: { error: 'DEVICE_KEY_INVALID' } });
  expect(await post({ jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } })).toMatchObject({ status: 400, body: { error: 'DEVICE_KEY_NOT_P256' } });
  expect(await post({ nothing: true })).toMatchObject({ status: 400, body: { error: 'NO_JWK' } });
  expect((await request.get(BASE + '/demo-issue/bound')).status()).toBe(405);
});
