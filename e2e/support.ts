/** e2e helpers: the e2e demo world, QR video for Chromium's fake camera, and browser launch. */
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { qrMatrix } from '../src/issuer/qr-render.node.ts';
import { crispFrame, withQuietZone, type Picture } from '../test/support/crisp-frame.ts';

export const DEMO_DIR = resolve(process.env.E2E_DEMO_DIR ?? 'e2e/.fixtures/demo-world');
const FIXTURES = resolve('e2e/.fixtures');

export const demoCode = (name: string): string => readFileSync(join(DEMO_DIR, 'codes', `${name}.txt`), 'utf8').trim();

export const demoManifest = (): { name: string; expect: 'PASS' | 'FAIL'; reason?: string }[] =>
  JSON.parse(readFileSync(join(DEMO_DIR, 'codes', 'index.json'), 'utf8'));

/**
 * A one-frame 640x480 YUV4MPEG2 video of the picture (Chromium loops it), scaled by an integer
 * factor only (non-integer resizes blur dense codes) onto a light grey background.
 */
function writeVideo(name: string, pic: Picture, width = 640, height = 480): string {
  const y = crispFrame(pic, width, height).data;
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
  mkdirSync(FIXTURES, { recursive: true });
  const file = join(FIXTURES, `${name}.y4m`);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
  writeFileSync(file, Buffer.concat([header, new Uint8Array(y.buffer), chroma, chroma]));
  return file;
}

/** Video of a code text, drawn as a QR code with a 4-module quiet zone, as a phone screen shows it. */
export function qrVideo(name: string, text: string): string {
  return writeVideo(name, withQuietZone(qrMatrix(text)));
}

/** Video of a QR image file (PNG), e.g. one of the EU test suite's 2DCODE pictures. */
export function pngVideo(name: string, png: Uint8Array): string {
  const img = PNG.sync.read(Buffer.from(png));
  const lum = (x: number, y: number) => {
    const i = (y * img.width + x) * 4;
    return img.data[i + 3]! < 128 ? 255 : (img.data[i]! + img.data[i + 1]! + img.data[i + 2]!) / 3;
  };
  return writeVideo(name, { width: img.width, height: img.height, dark: (x, y) => lum(x, y) < 128 });
}

/** Chromium whose camera shows the given video file. */
export function launchWithCamera(videoFile: string): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${videoFile}`,
    ],
  });
}

/** Pastes a demo code into the paste box and submits it. */
export async function pasteDemoCode(page: Page, name: string): Promise<void> {
  await page.getByTestId('paste-input').fill(demoCode(name));
  await page.getByTestId('paste-submit').click();
}

/** Pastes a demo code, expects its verdict (and deciding reason, '' for PASS), then taps the result away. */
export async function expectDemoVerdict(page: Page, name: string, outcome: 'PASS' | 'FAIL', reason = ''): Promise<void> {
  await pasteDemoCode(page, name);
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', outcome);
  await expect(result).toHaveAttribute('data-reason', reason);
  await result.click();
  await expect(result).toHaveCount(0);
}

/** Waits until a service worker controls the page (its precache is complete). */
export async function serviceWorkerControls(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
}
