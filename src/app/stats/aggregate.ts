/** Pure roll-ups of stored counters for the stats screen: per hour, per local day, totals, reasons. */
import { REASON_CODES, type ReasonCode } from '../../core/model/reasons.ts';
import { hourMs, hourOf, type StatsRow } from './stats-model.ts';

export interface Bin {
  /** A UTC hour key for hour bins, a local 'YYYY-MM-DD' for day bins. */
  key: string;
  /** Epoch ms of the bin's first hour (for a day bin: its first hour in range or in the data). */
  start: number;
  pass: number;
  fail: number;
  /** Misreads (NOT_READ): neither verdict, counted apart. */
  notRead: number;
  /** FAIL counts by deciding reason. */
  reasons: Partial<Record<ReasonCode, number>>;
}

/** Minutes east of UTC at a moment: +480 in China. Injected so tests need no time zone. */
export type OffsetFn = (utcMs: number) => number;
export const localOffset: OffsetFn = (ms) => -new Date(ms).getTimezoneOffset();

const HOUR_MS = 3_600_000;
/** A guard against an absurd range turning into millions of empty bins. */
export const MAX_BINS = 24 * 100;

const emptyBin = (key: string, start: number): Bin => ({ key, start, pass: 0, fail: 0, notRead: 0, reasons: {} });

function add(bin: Bin, r: StatsRow): void {
  if (r.outcome === 'PASS') bin.pass += r.count;
  else if (r.outcome === 'NOT_READ') bin.notRead += r.count;
  else {
    bin.fail += r.count;
    if (r.reason) bin.reasons[r.reason] = (bin.reasons[r.reason] ?? 0) + r.count;
  }
}

/**
 * One bin per UTC hour, oldest first. With a range, every hour in it gets a bin (empty hours show
 * as gaps in the chart, not as missing bars) and rows outside it are left out.
 */
export function aggregateByHour(rows: readonly StatsRow[], range?: { from: number; to: number }): Bin[] {
  const bins = new Map<string, Bin>();
  if (range) {
    const last = hourMs(hourOf(range.to));
    for (let t = hourMs(hourOf(range.from)); t <= last && bins.size < MAX_BINS; t += HOUR_MS) bins.set(hourOf(t), emptyBin(hourOf(t), t));
  }
  for (const r of rows) {
    let bin = bins.get(r.hour);
    if (!bin) {
      if (range) continue;
      bin = emptyBin(r.hour, hourMs(r.hour));
      bins.set(r.hour, bin);
    }
    add(bin, r);
  }
  return [...bins.values()].sort((a, b) => a.start - b.start);
}

/** The local calendar day ('YYYY-MM-DD') of a UTC moment. */
export function localDay(utcMs: number, offset: OffsetFn = localOffset): string {
  return new Date(utcMs + offset(utcMs) * 60_000).toISOString().slice(0, 10);
}

/** One bin per local day, oldest first; like aggregateByHour, a range fills empty days. */
export function aggregateByDay(rows: readonly StatsRow[], range?: { from: number; to: number }, offset: OffsetFn = localOffset): Bin[] {
  const bins = new Map<string, Bin>();
  const touch = (t: number) => {
    const k = localDay(t, offset);
    const bin = bins.get(k);
    if (bin) bin.start = Math.min(bin.start, t);
    else bins.set(k, emptyBin(k, t));
  };
  if (range) {
    // Six-hour steps cannot skip a day, whatever the offset or a DST change does.
    for (let t = hourMs(hourOf(range.from)); t <= range.to && bins.size < MAX_BINS; t += 6 * HOUR_MS) touch(t);
    touch(range.to);
  }
  for (const r of rows) {
    const t = hourMs(r.hour);
    const k = localDay(t, offset);
    if (range && !bins.has(k)) continue;
    if (!range) touch(t);
    add(bins.get(k)!, r);
  }
  return [...bins.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export interface Totals {
  pass: number;
  fail: number;
  notRead: number;
  /** Verdicts: PASS + FAIL (misreads are no verdict on anyone). */
  total: number;
  /** PASS / total, in [0, 1]; null when there is nothing to divide. */
  passRate: number | null;
}

export function totals(rows: readonly StatsRow[]): Totals {
  let pass = 0;
  let fail = 0;
  let notRead = 0;
  for (const r of rows) {
    if (r.outcome === 'PASS') pass += r.count;
    else if (r.outcome === 'NOT_READ') notRead += r.count;
    else fail += r.count;
  }
  const total = pass + fail;
  return { pass, fail, notRead, total, passRate: total ? pass / total : null };
}

const RANK = new Map<string, number>(REASON_CODES.map((c, i) => [c, i]));

/** FAIL counts by deciding reason, most frequent first; ties in reason-list order. */
export function reasonBreakdown(rows: readonly StatsRow[]): { code: ReasonCode; count: number }[] {
  const counts = new Map<ReasonCode, number>();
  for (const r of rows) if (r.outcome === 'FAIL' && r.reason) counts.set(r.reason, (counts.get(r.reason) ?? 0) + r.count);
  return [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || RANK.get(a.code)! - RANK.get(b.code)!);
}
