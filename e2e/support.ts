/** e2e helpers: the e2e demo world, QR video for Chromium's fake camera, and browser launch. */
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { qrMatrix } from '../src/issuer/qr-render.node.ts';

export const DEMO_DIR = resolve(process.env.E2E_DEMO_DIR ?? 'e2e/.fixtures/demo-world');
const FIXTURES = resolve('e2e/.fixtures');

export const demoCode = (name: string): string => readFileSync(join(DEMO_DIR, 'codes', `${name}.txt`), 'utf8').trim();

export const demoManifest = (): { name: string; expect: 'PASS' | 'FAIL'; reason?: string }[] =>
  JSON.parse(readFileSync(join(DEMO_DIR, 'codes', 'index.json'), 'utf8'));

/** A dark-on-light picture to put in front of the fake camera. */
type Picture = { width: number; height: number; dark: (x: number, y: number) => boolean };

/**
 * A one-frame 640x480 YUV4MPEG2 video of the picture (Chromium loops it), scaled by an integer
 * factor only (non-integer resizes blur dense codes) onto a light grey background.
 */
function writeVideo(name: string, pic: Picture, width = 640, height = 480): string {
  const scale = Math.floor((Math.min(width, height) - 40) / Math.max(pic.width, pic.height));
  if (scale < 1) throw new Error('picture too large for the video frame');
  const ox = Math.floor((width - pic.width * scale) / 2);
  const oy = Math.floor((height - pic.height * scale) / 2);
  const y = new Uint8Array(width * height).fill(235);
  for (let py = 0; py < pic.height * scale; py++)
    for (let px = 0; px < pic.width * scale; px++)
      y[(oy + py) * width + ox + px] = pic.dark(Math.floor(px / scale), Math.floor(py / scale)) ? 16 : 255;
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
  mkdirSync(FIXTURES, { recursive: true });
  const file = join(FIXTURES, `${name}.y4m`);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
  writeFileSync(file, Buffer.concat([header, y, chroma, chroma]));
  return file;
}

/** Video of a code text, drawn as a QR code with a 4-module quiet zone, as a phone screen shows it. */
export function qrVideo(name: string, text: string): string {
  const qr = qrMatrix(text);
  const quiet = 4;
  const side = qr.size + 2 * quiet;
  return writeVideo(name, {
    width: side,
    height: side,
    dark: (x, y) => x >= quiet && y >= quiet && x < quiet + qr.size && y < quiet + qr.size && qr.dark(x - quiet, y - quiet),
  });
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
