/**
 * The trust lifecycle in real Chromium with real IndexedDB: faults on the bundle URL (Playwright
 * route interception) never lose the bundle in use, the status line says what happened, and a
 * later good update still lands. Bundles here are signed with the e2e demo world's root key.
 */
import { chromium, expect, test, type Page, type Route } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBase64Url, fromUtf8 } from '../src/core/encoding/bytes.ts';
import type { SignedBundleFile, TrustBundle } from '../src/core/trust/bundle.ts';
import { generateKeyPair } from '../src/issuer/keys.ts';
import { signBundle } from '../src/issuer/sign-bundle.ts';
import { DEMO_DIR, expectDemoVerdict, pasteDemoCode } from './support.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
const BUNDLE = '**/trust/bundle.json';
const rootKey = () => JSON.parse(readFileSync(join(DEMO_DIR, 'keys', 'root.jwk'), 'utf8'));
const served = (): { file: SignedBundleFile; bundle: TrustBundle } => {
  const file = JSON.parse(readFileSync(join(DEMO_DIR, 'bundle.json'), 'utf8')) as SignedBundleFile;
  return { file, bundle: JSON.parse(fromUtf8(fromBase64Url(file.payload))) };
};
/** The demo bundle with changes, signed by the demo root (or another key). */
async function variant(change: (b: TrustBundle) => void, signer?: Parameters<typeof signBundle>[1]): Promise<string> {
  const b = structuredClone(served().bundle);
  change(b);
  return JSON.stringify(await signBundle(b, signer ?? rootKey()));
}

const status = (page: Page) => page.getByTestId('trust-status');

async function refreshAndExpectError(page: Page, code: string) {
  await page.getByTestId('trust-refresh').click();
  await expect(page.getByTestId('trust-error')).toHaveAttribute('data-code', code);
}


const VERSION = () => served().bundle.version;

test.describe('trust bundle lifecycle (route interception, real IndexedDB)', () => {
  test('every fault keeps the bundle in use, says what happened, and a later update lands', async ({ page, context }) => {
    test.setTimeout(120_000);
    await page.goto(BASE + '/');
    await expect(status(page)).toHaveAttribute('data-version', String(VERSION()));
    await expect(status(page)).toHaveAttribute('data-via', 'network');

    const faults: { name: string; code: string; handle: (r: Route) => Promise<void> | void }[] = [
      { name: 'truncated download', code: 'BUNDLE_MALFORMED', handle: (r) => r.fulfill({ body: JSON.stringify(served().file).slice(0, 300) }) },
      {
        name: 'bad signature',
        code: 'BUNDLE_SIGNATURE_INVALID',
        handle: async (r) => {
          const f = JSON.parse(await variant((b) => (b.version += 1)));
          const s = f.signatures[0];
          s.signature = (s.signature[0] === 'A' ? 'B' : 'A') + s.signature.slice(1);
          await r.fulfill({ body: JSON.stringify(f) });
        },
      },
      {
        name: 'wrong root',
        code: 'BUNDLE_UNKNOWN_ROOT',
        handle: async (r) => r.fulfill({ body: await variant((b) => (b.version += 1), (await generateKeyPair('ES256', 'root')).privateJwk) }),
      },
      { name: 'older version', code: 'BUNDLE_ROLLBACK', handle: async (r) => r.fulfill({ body: await variant((b) => (b.version -= 1)) }) },
      {
        name: 'same version, different content',
        code: 'BUNDLE_VERSION_CONFLICT',
        handle: async (r) => r.fulfill({ body: await variant((b) => (b.keys = b.keys.slice(1))) }),
      },
      { name: 'malformed JSON', code: 'BUNDLE_MALFORMED', handle: (r) => r.fulfill({ body: '{"payload":' }) },
      { name: 'HTTP 404', code: 'FETCH_HTTP', handle: (r) => r.fulfill({ status: 404, body: 'not found' }) },
      { name: 'HTTP 500', code: 'FETCH_HTTP', handle: (r) => r.fulfill({ status: 500, body: 'error' }) },
      { name: 'network error', code: 'FETCH_OFFLINE', handle: (r) => r.abort('connectionreset') },
    ];
    for (const f of faults) {
      await page.unroute(BUNDLE);
      await page.route(BUNDLE, f.handle);
      await refreshAndExpectError(page, f.code);
      await expect(status(page), f.name).toHaveAttribute('data-version', String(VERSION()));
    }
    await expectDemoVerdict(page, 'pass-guangdong-green', 'PASS');

    // Offline: the browser says so; the refresh fails cleanly; verdicts go on.
    await page.unroute(BUNDLE);
    await context.setOffline(true);
    await refreshAndExpectError(page, 'FETCH_OFFLINE');
    await expectDemoVerdict(page, 'pass-shanghai-green-sm2', 'PASS');
    await context.setOffline(false);

    // A reload comes back on the stored bundle, whatever the network does now.
    await page.route(BUNDLE, (r) => r.fulfill({ status: 503, body: '' }));
    await page.reload();
    await expect(status(page)).toHaveAttribute('data-version', String(VERSION()));
    await expect(page.getByTestId('trust-error')).toHaveAttribute('data-code', 'FETCH_HTTP');
    await expect(status(page)).toHaveAttribute('data-via', 'storage');

    // A good update still lands, and clears the error.
    const next = await variant((b) => (b.version += 5));
    await page.unroute(BUNDLE);
    await page.route(BUNDLE, (r) => r.fulfill({ body: next, headers: { etag: '"next"' } }));
    await page.getByTestId('trust-refresh').click();
    await expect(status(page)).toHaveAttribute('data-version', String(VERSION() + 5));
    await expect(page.getByTestId('trust-error')).toHaveCount(0);
    await expectDemoVerdict(page, 'pass-guangdong-green', 'PASS');
  });

  test('a request that never answers times out and keeps the bundle', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(BASE + '/');
    await expect(status(page)).toHaveAttribute('data-version', String(VERSION()));
    await page.route(BUNDLE, () => {}); // never fulfilled
    await page.getByTestId('trust-refresh').click();
    await expect(page.getByTestId('trust-error')).toHaveAttribute('data-code', 'FETCH_TIMEOUT', { timeout: 30_000 });
    await expect(status(page)).toHaveAttribute('data-version', String(VERSION()));
  });

  test('a storage quota error keeps the previous bundle, and a later update lands', async ({ page }) => {
    // Chromium here ignores CDP's Storage.overrideQuotaForOrigin for test profiles, so the quota
    // error is injected where the browser raises it: IDBObjectStore.put throws QuotaExceededError.
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if ((globalThis as { __storageFull?: boolean }).__storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      } as IDBObjectStore['put'];
    });
    await page.goto(BASE + '/');
    await expect(status(page)).toHaveAttribute('data-version', String(VERSION()));
    await page.evaluate(() => ((globalThis as { __storageFull?: boolean }).__storageFull = true));
    const next = await variant((b) => (b.version += 1));
    await page.route(BUNDLE, (r) => r.fulfill({ body: next }));
    await refreshAndExpectError(page, 'STORAGE_FAILED');
    await expect(status(page)).toHaveAttribute('data-version', String(VERSION()));
    await page.evaluate(() => ((globalThis as { __storageFull?: boolean }).__storageFull = false));
    await page.getByTestId('trust-refresh').click();
    await expect(status(page)).toHaveAttribute('data-version', String(VERSION() + 1));
    await page.reload();
    await expect(status(page)).toHaveAttribute('data-version', String(VERSION() + 1));
  });

  test('browser closed mid-update: reopened, it uses the stored bundle and a later update lands', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'gatecheck-profile-'));
    const launch = () =>
      chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        locale: 'en-US',
      });
    try {
      let ctx = await launch();
      let page = ctx.pages()[0] ?? (await ctx.newPage());
      await page.goto(BASE + '/');
      await expect(status(page)).toHaveAttribute('data-version', String(VERSION()));
      // The next update starts downloading and never finishes: the browser is closed meanwhile.
      let started!: () => void;
      const downloading = new Promise<void>((r) => (started = r));
      await page.route(BUNDLE, () => started());
      await page.getByTestId('trust-refresh').click();
      await downloading;
      await ctx.close();

      ctx = await launch();
      page = ctx.pages()[0] ?? (await ctx.newPage());
      const next = await variant((b) => (b.version += 2));
      let release!: () => void;
      const hold = new Promise<void>((r) => (release = r));
      await page.route(BUNDLE, async (r) => {
        await hold; // let the page show what it started from first
        await r.fulfill({ body: next });
      });
      await page.goto(BASE + '/');
      await expect(status(page)).toHaveAttribute('data-version', String(VERSION()));
      await expect(status(page)).toHaveAttribute('data-via', 'storage');
      await expectDemoVerdict(page, 'pass-guangdong-green', 'PASS');
      release();
      await expect(status(page)).toHaveAttribute('data-version', String(VERSION() + 2));
      await ctx.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

test.describe('staleness and clock sanity on the status line and in verdicts', () => {
  test('past the warn age the status line turns amber and says so', async ({ page }) => {
    const { bundle } = served();
    const confirmedLoad = Date.now();
    await page.goto(BASE + '/');
    await expect(status(page)).toHaveAttribute('data-level', 'fresh');
    await page.route(BUNDLE, (r) => r.abort('internetdisconnected'));

    // Two days without confirmation (warn age is one day in the demo bundle).
    await page.clock.install({ time: confirmedLoad + (bundle.freshness.warnAgeSeconds + 3600) * 1000 });
    await page.reload();
    await expect(status(page)).toHaveAttribute('data-level', 'warn');
    await expect(status(page)).toContainText('可信名单较旧');
  });

  test('past the max age with onStale=fail, a valid code FAILs with TRUST_STALE', async ({ page }) => {
    const { bundle } = served();
    await page.goto(BASE + '/');
    await expect(status(page)).toHaveAttribute('data-level', 'fresh');
    await page.route(BUNDLE, (r) => r.abort('internetdisconnected'));
    await page.clock.install({ time: Date.now() + (bundle.freshness.maxAgeSeconds + 3600) * 1000 });
    await page.reload();
    await expect(status(page)).toHaveAttribute('data-level', 'stale');
    await pasteDemoCode(page, 'pass-beijing-green');
    // The code has expired by then too; stale trust data ranks first: it concerns every code.
    await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'FAIL');
    await expect(page.getByTestId('result')).toHaveAttribute('data-reason', 'TRUST_STALE');
  });

  test('a device clock set before the bundle was issued is CLOCK_SUSPECT on the line and in the verdict', async ({ page }) => {
    await page.goto(BASE + '/');
    await expect(status(page)).toHaveAttribute('data-clock', 'ok');
    await page.route(BUNDLE, (r) => r.abort('internetdisconnected'));
    await page.clock.install({ time: Date.now() - 3 * 86_400_000 });
    await page.reload();
    await expect(status(page)).toHaveAttribute('data-clock', 'suspect');
    await expect(page.getByTestId('clock-suspect')).toBeVisible();
    await pasteDemoCode(page, 'pass-guangdong-green');
    await expect(page.getByTestId('warnings').locator('[data-code="CLOCK_SUSPECT"]')).toBeVisible();
  });
});
