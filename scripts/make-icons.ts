/**
 * Draws the app icons (PNG 192/512, a maskable 512, a 180 touch icon) from geometry: a white check
 * mark, as in public/favicon.svg, on the app's dark green, anti-aliased by 4×4 supersampling.
 * Run once after changing the design:
 * `npx tsx scripts/make-icons.ts`; the PNGs in public/icons are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const BG = [0x0b, 0x3d, 0x2e];
const FG = [0xff, 0xff, 0xff];
// Check mark as two strokes, in units of the icon's side.
const STROKES: [number, number, number, number][] = [
  [4 / 24, 12.5 / 24, 9 / 24, 17.5 / 24],
  [9 / 24, 17.5 / 24, 20 / 24, 6.5 / 24],
];

function distToSegment(px: number, py: number, [x1, y1, x2, y2]: [number, number, number, number]): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** `inset`: the mark's scale inside the icon (maskable icons keep it inside the 80 % safe circle). */
function draw(size: number, opts: { rounded: boolean; inset: number }): Buffer {
  const png = new PNG({ width: size, height: size });
  const S = 4;
  const stroke = 2.6 / 24;
  const radius = 0.18;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const u = (x + (sx + 0.5) / S) / size;
          const v = (y + (sy + 0.5) / S) / size;
          // Rounded-square background (or full bleed).
          const cx = Math.max(radius - u, 0, u - (1 - radius));
          const cy = Math.max(radius - v, 0, v - (1 - radius));
          const inBg = !opts.rounded || Math.hypot(cx, cy) <= radius;
          if (!inBg) continue;
          bg++;
          const mu = 0.5 + (u - 0.5) / opts.inset;
          const mv = 0.5 + (v - 0.5) / opts.inset;
          if (STROKES.some((s) => distToSegment(mu, mv, s) <= stroke / 2)) fg++;
        }
      const i = (y * size + x) * 4;
      const n = S * S;
      const a = bg / n;
      const f = bg ? fg / bg : 0;
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(BG[c]! * (1 - f) + FG[c]! * f);
      png.data[i + 3] = Math.round(a * 255);
    }
  return PNG.sync.write(png);
}

mkdirSync('public/icons', { recursive: true });
writeFileSync('public/icons/icon-192.png', draw(192, { rounded: true, inset: 0.9 }));
writeFileSync('public/icons/icon-512.png', draw(512, { rounded: true, inset: 0.9 }));
writeFileSync('public/icons/maskable-512.png', draw(512, { rounded: false, inset: 0.62 }));
writeFileSync('public/icons/apple-touch-icon-180.png', draw(180, { rounded: false, inset: 0.8 }));
console.log('icons written to public/icons');
