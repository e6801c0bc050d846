/**
 * WebKitGTK (Safari's engine) through WebKitWebDriver (Debian's webkit2gtk-driver) under xvfb-run,
 * spoken to in plain W3C WebDriver over HTTP. Why not selenium-webdriver: the dozen endpoints used
 * here are a few lines of fetch, while selenium brings its own dependencies and a selenium-manager
 * binary that tries to locate or download drivers; this way nothing stands between the spec and
 * the driver's own answers. Classic WebDriver has no "script before the page's own", so
 * `beforeLoad` is absent here.
 */
import { spawn } from 'node:child_process';
import { byTestId, pageCall, type Driver } from './driver.ts';
import { writeFileSync } from 'node:fs';

const WEBDRIVER = process.env.WEBKIT_WEBDRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.WEBKIT_MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
/** MATRIX_PORT+8 and +9: the smoke spec has at most two WebKit sessions (one driver process each) open at once. */
const PORTS = [8, 9].map((n) => Number(process.env.MATRIX_PORT ?? 4300) + n);
let opened = 0;
const WAIT_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function openWebKit(): Promise<Driver> {
  const port = PORTS[opened++ % PORTS.length]!;
  // Its own process group, so close() ends xvfb-run, Xvfb, the driver and the browser together.
  const proc = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', WEBDRIVER, `--port=${port}`], { detached: true, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json()) as { value: T & { error?: string; message?: string } };
    if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  };
  for (let waited = 0; ; waited += 100) {
    const ready = await call<{ ready: boolean }>('GET', '/status').then((s) => s.ready, () => false);
    if (ready) break;
    if (waited > WAIT_MS) throw new Error(`WebKitWebDriver did not answer on ${base}`);
    await sleep(100);
  }
  const session = await call<{ sessionId: string }>('POST', '/session', {
    capabilities: { alwaysMatch: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
  });
  const s = `/session/${session.sessionId}`;
  /** The element's WebDriver id, waiting for it to appear as the other drivers' locators do. */
  const find = async (id: string): Promise<string> => {
    for (let waited = 0; ; waited += 100) {
      const found = await call<Record<string, string>>('POST', `${s}/element`, { using: 'css selector', value: byTestId(id) }).catch(() => null);
      if (found) return Object.values(found)[0]!;
      if (waited > WAIT_MS) throw new Error(`no element ${byTestId(id)}`);
      await sleep(100);
    }
  };
  return {
    engine: 'webkit',
    goto: (url) => call('POST', `${s}/url`, { url }),
    reload: () => call('POST', `${s}/refresh`, {}),
    // W3C execute/sync awaits a returned promise.
    run: (body, ...args) => call('POST', `${s}/execute/sync`, { script: `return ${pageCall(body, args)}`, args: [] }),
    // As Playwright's click does: wait until the element is there, enabled and takes the click
    // (a button disabled while busy, a result still sliding in: WebDriver would click and miss).
    async click(id) {
      for (let waited = 0; ; waited += 100) {
        const el = await find(id).catch(() => null);
        const enabled = el && (await call<boolean>('GET', `${s}/element/${el}/enabled`).catch(() => false));
        const clicked = enabled && (await call('POST', `${s}/element/${el}/click`, {}).then(() => true, (e: Error) => e));
        if (clicked === true) return;
        if (waited > WAIT_MS) throw new Error(`click ${byTestId(id)}: ${clicked || 'not there or disabled'}`);
        await sleep(100);
      }
    },
    // Element Send Keys on a file input selects that file (strictFileInteractability is off, so a hidden input is fine).
    setFile: async (id, path) => void (await call('POST', `${s}/element/${await find(id)}/value`, { text: path })),
    screenshot: async (path) => writeFileSync(path, Buffer.from(await call<string>('GET', `${s}/screenshot`), 'base64')),
    async close() {
      await call('DELETE', s).catch(() => undefined);
      try {
        process.kill(-proc.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}
