/**
 * Issue 17, item 2, in real Chromium with real IndexedDB: the version floor and the root rollover
 * state live in their own record, written in the same transaction as each accepted bundle, so a
 * damaged stored bundle takes neither with it. A database left by an app from before the floor
 * record is upgraded without losing anything, and its floor is derived from the stored bundle.
 * Bundles are signed with the e2e demo world's root key (the one the app pins) or a second root.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBase64Url, fromUtf8 } from '../src/core/encoding/bytes.ts';
import type { PinnedRoot, SignedBundleFile, TrustBundle } from '../src/core/trust/bundle.ts';
import { generateKeyPair, pinnedRootFrom } from '../src/issuer/keys.ts';
import { signBundle } from '../src/issuer/sign-bundle.ts';
import { DEMO_DIR, expectDemoVerdict } from './support.ts';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`;
const BUNDLE = '**/trust/bundle.json';
const rootKey = () => JSON.parse(readFileSync(join(DEMO_DIR, 'keys', 'root.jwk'), 'utf8'));
const servedText = () => readFileSync(join(DEMO_DIR, 'bundle.json'), 'utf8');
const served = (): TrustBundle => JSON.parse(fromUtf8(fromBase64Url((JSON.parse(servedText()) as SignedBundleFile).payload)));
const VERSION = () => served().version;

async function variant(change: (b: TrustBundle) => void, signer?: Parameters<typeof signBundle>[1]): Promise<string> {
  const b = structuredClone(served());
  change(b);
  return JSON.stringify(await signBundle(b, signer ?? rootKey()));
}

const status = (page: Page) => page.getByTestId('trust-status');

/** Serves `body` for the bundle URL from now on. */
async function serve(page: Page, body: string | { status: number }) {
  await page.unroute(BUNDLE);
  await page.route(BUNDLE, (r) => r.fulfill(typeof body === 'string' ? { body, contentType: 'application/json' } : { status: body.status, body: '' }));
}

async function refreshAndExpectError(page: Page, code: string) {
  await page.getByTestId('trust-refresh').click();
  await expect(page.getByTestId('trust-error')).toHaveAttribute('data-code', code);
}

/** One record of the app's database, read with plain IndexedDB (opened without a version: no upgrade). */
function readRecord(page: Page, store: string, key: string): Promise<unknown> {
  return page.evaluate(
    ([store, key]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('gatecheck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store)) {
            db.close();
            return resolve(undefined);
          }
          const get = db.transaction(store, 'readonly').objectStore(store).get(key);
          get.onsuccess = () => {
            db.close();
            resolve(get.result);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    [store, key] as const,
  );
}

/** Damages the stored bundle the way a bad disk or a broken write would: its signed text no longer verifies. */
function damageStoredBundle(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gatecheck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('trust-bundle', 'readwrite');
          const store = tx.objectStore('trust-bundle');
          const get = store.get('current');
          get.onsuccess = () => {
            const rec = get.result as { file: string };
            rec.file = rec.file.replace(/"payload":\s*"./, '"payload":"Z');
            store.put(rec, 'current');
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

test.describe('trust floor in IndexedDB (issue 17)', () => {
  test('a damaged stored bundle keeps its floor: no older version, no bundle by a retired root; the same version repairs it', async ({ page }) => {
    test.setTimeout(120_000);
    const V = VERSION();
    const demoRoot = pinnedRootFrom(JSON.parse(readFileSync(join(DEMO_DIR, 'root.pub.jwk'), 'utf8'))) as PinnedRoot;
    const root2 = await generateKeyPair('ES256', 'root');
    await page.goto(BASE + '/');
    await expect(status(page)).toHaveAttribute('data-version', String(V));

    // V+1 announces root2; V+14, signed by root2 alone, retires the demo root.
    await serve(page, await variant((b) => ((b.version = V + 1), (b.roots = { next: [pinnedRootFrom(root2.publicJwk)], retired: [] }))));
    await page.getByTestId('trust-refresh').click();
    await expect(status(page)).toHaveAttribute('data-version', String(V + 1));
    const v14 = await variant((b) => ((b.version = V + 14), (b.roots = { next: [], retired: [demoRoot.kid] })), root2.privateJwk);
    await serve(page, v14);
    await page.getByTestId('trust-refresh').click();
    await expect(status(page)).toHaveAttribute('data-version', String(V + 14));

    // The stored bundle is damaged; the app restarts with a server offering a bundle by the retired root.
    await damageStoredBundle(page);
    await serve(page, await variant((b) => (b.version = V + 20)));
    await page.reload();
    await expect(status(page)).toHaveAttribute('data-state', 'none');
    await expect(page.getByTestId('trust-error')).toHaveAttribute('data-code', 'BUNDLE_UNKNOWN_ROOT');
    // An older bundle by the root that is still trusted: a rollback.
    await serve(page, await variant((b) => (b.version = V + 3), root2.privateJwk));
    await refreshAndExpectError(page, 'BUNDLE_ROLLBACK');
    // The same version with other content: a conflict.
    await serve(page, await variant((b) => ((b.version = V + 14), (b.roots = { next: [], retired: [demoRoot.kid] }), (b.keys = b.keys.slice(1))), root2.privateJwk));
    await refreshAndExpectError(page, 'BUNDLE_VERSION_CONFLICT');
    await expect(status(page)).toHaveAttribute('data-state', 'none');
    // The floor record came through all of it untouched.
    expect(await readRecord(page, 'trust-floor', 'floor')).toMatchObject({ version: V + 14, retiredRoots: [demoRoot.kid], learnedRoots: [{ kid: root2.kid }] });

    // The very bundle the device had repairs the store; codes pass again.
    await serve(page, v14);
    await page.getByTestId('trust-refresh').click();
    await expect(status(page)).toHaveAttribute('data-version', String(V + 14));
    await expectDemoVerdict(page, 'pass-guangdong-green', 'PASS');
    await serve(page, { status: 503 });
    await page.reload();
    await expect(status(page)).toHaveAttribute('data-version', String(V + 14));
    await expect(status(page)).toHaveAttribute('data-via', 'storage');
  });

  test('a database from before the floor record is upgraded without losing data, and its floor is derived from the stored bundle', async ({ page }) => {
    test.setTimeout(120_000);
    const V = VERSION();
    const file = servedText();
    const list = served().revocations.lists.find((l) => l.href !== undefined);
    const settings = {
      lang: 'en',
      policyId: 'green',
      sounds: false,
      vibration: true,
      resultSeconds: { pass: 5, fail: 9 },
      camera: { facing: 'environment' },
      kiosk: { enabled: false, debounceSeconds: 3, antiPassbackMinutes: 0, largeType: false },
      bundleUrl: '/trust/bundle.json',
    };
    const hour = new Date(Math.floor(Date.now() / 3600_000) * 3600_000).toISOString().slice(0, 13) + ':00Z';
    const statsRow = { hour, outcome: 'PASS', reason: '', format: 'cn-hc', count: 3 };

    // Same origin, no app: write the database as the app's schema version 2 left it.
    await page.goto(BASE + '/trust/bundle.json');
    await page.evaluate(
      async ({ file, version, source, listId, listHref, settings, statsRow }) => {
        const files: Record<string, Uint8Array> = {};
        if (listId && listHref) files[listId] = new Uint8Array(await (await fetch(new URL(listHref, source))).arrayBuffer());
        await new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('gatecheck', 2);
          open.onupgradeneeded = () => {
            const d = open.result;
            d.createObjectStore('trust-bundle');
            d.createObjectStore('trust-meta');
            d.createObjectStore('settings');
            d.createObjectStore('stats', { keyPath: ['hour', 'outcome', 'reason', 'format'] });
          };
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const d = open.result;
            const tx = d.transaction(['trust-bundle', 'trust-meta', 'settings', 'stats'], 'readwrite');
            tx.objectStore('trust-bundle').put({ file, version, revocationFiles: files, learnedRoots: [], retiredRoots: [], source, fetchedAt: new Date().toISOString() }, 'current');
            tx.objectStore('trust-meta').put({ clock: {}, confirmedAt: new Date().toISOString() }, 'meta');
            tx.objectStore('settings').put(settings, 'current');
            tx.objectStore('stats').put(statsRow);
            tx.oncomplete = () => {
              d.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        });
      },
      { file, version: V, source: BASE + '/trust/bundle.json', listId: list?.id, listHref: list?.href, settings, statsRow },
    );

    // The app (database version 3) starts from that storage, offline from the server's point of view.
    await serve(page, { status: 503 });
    await page.goto(BASE + '/');
    await expect(status(page)).toHaveAttribute('data-version', String(V));
    await expect(status(page)).toHaveAttribute('data-via', 'storage');

    // Now the stored bundle is damaged: the derived floor still refuses an older version.
    await damageStoredBundle(page);
    await serve(page, await variant((b) => (b.version = V - 1)));
    await page.reload();
    await expect(page.getByTestId('trust-error')).toHaveAttribute('data-code', 'BUNDLE_ROLLBACK');
    await expect(status(page)).toHaveAttribute('data-state', 'none');
    // A newer one lands.
    await serve(page, await variant((b) => (b.version = V + 1)));
    await page.getByTestId('trust-refresh').click();
    await expect(status(page)).toHaveAttribute('data-version', String(V + 1));

    // The upgrade (schema 2 -> 3) kept everything else.
    expect(await page.evaluate(() => new Promise((r) => (indexedDB.open('gatecheck').onsuccess = (e) => r(((e.target as IDBOpenDBRequest).result.close(), (e.target as IDBOpenDBRequest).result.version)))))).toBe(3);
    expect(await readRecord(page, 'settings', 'current')).toEqual(settings);
    expect(await page.evaluate(() => new Promise((r) => (indexedDB.open('gatecheck').onsuccess = (e) => {
      const d = (e.target as IDBOpenDBRequest).result;
      const all = d.transaction('stats').objectStore('stats').getAll();
      all.onsuccess = () => (d.close(), r(all.result));
    })))).toEqual([statsRow]);
    expect(await readRecord(page, 'trust-floor', 'floor')).toMatchObject({ version: V + 1, learnedRoots: [], retiredRoots: [] });
  });
});
