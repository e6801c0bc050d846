/**
 * The real deployment (issue 23, docs/deploy.md): `npm run build` pinned to a test root, served by
 * Debian's nginx with deploy/nginx.conf (e2e/deploy-nginx.ts), the trust bundle published beside
 * the app. Run by e2e/deploy.config.ts (no demo server): `npx playwright test -c e2e/deploy.config.ts`.
 */
import { expect, test, type Response } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../src/app/security/csp.ts';
import type { Io } from '../src/cli/io.ts';
import { run } from '../src/cli/run.ts';
import { demoTraces } from '../src/issuer/app-build.node.ts';
import { startNginx, type Nginx } from './deploy-nginx.ts';

const PORT = Number(process.env.E2E_DEPLOY_PORT ?? 4481);
const CSP = contentSecurityPolicy({ bundleOrigins: [], header: true });
const IMMUTABLE = 'public, max-age=31536000, immutable';

let dir: string;
let site: string;
let buildOutput: string;
let rootKid: string;
let code: string;
let nginx: Nginx;

/** The CLI in-process, as an operator would run it; its JSON lines back. */
async function gatecheck(...argv: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => void out.push(l), err: (l) => void err.push(l), readStdin: async () => '', home: dir };
  const status = await run(argv, io);
  if (status !== 0) throw new Error(`gatecheck ${argv.join(' ')}: exit ${status}\n${err.join('\n')}`);
  return out.join('\n');
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'gatecheck-deploy-'));
  site = join(dir, 'srv');
  mkdirSync(join(site, 'trust'), { recursive: true });
  // The operator's world in small: a root, one province's key in a bundle the root signs, a code.
  rootKid = JSON.parse(await gatecheck('keygen', '--alg', 'ES256', '--out', join(dir, 'root'), '--root')).kid;
  await gatecheck('keygen', '--alg', 'SM2', '--out', join(dir, 'gd'));
  await gatecheck('bundle', 'build', '--root-key', join(dir, 'root', 'private.jwk'), '--issuer-key', `440000:${join(dir, 'gd', 'public.jwk')}`, '--out', join(site, 'trust', 'bundle.json'));
  code = (await gatecheck('issue', '--key', join(dir, 'gd', 'private.jwk'), '--issuer', '440000', '--name', '张小三')).trim();
  // The build exactly as the operator types it.
  const b = spawnSync('npm', ['run', '-s', 'build', '--', '--root', join(dir, 'root', 'public.jwk'), '--out', join(site, 'app')], { encoding: 'utf8' });
  buildOutput = b.stdout + b.stderr;
  if (b.status !== 0) throw new Error(`npm run build failed:\n${buildOutput}`);
  nginx = await startNginx({ site, dir: join(dir, 'nginx'), port: PORT, redirectPort: PORT + 1 });
});

test.afterAll(async () => {
  await nginx?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the production build pins the root and carries no demo page, root, endpoint or badge', () => {
  expect(buildOutput).toContain(rootKid);
  expect(buildOutput).toContain('trust bundle fetched from: /trust/bundle.json');
  const app = join(site, 'app');
  expect(demoTraces(app)).toEqual([]);
  expect(readdirSync(join(app, 'assets')).filter((f) => /demo|holder/i.test(f))).toEqual([]);
  const index = readFileSync(join(app, 'index.html'), 'utf8');
  // The meta policy, as Vite writes the attribute (quotes escaped).
  expect(index).toContain(`content="${contentSecurityPolicy({ bundleOrigins: [], header: false }).replaceAll("'", '&#39;')}"`);
  // The pinned root is in the app's code; a demo world's root never is (a demo build would say "demo").
  expect(readdirSync(join(app, 'assets')).some((f) => f.endsWith('.js') && readFileSync(join(app, 'assets', f), 'utf8').includes(rootKid))).toBe(true);
});

test('the start-up scripts, and only they, ask V8 to compile every function as they stream in', () => {
  const assets = join(site, 'app', 'assets');
  const code = (f: string) => readFileSync(join(assets, f), 'utf8');
  const HINT = '//# allFunctionsCalledOnLoad\n';
  // What index.html loads, and everything those import statically: the start-up closure.
  const startup = new Set<string>();
  const queue = [...readFileSync(join(site, 'app', 'index.html'), 'utf8').matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
  expect(queue.length).toBeGreaterThanOrEqual(2); // the early entry and the app's
  while (queue.length) {
    const f = queue.pop()!;
    if (startup.has(f)) continue;
    startup.add(f);
    // Static imports only (`import … from"./x.js"`, `import"./x.js"`), not `import("./x.js")`.
    queue.push(...[...code(f).matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)].map((m) => m[1]!));
  }
  for (const f of startup) expect(code(f).startsWith(HINT), f).toBe(true);
  // The verifier chunk loads once the camera plays: compiled lazily, as it is used.
  const lazy = readdirSync(assets).filter((f) => f.endsWith('.js') && !startup.has(f));
  expect(lazy.some((f) => f.startsWith('pipeline-entry-'))).toBe(true);
  for (const f of lazy) expect(code(f).includes('allFunctionsCalledOnLoad'), f).toBe(false);
});

test('nginx sends the headers: CSP, cache rules, types; plain HTTP redirects to https', async () => {
  const get = (path: string, headers: Record<string, string> = {}) => fetch(nginx.url + path, { headers, redirect: 'manual' });
  const wasm = readdirSync(join(site, 'app', 'assets')).find((f) => f.endsWith('.wasm'))!;
  const js = readdirSync(join(site, 'app', 'assets')).find((f) => f.startsWith('index-') && f.endsWith('.js'))!;
  const expected: [path: string, type: RegExp, cache: string][] = [
    ['/', /^text\/html/, 'no-cache'],
    ['/settings', /^text\/html/, 'no-cache'],
    ['/sw.js', /javascript/, 'no-cache'],
    ['/manifest.webmanifest', /^application\/manifest\+json/, 'no-cache'],
    [`/assets/${js}`, /javascript/, IMMUTABLE],
    [`/assets/${wasm}`, /^application\/wasm/, IMMUTABLE],
    ['/trust/bundle.json', /^application\/json/, 'no-cache'],
  ];
  const seen: Record<string, Record<string, string | null>> = {};
  for (const [path, type, cache] of expected) {
    const r = await get(path);
    const h = { status: String(r.status), 'content-type': r.headers.get('content-type'), 'cache-control': r.headers.get('cache-control'), etag: r.headers.get('etag') };
    seen[path] = h;
    expect(r.status, path).toBe(200);
    expect(r.headers.get('content-security-policy'), path).toBe(CSP);
    expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
    expect(r.headers.get('referrer-policy'), path).toBe('no-referrer');
    expect(r.headers.get('content-type'), path).toMatch(type);
    expect(r.headers.get('cache-control'), path).toBe(cache);
  }
  // A gate's refresh: If-None-Match, a 304 that still carries the policy.
  const again = await get('/trust/bundle.json', { 'if-none-match': seen['/trust/bundle.json']!.etag! });
  expect(again.status).toBe(304);
  expect(again.headers.get('content-security-policy')).toBe(CSP);
  // A missing hashed asset is a 404 (never the shell, which a browser would keep as immutable JS).
  expect((await get('/assets/missing-0000.js')).status).toBe(404);
  const redirect = await fetch(`${nginx.redirectUrl}/settings?x=1`, { redirect: 'manual' });
  expect(redirect.status).toBe(301);
  expect(redirect.headers.get('location')).toBe('https://127.0.0.1/settings?x=1');
  test.info().annotations.push({ type: 'headers', description: JSON.stringify({ csp: CSP, seen }) });
  console.log(`headers nginx sent:\n  content-security-policy: ${CSP}\n${Object.entries(seen).map(([p, h]) => `  ${p}: ${JSON.stringify(h)}`).join('\n')}`);
});

test('a gate: loads, installs its service worker, fetches the bundle, passes a code, and works offline after one visit', async ({ context, page }) => {
  const responses: Response[] = [];
  context.on('response', (r) => void responses.push(r));
  await page.goto(nginx.url + '/');
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-via', 'network');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  const paste = async () => {
    await page.getByTestId('paste-input').fill(code);
    await page.getByTestId('paste-submit').click();
    const result = page.getByTestId('result');
    await expect(result).toHaveAttribute('data-outcome', 'PASS');
    await expect(page.getByTestId('result-demo')).toHaveCount(0);
    await result.click();
    await expect(result).toHaveCount(0);
  };
  await paste();
  // No demo page in production: /demo is the scan screen, and there is no link to it.
  await expect(page.getByTestId('nav-demo')).toHaveCount(0);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-via', 'storage');
  await paste();
  await context.setOffline(false);

  // Every response from nginx the page (or its worker) saw carries the policy and nosniff.
  const fromNginx = responses.filter((r) => r.url().startsWith(nginx.url) && !r.fromServiceWorker() && r.status() > 0);
  const paths = fromNginx.map((r) => new URL(r.url()).pathname);
  expect(paths).toEqual(expect.arrayContaining(['/', '/trust/bundle.json', '/sw.js']));
  for (const r of fromNginx) {
    const h = await r.allHeaders();
    expect(h['content-security-policy'], r.url()).toBe(CSP);
    expect(h['x-content-type-options'], r.url()).toBe('nosniff');
    expect(h['cache-control'], r.url()).toBe(new URL(r.url()).pathname.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
  }
});
