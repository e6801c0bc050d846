/**
 * Stacked bars (PASS below, FAIL above) drawn as plain SVG. Screen readers get a one-sentence
 * summary (role="img" + aria-label) and a visually hidden table with the numbers; FAIL bars are
 * hatched as well as red, so the two never differ by colour alone.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/strings.ts';
import type { Bin } from './aggregate.ts';
import { chartLayout } from './chart.ts';
import { s } from './strings.ts';

interface Props {
  lang: Lang;
  bins: readonly Bin[];
  /** Axis text under a bar. */
  label: (bin: Bin) => string;
  /** Wider labels need more room each ("05-01 14:00" vs "14:00"). */
  labelWidth: number;
  summary: string;
  caption: string;
  firstColumn: string;
}

const HEIGHT = 220;

export function StatsChart({ lang, bins, label, labelWidth, summary, caption, firstColumn }: Props) {
  const box = useRef<HTMLDivElement>(null);
  // Drawn at the real pixel width, so axis text keeps its size on a phone instead of shrinking.
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([e]) => e && setWidth(Math.max(240, Math.round(e.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const l = chartLayout(bins, { width, height: HEIGHT, label, labelWidth });
  const nf = new Intl.NumberFormat(lang);
  const withData = bins.filter((b) => b.pass + b.fail > 0);

  return (
    <div class="stats-chart" ref={box}>
      <svg data-testid="stats-chart" role="img" aria-label={summary} width={l.width} height={l.height} viewBox={`0 0 ${l.width} ${l.height}`}>
        <defs>
          <pattern id="stats-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" class="bar-fail" />
            <line x1="0" y1="0" x2="0" y2="6" class="hatch" />
          </pattern>
        </defs>
        {l.yTicks.map((t) => {
          const y = l.plot.bottom - (t / l.yMax) * (l.plot.bottom - l.plot.top);
          return (
            <g key={t}>
              <line class="grid" x1={l.plot.left} x2={l.plot.right} y1={y} y2={y} />
              <text class="axis" x={l.plot.left - 6} y={y} text-anchor="end" dominant-baseline="middle">
                {nf.format(t)}
              </text>
            </g>
          );
        })}
        {l.bars.map((b) => (
          <g key={b.bin.key}>
            {b.passH > 0 && <rect class="bar-pass" x={b.x} y={b.passY} width={b.width} height={b.passH} />}
            {b.failH > 0 && <rect fill="url(#stats-hatch)" x={b.x} y={b.failY} width={b.width} height={b.failH} />}
          </g>
        ))}
        {l.xLabels.map((x) => (
          <text key={x.x} class="axis" x={x.x} y={l.height - 6} text-anchor={x.anchor}>
            {x.text}
          </text>
        ))}
      </svg>
      <ul class="stats-legend" aria-hidden="true">
        <li>
          <span class="swatch swatch-pass" /> {s('totalPass', lang)}
        </li>
        <li>
          <span class="swatch swatch-fail" /> {s('totalFail', lang)}
        </li>
      </ul>
      {/* The wrapper hides it: a table ignores width: 1px and would widen the page. */}
      <div class="stats-sr-only">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{firstColumn}</th>
              <th scope="col">{s('totalPass', lang)}</th>
              <th scope="col">{s('totalFail', lang)}</th>
            </tr>
          </thead>
          <tbody>
            {withData.map((b) => (
              <tr key={b.key}>
                <th scope="row">{label(b)}</th>
                <td>{b.pass}</td>
                <td>{b.fail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
