/** Totals, a chart per hour (per day for 90 days), FAIL reasons, CSV export and clearing. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { reasonText } from '../../core/i18n/reason-texts.ts';
import type { Lang } from '../i18n/strings.ts';
import { clearStats, loadStats } from '../storage/stats-store.ts';
import { aggregateByDay, aggregateByHour, reasonBreakdown, totals, type Bin } from './aggregate.ts';
import { peakBin } from './chart.ts';
import { csvFilename, localTimeLabel, toCsv } from './csv.ts';
import { downloadText } from './download.ts';
import { StatsChart } from './StatsChart.tsx';
import type { StatsRow } from './stats-model.ts';
import { fill, s } from './strings.ts';
import './stats.css';

export type StatsRange = '24h' | '7d' | '90d';

const HOUR_MS = 3_600_000;
const RANGES: Record<StatsRange, { label: 'range24h' | 'range7d' | 'range90d'; hours: number; daily: boolean }> = {
  '24h': { label: 'range24h', hours: 24, daily: false },
  '7d': { label: 'range7d', hours: 7 * 24, daily: false },
  '90d': { label: 'range90d', hours: 90 * 24, daily: true },
};

export interface StatsScreenProps {
  lang: Lang;
  onClose?: () => void;
  /** Replaceable for tests and demos; default: the IndexedDB store. */
  load?: typeof loadStats;
  clear?: typeof clearStats;
}

export function StatsScreen({ lang, onClose, load = loadStats, clear = clearStats }: StatsScreenProps) {
  const [range, setRange] = useState<StatsRange>('24h');
  const [data, setData] = useState<{ rows: StatsRow[]; from: number; to: number } | null>(null);
  const [error, setError] = useState<'loadFailed' | 'clearFailed' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [version, setVersion] = useState(0);
  const cancelClear = useRef<HTMLButtonElement>(null);
  // The clear button goes away when asked; keep keyboard focus in the question, on the safe answer.
  useEffect(() => {
    if (confirming) cancelClear.current?.focus();
  }, [confirming]);

  useEffect(() => {
    let live = true;
    const to = Date.now();
    // The current hour plus the hours before it: "24 h" is 24 bars ending with this one.
    const from = to - (RANGES[range].hours - 1) * HOUR_MS;
    setData(null);
    setError(null);
    load({ from, to }).then(
      (rows) => live && setData({ rows, from, to }),
      () => live && setError('loadFailed'),
    );
    return () => {
      live = false;
    };
  }, [range, version]);

  const r = RANGES[range];
  const nf = new Intl.NumberFormat(lang);
  const pf = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const rows = data?.rows ?? [];
  const sum = totals(rows);
  const bins = data ? (r.daily ? aggregateByDay(rows, data) : aggregateByHour(rows, data)) : [];
  const label = r.daily
    ? (b: Bin) => b.key.slice(5)
    : range === '24h'
      ? (b: Bin) => localTimeLabel(b.start).slice(11)
      : (b: Bin) => localTimeLabel(b.start).slice(5);
  const peak = peakBin(bins);
  const period = s(r.label, lang);
  const summary = peak
    ? fill(s('chartSummary', lang), { period, pass: nf.format(sum.pass), fail: nf.format(sum.fail), peak: label(peak), peakCount: nf.format(peak.pass + peak.fail) })
    : fill(s('chartSummaryEmpty', lang), { period });
  const reasons = reasonBreakdown(rows);
  const topReason = reasons[0]?.count ?? 0;

  const exportCsv = () => downloadText(csvFilename(Date.now()), toCsv(rows, lang));
  const doClear = async () => {
    setConfirming(false);
    try {
      await clear();
      setVersion((n) => n + 1);
    } catch {
      setError('clearFailed');
    }
  };

  return (
    <main class="stats" data-testid="stats">
      <header class="stats-head">
        <h1>{s('title', lang)}</h1>
        {onClose && (
          <button type="button" class="stats-button" data-testid="stats-close" onClick={onClose}>
            {s('close', lang)}
          </button>
        )}
      </header>
      <p class="stats-note">{s('privacyNote', lang)}</p>

      <div class="stats-ranges" role="group" aria-label={s('range', lang)}>
        {(Object.keys(RANGES) as StatsRange[]).map((k) => (
          <button type="button" key={k} class="stats-button" data-testid={`stats-range-${k}`} aria-pressed={k === range} onClick={() => setRange(k)}>
            {s(RANGES[k].label, lang)}
          </button>
        ))}
      </div>

      {error && (
        <p class="stats-error" role="alert" data-testid="stats-error">
          {s(error, lang)}
        </p>
      )}

      <dl class="stats-totals" aria-busy={data === null}>
        <div class="total-pass">
          <dt>{s('totalPass', lang)}</dt>
          <dd data-testid="stats-total-pass">{nf.format(sum.pass)}</dd>
        </div>
        <div class="total-fail">
          <dt>{s('totalFail', lang)}</dt>
          <dd data-testid="stats-total-fail">{nf.format(sum.fail)}</dd>
        </div>
        <div class="total-notread">
          <dt>{s('totalNotRead', lang)}</dt>
          <dd data-testid="stats-total-not-read">{nf.format(sum.notRead)}</dd>
        </div>
        <div>
          <dt>{s('total', lang)}</dt>
          <dd data-testid="stats-total">{nf.format(sum.total)}</dd>
        </div>
        <div>
          <dt>{s('passRate', lang)}</dt>
          <dd data-testid="stats-pass-rate">{sum.passRate === null ? '—' : pf.format(sum.passRate)}</dd>
        </div>
      </dl>

      <section class="stats-card">
        <h2>{s(r.daily ? 'chartTitleDaily' : 'chartTitle', lang)}</h2>
        {data === null && !error ? (
          <p>{s('loading', lang)}</p>
        ) : (
          <StatsChart
            lang={lang}
            bins={bins}
            label={label}
            labelWidth={range === '7d' ? 110 : 56}
            summary={summary}
            caption={summary}
            firstColumn={s(r.daily ? 'colDay' : 'colHour', lang)}
          />
        )}
        {data && sum.total === 0 && <p class="stats-empty">{s('noData', lang)}</p>}
      </section>

      <section class="stats-card">
        <h2>{s('reasonsTitle', lang)}</h2>
        {reasons.length === 0 ? (
          <p class="stats-empty">{s('noFails', lang)}</p>
        ) : (
          <ul class="stats-reasons" data-testid="stats-reasons">
            {reasons.map((x) => (
              <li key={x.code} data-code={x.code}>
                <span class="reason-text">{reasonText(x.code, lang)}</span>
                <span class="reason-count">{nf.format(x.count)}</span>
                <span class="reason-bar" aria-hidden="true" style={{ width: `${(x.count / topReason) * 100}%` }} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <div class="stats-actions">
        <button type="button" class="stats-button stats-primary" data-testid="stats-csv" disabled={data === null} onClick={exportCsv}>
          {s('downloadCsv', lang)}
        </button>
        {!confirming ? (
          <button type="button" class="stats-button stats-danger" data-testid="stats-clear" onClick={() => setConfirming(true)}>
            {s('clear', lang)}
          </button>
        ) : (
          <div class="stats-confirm" role="alertdialog" aria-labelledby="stats-confirm-text">
            <p id="stats-confirm-text">{s('clearConfirm', lang)}</p>
            <button type="button" class="stats-button stats-danger-strong" data-testid="stats-clear-confirm" onClick={doClear}>
              {s('clearYes', lang)}
            </button>
            <button type="button" ref={cancelClear} class="stats-button" data-testid="stats-clear-cancel" onClick={() => setConfirming(false)}>
              {s('clearNo', lang)}
            </button>
          </div>
        )}
      </div>
    </main>
  );
}
