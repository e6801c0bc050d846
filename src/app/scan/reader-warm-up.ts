/**
 * Warms the decode worker's QR reader on a code the size of a real one, as the camera starts.
 * zxing-wasm runs a function in its baseline code until it has run often enough to be optimised,
 * and a frame without a code never reaches the decoding half (finder patterns, alignment, error
 * correction). Measured in Node: the first frames holding a CN code took 10–31 ms to read, later
 * ones 2.5–4 ms; after a dozen reads of this frame, the first real one took 4–5 ms. On a slow phone
 * the worker is slow too, so that was the first person's wait, several times over.
 */
import type { Pixels } from '../../read/qr-decode.ts';
import type { Reader } from '../../read/reader-chain.ts';
import { WARM_CODE_ROWS } from './warm-code.ts';

/** Reads of the warm frame: enough for the decoding path to settle (the Node measurement above). */
export const WARM_READS = 12;

/** A camera-sized frame (640×480, grey, as Chromium's camera gives) with the warm code in the middle. */
export function warmFrame(width = 640, height = 480): Pixels {
  const modules = WARM_CODE_ROWS.length;
  const scale = Math.max(1, Math.floor(Math.min(width, height) / (modules + 8)));
  const [ox, oy] = [Math.floor((width - modules * scale) / 2), Math.floor((height - modules * scale) / 2)];
  const data = new Uint8ClampedArray(width * height * 4).fill(230);
  // The quiet zone white, then the dark modules.
  fill(data, width, ox - 4 * scale, oy - 4 * scale, (modules + 8) * scale, 255);
  for (let y = 0; y < modules; y++) {
    const bits = BigInt('0x' + WARM_CODE_ROWS[y]!);
    for (let x = 0; x < modules; x++) if ((bits >> BigInt(modules - 1 - x)) & 1n) fill(data, width, ox + x * scale, oy + y * scale, scale, 20);
  }
  return { data, width, height };
}

function fill(data: Uint8ClampedArray, width: number, x0: number, y0: number, side: number, value: number): void {
  for (let y = Math.max(0, y0); y < y0 + side; y++)
    for (let x = Math.max(0, x0); x < Math.min(width, x0 + side); x++) {
      const p = (y * width + x) * 4;
      data[p] = data[p + 1] = data[p + 2] = value;
      data[p + 3] = 255;
    }
}

/**
 * Reads the warm frame `rounds` times, each read a task of its own, so a camera frame that arrives
 * meanwhile waits for one read at most. A reader that throws ends the warm-up (the chain drops it
 * on the next real frame anyway).
 */
export function warmReader(reader: Reader<Pixels>, rounds = WARM_READS): void {
  const frame = warmFrame();
  const step = (left: number) =>
    setTimeout(async () => {
      try {
        await reader.read(frame);
      } catch {
        return;
      }
      if (left > 1) step(left - 1);
    }, 0);
  step(rounds);
}
