/**
 * The smoke checks, the same in every engine (e2e/matrix.config.ts: one project per engine; the
 * drivers in driver-*.ts): the app loads with its trust list, judges a pasted code of every demo
 * format, reads a QR image with the WebAssembly decoder under the production CSP, reads a code
 * from a camera stream, and its service worker keeps it loading and judging with the server gone.
 */
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { qrPng } from '../../src/issuer/qr-render.node.ts';
import { demoCode, demoManifest, qrVideo } from '../support.ts';
import { byTestId, ENGINES, openDriver, type Driver, type Engine } from './driver.ts';
import { startProxy, syntheticCameraScript, WORKER_READER_HOOK, type Proxy } from './fixtures.ts';

const PORT = Number(process.env.MATRIX_PORT ?? 4300);
const BASE = `http://127.0.0.1:${PORT}`;
/** The formats the demo world issues; each must get a verdict in every engine. */
const FORMATS = ['cn-hc', 'eu-dcc', 'nzcp', 'shc', 'vds-nc'];

let engine: Engine;
let d: Driver;
let proxy: Proxy;

test.beforeAll(async ({}, info) => {
  engine = info.project.name as Engine;
  d = await openDriver(engine);
  // Its own origin per engine (so one engine's stopped proxy never touches another's).
  proxy = await startProxy(PORT + 1 + ENGINES.indexOf(engine), PORT);
});
test.afterAll(async () => {
  await d?.close();
  await proxy?.stop();
});

const attr = (dr: Driver, id: string, name: string) =>
  dr.run<string | null>(`return document.querySelector(args[0])?.getAttribute(args[1]) ?? null`, byTestId(id), name);
const count = (dr: Driver, id: string) => dr.run<number>(`return document.querySelectorAll(args[0]).length`, byTestId(id));
const expectAttr = (dr: Driver, id: string, name: string, value: string) =>
  expect.poll(() => attr(dr, id, name), { message: `${id} ${name}`, timeout: 20_000 }).toBe(value);
const ready = (dr: Driver) => expectAttr(dr, 'trust-status', 'data-state', 'ready');

/** Pastes text as the clipboard does (value set, then an insertFromPaste input event) and taps Verify. */
async function paste(dr: Driver, text: string) {
  await dr.run(
    `const box = document.querySelector(args[0]);
     box.focus();
     Object.getOwnPropertyDescriptor(Object.getPrototypeOf(box), 'value').set.call(box, args[1]);
     box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: args[1] }));`,
    byTestId('paste-input'),
    text,
  );
  await dr.click('paste-submit');
}

/** Expects the verdict on screen, returns its format, then taps the result away. */
async function verdict(dr: Driver, outcome: 'PASS' | 'FAIL', reason = ''): Promise<string | null> {
  await expectAttr(dr, 'result', 'data-outcome', outcome);
  expect(await attr(dr, 'result', 'data-reason')).toBe(reason);
  const format = await attr(dr, 'result', 'data-format');
  await dr.click('result');
  await expect.poll(() => count(dr, 'result')).toBe(0);
  return format;
}

/** Resolves once a service worker controls the page (its precache is complete). */
const WAIT_FOR_CONTROL = `
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  return true;`;

test('loads, and the trust list is ready', async () => {
  await d.goto(BASE + '/');
  await ready(d);
  expect(await attr(d, 'trust-status', 'data-via')).toBe('network');
  expect(await count(d, 'paste-input')).toBe(1);
});

test('a pasted code of every demo format, CN SM2 included, gets its verdict', async ({}, info) => {
  await d.goto(BASE + '/');
  await ready(d);
  const manifest = demoManifest();
  const seen = new Set<string>();
  for (const c of manifest) {
    await test.step(c.name, async () => {
      await paste(d, demoCode(c.name));
      const format = await verdict(d, c.expect, c.reason ?? '');
      if (format) seen.add(format);
    });
  }
  expect([...seen].sort()).toEqual(FORMATS);
  expect(manifest.filter((c) => c.name.includes('sm2')).map((c) => c.expect)).toEqual(expect.arrayContaining(['PASS', 'FAIL']));
  await paste(d, demoCode('pass-shanghai-green-sm2'));
  await expectAttr(d, 'result', 'data-outcome', 'PASS');
  await d.screenshot(info.outputPath(`${engine}-sm2-pass.png`));
  await info.attach(`${engine}: SM2 code passes`, { path: info.outputPath(`${engine}-sm2-pass.png`), contentType: 'image/png' });
});

test('a QR image file is read by the WebAssembly decoder under the CSP', async ({}, info) => {
  const png = info.outputPath('code.png');
  writeFileSync(png, await qrPng(demoCode('pass-eu-dcc-vaccination')));
  await d.goto(BASE + '/');
  await ready(d);
  // The image path starts a worker per file: from here, each worker's answer names its reader.
  await d.run(WORKER_READER_HOOK);
  await d.setFile('image-input', png);
  expect(await verdict(d, 'PASS')).toBe('eu-dcc');
  expect(await d.run('return window.__matrixReaders')).toEqual(['zxing-wasm']);
});

/** What the page's camera is doing, saved beside its screenshot (a failed read is otherwise a blank). */
const CAMERA_STATE = `const v = document.querySelector('video');
  return { camera: document.querySelector('.viewfinder')?.dataset.camera, problem: document.querySelector('[data-testid=camera-problem]')?.dataset.kind,
    video: v && { readyState: v.readyState, width: v.videoWidth, paused: v.paused }, hidden: document.hidden,
    synthetic: !!window.__matrixSyntheticCamera, retry: document.querySelector('[data-testid=camera-retry]')?.disabled,
    marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('gatecheck:')).map((m) => m.name + ' ' + Math.round(m.startTime)) };`;

test('a QR code held up to the camera is read and judged', async ({}, info) => {
  const code = demoCode('pass-shanghai-green-sm2');
  // Chromium: its fake camera device plays a video of the code. Firefox and WebKit have no such
  // device: getUserMedia answers with a canvas stream of the code instead.
  const cam = await openDriver(engine, engine === 'chromium' ? { fakeCameraVideo: qrVideo('matrix-camera', code) } : {});
  try {
    if (engine === 'chromium') await cam.goto(BASE + '/');
    else if (cam.beforeLoad) {
      await cam.beforeLoad(syntheticCameraScript(code));
      await cam.goto(BASE + '/');
    } else {
      // No script before the page's own over classic WebDriver: the app meets no camera, says
      // so, and the operator's Retry (after the synthetic camera is in place) starts the scanner.
      await cam.goto(BASE + '/');
      await expectAttr(cam, 'camera-problem', 'data-kind', 'missing');
      // Settled first: at this 1024 px viewport the header grows when the trust list arrives,
      // moving Retry down 52 px (docs/browsers.md), and a click aimed before it lands beside it.
      await ready(cam);
      await cam.run(syntheticCameraScript(code));
      await cam.click('camera-retry');
    }
    await expectAttr(cam, 'result', 'data-outcome', 'PASS');
    expect(await attr(cam, 'result', 'data-format')).toBe('cn-hc');
    // camera-scanner.ts marks each delivered read with the reader that made it.
    const readers = await cam.run<string[]>(`return performance.getEntriesByName('gatecheck:code-read').map((m) => m.detail?.reader)`);
    expect(readers.length).toBeGreaterThan(0);
    expect(new Set(readers)).toEqual(new Set(['zxing-wasm']));
  } finally {
    await cam.screenshot(info.outputPath(`${engine}-camera.png`)).catch(() => undefined);
    const page = await cam.run(CAMERA_STATE).catch((e: unknown) => String(e));
    writeFileSync(info.outputPath(`${engine}-camera-state.json`), JSON.stringify(page, null, 1));
    await cam.close();
  }
});

test('the service worker controls the page after a reload', async () => {
  await d.goto(proxy.origin + '/');
  await ready(d);
  await d.run('await navigator.serviceWorker.ready; return true');
  await d.reload();
  await ready(d);
  await expect.poll(() => d.run('return !!navigator.serviceWorker.controller')).toBe(true);
});

test('with the server gone, a reload still loads and judges codes', async () => {
  await d.goto(proxy.origin + '/');
  await ready(d);
  await d.run(WAIT_FOR_CONTROL);
  await proxy.stop();
  await expect(fetch(proxy.origin + '/'), 'the origin answers nothing now').rejects.toThrow();
  await d.reload();
  await ready(d);
  expect(await attr(d, 'trust-status', 'data-via')).toBe('storage');
  await paste(d, demoCode('pass-guangdong-green'));
  await verdict(d, 'PASS');
  await paste(d, demoCode('pass-sichuan-green-sm2'));
  await verdict(d, 'PASS');
});
