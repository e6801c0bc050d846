/**
 * Warms the decode worker's QR reader on a code the size of a real one, as the camera starts.
 * zxing-wasm runs a function in its baseline code until it has run often enough to be optimised,
 * and a frame without a code never reaches the decoding half (finder patterns, alignment, error
 * correction). Measured in Node: the first frames holding a CN code took 10–31 ms to read, later
 * ones 2.5–4 ms; after a dozen reads of this frame, the first real one took 4–5 ms. On a slow phone
 * the worker is slow too, so that was the first person's wait, several times over.
 */
import { grayImage, type GrayImage } from '../../read/gray-image.ts';
import type { Reader } from '../../read/reader-chain.ts';
import { WARM_CODE_ROWS } from './warm-code.ts';

/** Reads of the warm frame: enough for the decoding path to settle (the Node measurement above). */
export const WARM_READS = 12;

/**
 * A camera-sized frame (640×480, grey, as Chromium's camera gives) with the warm code in the
 * middle, as the luminance the worker reads camera frames as (frame-gray.ts).
 */
export function warmFrame(width = 640, height = 480): GrayImage {
  const modules = WARM_CODE_ROWS.length;
  const scale = Math.max(1, Math.floor(Math.min(width, height) / (modules + 8)));
  const [ox, oy] = [Math.floor((width - modules * scale) / 2), Math.floor((height - modules * scale) / 2)];
  const img = grayImage(width, height);
  img.bytes.fill(230, img.offset);
  const square = (x0: number, y0: number, side: number, value: number) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + side); y++) img.bytes.fill(value, img.offset + y * width + Math.max(0, x0), img.offset + y * width + Math.min(width, x0 + side));
  };
  // The quiet zone white, then the dark modules.
  square(ox - 4 * scale, oy - 4 * scale, (modules + 8) * scale, 255);
  for (let y = 0; y < modules; y++) {
    const bits = BigInt('0x' + WARM_CODE_ROWS[y]!);
    for (let x = 0; x < modules; x++) if ((bits >> BigInt(modules - 1 - x)) & 1n) square(ox + x * scale, oy + y * scale, scale, 20);
  }
  return img;
}

/**
 * Reads the warm frame `rounds` times, each read a task of its own, so a camera frame that arrives
 * meanwhile waits for one read at most. A reader that throws ends the warm-up (the chain drops it
 * on the next real frame anyway).
 */
export function warmReader(reader: Reader<GrayImage>, rounds = WARM_READS): void {
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
