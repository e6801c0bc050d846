/**
 * Camera-like frames of a QR module matrix, degraded the way gate cameras see phone screens:
 * rotation, perspective, blur, sensor noise, low contrast, glare and small modules. Everything is
 * drawn from a seeded random source, so a benchmark or test sees the same frames on every run.
 */
import { encodeBase45 } from '../../src/core/encoding/base45.ts';
import { qrMatrix } from '../../src/issuer/qr-render.node.ts';
import type { Luminance } from '../../src/read/qr-decode.ts';

export type Matrix = { size: number; dark: (x: number, y: number) => boolean };

export const DEGRADATIONS = ['clean', 'rotation', 'perspective', 'blur', 'noise', 'low-contrast', 'glare', 'small-modules', 'combined'] as const;
export type Degradation = (typeof DEGRADATIONS)[number];

interface Look {
  /** Module size in pixels before perspective (may be fractional). */
  module: number;
  angle: number;
  /** Corner jitter as a fraction of the code's side. */
  skew: number;
  blur: number;
  noise: number;
  dark: number;
  light: number;
  glare: number;
}

const QUIET = 4;
const BACKGROUND = 200;

/** Draw parameters for one degradation kind, from `rand`. */
function look(kind: Degradation, rand: () => number, fitModule: number): Look {
  const between = (a: number, b: number) => a + (b - a) * rand();
  const base: Look = { module: Math.floor(fitModule), angle: 0, skew: 0, blur: 0, noise: 0, dark: 16, light: 255, glare: 0 };
  switch (kind) {
    case 'clean':
      return base;
    case 'rotation':
      // Rotated by up to 45° the code's diagonal must still fit the frame.
      return { ...base, module: fitModule / Math.SQRT2, angle: between(0, 2 * Math.PI) };
    case 'perspective':
      return { ...base, module: fitModule * 0.75, skew: between(0.06, 0.16) };
    case 'blur':
      return { ...base, blur: between(0.25, 0.45) * base.module };
    case 'noise':
      return { ...base, noise: between(20, 45) };
    case 'low-contrast':
      return { ...base, dark: between(95, 120), light: between(150, 175) };
    case 'glare':
      return { ...base, glare: between(140, 230) };
    case 'small-modules':
      return { ...base, module: between(1.7, 2.6), blur: 0.5 };
    case 'combined':
      return { module: fitModule * 0.7, angle: between(-0.3, 0.3), skew: between(0.02, 0.07), blur: between(0.6, 1.1), noise: between(6, 14), dark: between(40, 70), light: between(190, 230), glare: 0 };
  }
}

/** `prefix` and `bytes` random bytes in base45: a code text of realistic length and alphabet. */
export const randomCodeText = (rand: () => number, prefix: string, bytes: number): string =>
  prefix + encodeBase45(Uint8Array.from({ length: bytes }, () => Math.floor(rand() * 256)));

/**
 * For each degradation kind in turn, `perKind` codes: the text `textOf(i)` makes (from `rand`, as it
 * likes), then its frame degraded from the same `rand` — one seeded sequence, the same frames on
 * every run.
 */
export function* degradedCodes(rand: () => number, perKind: number, textOf: (i: number) => string): Generator<{ kind: Degradation; i: number; text: string; frame: Luminance }> {
  for (const kind of DEGRADATIONS)
    for (let i = 0; i < perKind; i++) {
      const text = textOf(i);
      yield { kind, i, text, frame: degradedFrame(qrMatrix(text), kind, rand) };
    }
}

/** A `width`×`height` grayscale frame showing `qr` (with a 4-module quiet zone) degraded as `kind`. */
export function degradedFrame(qr: Matrix, kind: Degradation, rand: () => number, width = 640, height = 480): Luminance {
  const side = qr.size + 2 * QUIET;
  const fitModule = (Math.min(width, height) - 24) / side;
  const p = look(kind, rand, fitModule);
  // Corners of the code (module coordinates 0..side) in the frame: centred, scaled, rotated, jittered.
  const half = (side * p.module) / 2;
  const cx = width / 2 + (rand() - 0.5) * Math.max(0, width - 2 * half * (p.angle ? Math.SQRT2 : 1)) * 0.5;
  const cy = height / 2 + (rand() - 0.5) * Math.max(0, height - 2 * half * (p.angle ? Math.SQRT2 : 1)) * 0.5;
  const cos = Math.cos(p.angle);
  const sin = Math.sin(p.angle);
  const corners: [number, number][] = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ].map(([sx, sy]) => {
    const x = sx! * half * (1 + (rand() - 0.5) * 2 * p.skew);
    const y = sy! * half * (1 + (rand() - 0.5) * 2 * p.skew);
    return [cx + x * cos - y * sin, cy + x * sin + y * cos];
  });
  // Inverse mapping: frame pixel -> module coordinates.
  const h = homography(corners, [
    [0, 0],
    [side, 0],
    [side, side],
    [0, side],
  ]);
  const shade = (u: number, v: number): number => {
    if (u < 0 || v < 0 || u >= side || v >= side) return BACKGROUND;
    const mx = Math.floor(u) - QUIET;
    const my = Math.floor(v) - QUIET;
    return mx >= 0 && my >= 0 && mx < qr.size && my < qr.size && qr.dark(mx, my) ? p.dark : p.light;
  };
  let px: Float32Array = new Float32Array(width * height);
  // 2×2 supersampling stands in for the lens' own smoothing of module edges.
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (const [dx, dy] of SUBPIXELS) {
        const [u, v] = apply(h, x + dx, y + dy);
        sum += shade(u, v);
      }
      px[y * width + x] = sum / 4;
    }
  if (p.blur > 0) px = gaussianBlur(px, width, height, p.blur);
  if (p.glare > 0) {
    // A specular highlight over part of the code, as from a ceiling light on a phone screen.
    const gx = cx + (rand() - 0.5) * half;
    const gy = cy + (rand() - 0.5) * half;
    const r = half * (0.25 + 0.25 * rand());
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) px[y * width + x]! += p.glare * Math.exp(-((x - gx) ** 2 + (y - gy) ** 2) / (2 * r * r));
  }
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0; i < out.length; i++) out[i] = px[i]! + (p.noise ? p.noise * gauss(rand) : 0);
  return { data: out, width, height };
}

const SUBPIXELS = [
  [0.25, 0.25],
  [0.75, 0.25],
  [0.25, 0.75],
  [0.75, 0.75],
] as const;

type H = readonly number[];

function apply(h: H, x: number, y: number): [number, number] {
  const w = h[6]! * x + h[7]! * y + 1;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/** The projective map taking the four `from` points to the four `to` points (h33 = 1). */
function homography(from: [number, number][], to: [number, number][]): H {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8×9 augmented matrix.
  for (let c = 0; c < 8; c++) {
    let best = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[best]![c]!)) best = r;
    [a[c], a[best]] = [a[best]!, a[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < 9; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row, i) => row[8]! / row[i]!);
}

function gaussianBlur(src: Float32Array, width: number, height: number, sigma: number): Float32Array {
  const r = Math.ceil(sigma * 3);
  const k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const total = k.reduce((s, v) => s + v, 0);
  const kernel = k.map((v) => v / total);
  const pass = (input: Float32Array, dx: number, dy: number): Float32Array => {
    const out = new Float32Array(input.length);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        let s = 0;
        for (let i = -r; i <= r; i++) {
          const sx = Math.min(width - 1, Math.max(0, x + i * dx));
          const sy = Math.min(height - 1, Math.max(0, y + i * dy));
          s += input[sy * width + sx]! * kernel[i + r]!;
        }
        out[y * width + x] = s;
      }
    return out;
  };
  return pass(pass(src, 1, 0), 0, 1);
}

/** Standard normal deviate (Box–Muller). */
function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** RGBA pixels of a grayscale frame, as a canvas' getImageData would hand them over. */
export function toRgba(img: Luminance): Uint8ClampedArray {
  const out = new Uint8ClampedArray(img.width * img.height * 4);
  for (let i = 0, p = 0; i < img.data.length; i++, p += 4) {
    out[p] = out[p + 1] = out[p + 2] = img.data[i]!;
    out[p + 3] = 255;
  }
  return out;
}
