/**
 * A tiny rasteriser for QR-code SVGs drawn as one background rectangle plus one stroked path of
 * unit-width horizontal/vertical runs (`M4 4.5h7m2 0h2…`, as the SMART Health Cards examples are
 * written). Enough to render them to a luma bitmap for our QR reader; not a general SVG renderer.
 */
import type { Luminance } from '../../src/read/qr-decode.ts';

type Cmd = { op: string; args: number[] };

function parsePath(d: string): Cmd[] {
  const cmds: Cmd[] = [];
  for (const m of d.matchAll(/([MmHhVvLlZz])([^MmHhVvLlZz]*)/g)) {
    const args = (m[2]!.match(/-?\d*\.?\d+(?:e-?\d+)?/g) ?? []).map(Number);
    cmds.push({ op: m[1]!, args });
  }
  return cmds;
}

/** Unit-width stroke segments of a path, in user units: [x0, y0, x1, y1]. */
function segments(d: string): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  for (const { op, args } of parsePath(d)) {
    const rel = op === op.toLowerCase();
    const step = op.toLowerCase() === 'm' || op.toLowerCase() === 'l' ? 2 : op.toLowerCase() === 'z' ? 0 : 1;
    if (step === 0) {
      out.push([x, y, sx, sy]);
      [x, y] = [sx, sy];
      continue;
    }
    for (let i = 0; i < args.length; i += step) {
      let nx = x;
      let ny = y;
      const k = op.toLowerCase();
      if (k === 'h') nx = rel ? x + args[i]! : args[i]!;
      else if (k === 'v') ny = rel ? y + args[i]! : args[i]!;
      else {
        nx = rel ? x + args[i]! : args[i]!;
        ny = rel ? y + args[i + 1]! : args[i + 1]!;
      }
      // A moveto's extra pairs are linetos (SVG 1.1 §8.3.2).
      if (k === 'm' && i === 0) [sx, sy] = [nx, ny];
      else out.push([x, y, nx, ny]);
      [x, y] = [nx, ny];
    }
  }
  return out;
}

/** The SVG drawn at `scale` pixels per user unit, as luma (0 black, 255 white). */
export function rasteriseQrSvg(svg: string, scale = 4): Luminance {
  const vb = /viewBox="([\d.\s-]+)"/.exec(svg)?.[1]?.trim().split(/\s+/).map(Number);
  if (!vb || vb.length !== 4) throw new Error('no viewBox');
  const [vx, vy, vw, vh] = vb as [number, number, number, number];
  const width = Math.round(vw * scale);
  const height = Math.round(vh * scale);
  const data = new Uint8ClampedArray(width * height).fill(255);
  const paint = (x0: number, y0: number, x1: number, y1: number) => {
    for (let py = Math.max(0, Math.round((y0 - vy) * scale)); py < Math.min(height, Math.round((y1 - vy) * scale)); py++)
      for (let px = Math.max(0, Math.round((x0 - vx) * scale)); px < Math.min(width, Math.round((x1 - vx) * scale)); px++) data[py * width + px] = 0;
  };
  for (const m of svg.matchAll(/<path\b([^>]*)\/?>/g)) {
    const attrs = m[1]!;
    const d = /\sd="([^"]*)"/.exec(attrs)?.[1];
    const stroke = /\sstroke="([^"]*)"/.exec(attrs)?.[1];
    // Only dark strokes draw modules; the white fill is the background already in `data`.
    if (!d || !stroke || stroke === 'none' || /^#f{3}(f{3})?$/i.test(stroke)) continue;
    for (const [x0, y0, x1, y1] of segments(d)) {
      if (y0 === y1) paint(Math.min(x0, x1), y0 - 0.5, Math.max(x0, x1), y0 + 0.5);
      else if (x0 === x1) paint(x0 - 0.5, Math.min(y0, y1), x0 + 0.5, Math.max(y0, y1));
      else throw new Error('diagonal stroke: not a QR module path');
    }
  }
  return { data, width, height };
}
