/**
 * A picture drawn crisp into a camera-sized grey frame — the way a camera sees a phone screen held
 * square to it: a whole number of pixels per module, centred, dark 16 and light 255 on grey 235.
 * The fake camera's videos (e2e), the frames of the QR reading tests and the decode worker's tests
 * all draw their codes with this one function.
 */
import type { Luminance } from '../../src/read/qr-decode.ts';
import type { Matrix } from './synthetic-frames.ts';

/** Dark and light pixels: a QR matrix with its quiet zone, a decoded PNG. */
export type Picture = { width: number; height: number; dark: (x: number, y: number) => boolean };

const QUIET = 4;

/** The QR matrix with its 4-module quiet zone. */
export function withQuietZone(qr: Matrix): Picture {
  const side = qr.size + 2 * QUIET;
  return { width: side, height: side, dark: (x, y) => x >= QUIET && y >= QUIET && x < QUIET + qr.size && y < QUIET + qr.size && qr.dark(x - QUIET, y - QUIET) };
}

/**
 * `pic` in a width × height frame at `scale` pixels per picture pixel — by default the largest
 * whole number that leaves 20 px of margin (a non-integer resize would blur dense codes).
 */
export function crispFrame(pic: Picture, width = 640, height = 480, scale = Math.floor((Math.min(width, height) - 40) / Math.max(pic.width, pic.height))): Luminance {
  if (scale < 1) throw new Error('picture too large for the frame');
  const ox = Math.floor((width - pic.width * scale) / 2);
  const oy = Math.floor((height - pic.height * scale) / 2);
  const data = new Uint8ClampedArray(width * height).fill(235);
  for (let py = 0; py < pic.height * scale; py++)
    for (let px = 0; px < pic.width * scale; px++) data[(oy + py) * width + ox + px] = pic.dark(Math.floor(px / scale), Math.floor(py / scale)) ? 16 : 255;
  return { data, width, height };
}
