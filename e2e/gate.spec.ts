/**
 * The gate in real Chromium: hardware-scanner input by timing, image files, settings in IndexedDB,
 * kiosk debounce and anti-passback, auto-return, languages, stats without personal data.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeCnCode } from '../src/issuer/formats/cn-hc/encode.ts';
import { logVerdicts, personTypes, scannerTypes as scanKeys, verdicts } from './keys.ts';
import { DEMO_DIR, demoCode, pasteDemoCode } from './support.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;

async function ready(page: Page, path = '/') {
  await page.goto(BASE + path);
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
}

/** A 2D scanner in keyboard mode: the whole code 4 ms per key (synthetic times, keys.ts), then Enter, focus on the page. */
async function scannerTypes(page: Page, text: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await scanKeys(page, text);
}

async function setSettings(page: Page, change: (page: Page) => Promise<void>) {
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings')).toBeVisible();
  await change(page);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveClass(/settings-status-saved/);
  await page.getByTestId('settings-close').click();
}

/** Another code for the holder of pass-guangdong-green (same person, a new code), signed with the demo key. */
async function secondCodeOfSamePerson(): Promise<string> {
  const key = JSON.parse(readFileSync(join(DEMO_DIR, 'keys', '440000-es256.jwk'), 'utf8'));
  const now = Date.now();
  const code = await encodeCnCode(
    {
      issuer: '440000',
      codeId: crypto.getRandomValues(new Uint8Array(16)),
      issuedAt: new Date(now - 60_000),
      expiresAt: new Date(now + 3600_000),
      status: 'green',
      holder: { name: '张小三', idTail: '123X', birthDate: '1990-05-17' },
    },
    { alg: 'ES256', kid: key.kid, privateJwk: key },
  );
  return code.text;
}

test.describe('keyboard-wedge scanner', () => {
  test('scanner timing is a scan; the same text typed at a person’s pace is not', async ({ page }) => {
    await logVerdicts(page.context());
    await ready(page);
    // A person typing (150 ms per key) and pressing Enter: nothing is judged.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await personTypes(page, 'CNHC1:HELLO');
    await expect(page.getByTestId('result')).toHaveCount(0);

    await scannerTypes(page, demoCode('pass-guangdong-green'));
    await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'PASS');
    await expect(page.getByTestId('holder-name')).toHaveText('张*三');
    // The scan's verdict is the only one: the person's typing, handled before it, gave none.
    expect((await verdicts(page)).map((v) => v.reason || v.outcome)).toEqual(['PASS']);
  });

  test('a scanner set to US keys on a German keyboard layout still verifies', async ({ page }) => {
    await ready(page);
    // What a German QWERTZ layout makes of a US-layout scanner's keys, as keydown events see it:
    // Y/Z swapped, symbols moved, and '+' is a dead key ('`') that composes with a following vowel.
    const DE: Record<string, string> = { Y: 'Z', Z: 'Y', ':': 'Ö', '*': '(', '-': 'ß', '/': '-' };
    const GRAVE: Record<string, string> = { A: 'À', E: 'È', I: 'Ì', O: 'Ò', U: 'Ù' };
    const code = demoCode('pass-guangdong-green');
    let typed = '';
    for (let i = 0; i < code.length; i++) {
      const ch = code[i]!;
      if (ch === '+') {
        typed += '`';
        if (GRAVE[code[i + 1] ?? '']) typed += GRAVE[code[++i]!]!;
      } else typed += DE[ch] ?? ch;
    }
    expect(typed).not.toBe(code);
    // Headless Chromium has a US layout, and Playwright sends non-US characters as text input
    // without key events; so the key events a German layout produces are dispatched in the page,
    // stamped at scanner speed (3 ms apart, whatever the machine's load), as keyboard-wedge.ts receives them.
    await page.evaluate((keys) => {
      const start = performance.now();
      [...keys, 'Enter'].forEach((key, i) => {
        for (const type of ['keydown', 'keyup']) {
          const e = new KeyboardEvent(type, { key, bubbles: true, cancelable: true });
          Object.defineProperty(e, 'timeStamp', { value: start + 3 * i });
          document.dispatchEvent(e);
        }
      });
    }, [...typed]);
    await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'PASS');
  });
});

test('an image file of a code is read and judged; a photo without one says so', async ({ page }) => {
  await ready(page);
  await page.getByTestId('image-input').setInputFiles(join(DEMO_DIR, 'codes', 'fail-shanghai-red-sm2.png'));
  await expect(page.getByTestId('result')).toHaveAttribute('data-reason', 'STATUS_RED');
  await page.getByTestId('result').click();
  await page.getByTestId('image-input').setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: readFileSync('public/favicon.svg') });
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'NOT_READ');
  await expect(page.getByTestId('result')).toHaveAttribute('data-reason', /IMAGE_UNREADABLE|NO_CODE_FOUND/);
});

test('results return to scanning after the configured seconds, with a visible countdown', async ({ page }) => {
  await ready(page);
  await setSettings(page, async (p) => {
    await p.getByTestId('settings-pass-seconds').fill('2');
  });
  await pasteDemoCode(page, 'pass-beijing-green');
  await expect(page.getByTestId('countdown-seconds')).toHaveText('2');
  await expect(page.getByTestId('result')).toHaveCount(0, { timeout: 5000 });
  // Settings live in IndexedDB: a reload keeps them.
  await page.reload();
  await pasteDemoCode(page, 'pass-beijing-green');
  await expect(page.getByTestId('countdown-seconds')).toHaveText('2');
});

test('kiosk: the same code again within the debounce window is not re-judged; the same person with another code is PASSBACK', async ({ page }) => {
  await logVerdicts(page.context());
  await ready(page);
  await setSettings(page, async (p) => {
    await p.getByTestId('settings-kiosk-enabled').check();
    await p.getByTestId('settings-kiosk-nopin').check(); // kiosk mode needs a PIN or this explicit choice
    await p.getByTestId('settings-kiosk-debounce').fill('30');
    await p.getByTestId('settings-kiosk-antipassback').fill('10');
  });
  await expect(page.getByTestId('scan-shell')).toHaveAttribute('data-kiosk', 'on');
  await expect(page.getByTestId('paste-input')).toHaveCount(0);

  const first = demoCode('pass-guangdong-green');
  await scannerTypes(page, first);
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'PASS');
  await page.getByTestId('result').click();
  await scannerTypes(page, first);
  await expect(page.getByTestId('result')).toHaveCount(0);

  await scannerTypes(page, await secondCodeOfSamePerson());
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'FAIL');
  await expect(page.getByTestId('result')).toHaveAttribute('data-reason', 'PASSBACK');
  // The repeat of the first code, scanned before, was never judged: no verdict between the two.
  expect((await verdicts(page)).map((v) => v.reason || v.outcome)).toEqual(['PASS', 'PASSBACK']);
  // Another person passes.
  await page.getByTestId('result').click();
  await scannerTypes(page, demoCode('pass-sichuan-green-sm2'));
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'PASS');
});

test('language: switch to English, reasons included, and it stays after a reload', async ({ page }) => {
  await ready(page);
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await pasteDemoCode(page, 'fail-guangdong-yellow');
  await expect(page.getByTestId('main-reason')).toHaveText(/yellow/i);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
});

test('stats count verdicts by outcome, and IndexedDB holds no names, ID numbers or codes', async ({ page }) => {
  await ready(page);
  const codes = ['pass-guangdong-green', 'pass-shanghai-green-sm2', 'fail-shanghai-red-sm2', 'fail-revoked'];
  for (const name of codes) {
    await pasteDemoCode(page, name);
    await expect(page.getByTestId('result')).toBeVisible();
    await page.getByTestId('result').click();
  }
  await page.getByTestId('nav-stats').click();
  await expect(page.getByTestId('stats-total-pass')).toContainText('2');
  await expect(page.getByTestId('stats-total-fail')).toContainText('2');
  await expect(page.getByTestId('stats-chart')).toBeVisible();

  const dump = await page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name!);
    const out: string[] = [...names];
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((res) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => res(r.result);
        });
        // The signed bundle file is public data (base64, where any 4 digits may occur by chance): left out.
        out.push(JSON.stringify(all, (k, v) => (k === 'file' ? '<signed bundle>' : v instanceof Uint8Array ? Array.from(v).join(',') : v)));
      }
      db.close();
    }
    out.push(JSON.stringify({ ...localStorage }));
    return out.join('\n');
  });
  expect(dump).toContain('STATUS_RED'); // the dump is real: the stats are in it
  for (const personal of ['张', '李', '小三', '123X', '0421', '1990-05-17', '1985', 'CNHC1:'])
    expect(dump, `IndexedDB/localStorage must not hold ${personal}`).not.toContain(personal);
  for (const name of codes) expect(dump).not.toContain(demoCode(name).slice(6, 40));
});
