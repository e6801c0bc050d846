/** Geometry for the stacked bar chart, kept apart from the SVG so it can be tested. */
import type { Bin } from './aggregate.ts';

export interface ChartBar {
  bin: Bin;
  x: number;
  width: number;
  /** PASS sits on the axis, FAIL on top of it. */
  passY: number;
  passH: number;
  failY: number;
  failH: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  yMax: number;
  /** Values with a grid line, 0 first. */
  yTicks: number[];
  bars: ChartBar[];
  xLabels: { x: number; text: string; anchor: 'start' | 'middle' | 'end' }[];
}

/** The smallest 1, 2 or 5 × 10^k at or above `n`, never below 1 (counts are whole). */
export function niceStep(n: number): number {
  if (!(n > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/** A y axis with about four whole-number steps up to at least `max`. */
export function yScale(max: number): { yMax: number; ticks: number[] } {
  const step = niceStep(max / 4);
  const yMax = Math.max(step, step * Math.ceil(max / step));
  const ticks: number[] = [];
  for (let v = 0; v <= yMax; v += step) ticks.push(v);
  return { yMax, ticks };
}

export interface LayoutOptions {
  width: number;
  height: number;
  /** Text under a bar, for the bins that get one. */
  label: (bin: Bin) => string;
  /** About how wide one x label is drawn: sets how many fit and keeps the outer ones inside. */
  labelWidth?: number;
  /** Room for the y labels (left) and x labels (bottom). */
  margin?: { left: number; top: number; right: number; bottom: number };
}

export function chartLayout(bins: readonly Bin[], o: LayoutOptions): ChartLayout {
  const m = o.margin ?? { left: 36, top: 8, right: 8, bottom: 24 };
  const plot = { left: m.left, top: m.top, right: o.width - m.right, bottom: o.height - m.bottom };
  const { yMax, ticks } = yScale(Math.max(0, ...bins.map((b) => b.pass + b.fail)));
  const h = (v: number) => (v / yMax) * (plot.bottom - plot.top);
  const band = bins.length ? (plot.right - plot.left) / bins.length : 0;
  // A fifth of each band is gap while bars are wide enough to spare it; thin bars touch.
  const width = band >= 5 ? band * 0.8 : band;
  const bars = bins.map((bin, i) => {
    const x = plot.left + i * band + (band - width) / 2;
    const passH = h(bin.pass);
    const failH = h(bin.fail);
    return { bin, x, width, passY: plot.bottom - passH, passH, failY: plot.bottom - passH - failH, failH };
  });
  const labelWidth = o.labelWidth ?? 60;
  const stride = Math.max(1, Math.ceil(bins.length / Math.max(2, Math.floor((plot.right - plot.left) / labelWidth))));
  const xLabels = bars
    .filter((_, i) => i % stride === 0)
    .map((b) => {
      const x = b.x + b.width / 2;
      const text = o.label(b.bin);
      // A centred label at either end would be cut off by the SVG edge: align it inwards instead.
      if (x + labelWidth / 2 > o.width) return { x: o.width - 1, text, anchor: 'end' as const };
      if (x - labelWidth / 2 < 0) return { x: 1, text, anchor: 'start' as const };
      return { x, text, anchor: 'middle' as const };
    });
  return { width: o.width, height: o.height, plot, yMax, yTicks: ticks, bars, xLabels };
}

/** The bin with the most checks (the first of equals), or null when all are empty. */
export function peakBin(bins: readonly Bin[]): Bin | null {
  let best: Bin | null = null;
  for (const b of bins) if (b.pass + b.fail > 0 && (!best || b.pass + b.fail > best.pass + best.fail)) best = b;
  return best;
}
