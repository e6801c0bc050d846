/** e2e helpers: the e2e demo world, QR video for Chromium's fake camera, and browser launch. */
import { chromium, type Browser } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { qrMatrix } from '../src/issuer/qr-render.node.ts';

export const DEMO_DIR = resolve('e2e/.fixtures/demo-world');
const FIXTURES = resolve('e2e/.fixtures');

export const demoCode = (name: string): string => readFileSync(join(DEMO_DIR, 'codes', `${name}.txt`), 'utf8').trim();

export const demoManifest = (): { name: string; expect: 'PASS' | 'FAIL'; reason?: string }[] =>
  JSON.parse(readFileSync(join(DEMO_DIR, 'codes', 'index.json'), 'utf8'));

/**
 * A one-frame 640x480 YUV4MPEG2 video of the code (Chromium loops it). The QR is drawn at an
 * integer module size with a white quiet zone, as a phone screen held to the camera shows it.
 */
export function qrVideo(name: string, text: string, width = 640, height = 480): string {
  const qr = qrMatrix(text);
  const quiet = 4;
  const scale = Math.floor((Math.min(width, height) - 40) / (qr.size + 2 * quiet));
  if (scale < 2) throw new Error('code too dense for the video frame');
  const side = (qr.size + 2 * quiet) * scale;
  const ox = Math.floor((width - side) / 2);
  const oy = Math.floor((height - side) / 2);
  const y = new Uint8Array(width * height).fill(235); // light grey background around the "phone"
  for (let py = 0; py < side; py++)
    for (let px = 0; px < side; px++) {
      const mx = Math.floor(px / scale) - quiet;
      const my = Math.floor(py / scale) - quiet;
      const dark = mx >= 0 && my >= 0 && mx < qr.size && my < qr.size && qr.dark(mx, my);
      y[(oy + py) * width + ox + px] = dark ? 16 : 255;
    }
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
  mkdirSync(FIXTURES, { recursive: true });
  const file = join(FIXTURES, `${name}.y4m`);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
  writeFileSync(file, Buffer.concat([header, y, chroma, chroma]));
  return file;
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
