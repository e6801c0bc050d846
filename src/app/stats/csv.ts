/**
 * CSV export of the counters. RFC 4180: comma-separated, CRLF line ends, a field quoted when it
 * holds a comma, quote, CR or LF, quotes doubled. The download starts with a UTF-8 BOM: Excel on
 * Chinese Windows reads a CSV without one in the ANSI code page (GBK) and turns 原因 into mojibake;
 * with the BOM it reads UTF-8. The cost — a few tools show the BOM as part of the first header —
 * is the smaller problem at a checkpoint office.
 */
import { reasonText } from '../../core/i18n/reason-texts.ts';
import { REASON_CODES } from '../../core/model/reasons.ts';
import type { Lang } from '../i18n/strings.ts';
import { localOffset, type OffsetFn } from './aggregate.ts';
import { hourMs, type StatsRow } from './stats-model.ts';
import { s } from './strings.ts';

export const UTF8_BOM = '\uFEFF';

/**
 * One field. Text starting with = + - @ (or a tab/CR) gets a leading apostrophe: spreadsheets run
 * such cells as formulas ("CSV injection"). Nothing exported today starts that way; the guard is
 * for columns added later. Numbers are written as they are.
 */
export function csvField(v: string | number): string {
  if (typeof v === 'number') return String(v);
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records to CSV text, every line (the last too) ended by CRLF. */
export const encodeCsv = (table: readonly (readonly (string | number)[])[]): string => table.map((row) => row.map(csvField).join(',') + '\r\n').join('');

const pad = (n: number) => String(n).padStart(2, '0');

/** 'UTC+08:00', 'UTC-03:30' (the prefix also keeps a leading sign away from formula guessing). */
export function formatOffset(minutes: number): string {
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** 'YYYY-MM-DD HH:MM' in local time: Excel reads it as a date-time. */
export function localTimeLabel(utcMs: number, offset: OffsetFn = localOffset): string {
  return new Date(utcMs + offset(utcMs) * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

const RANK = new Map<string, number>(REASON_CODES.map((c, i) => [c, i]));

/**
 * The counters as CSV: a header row in `lang`, then one record per stored counter (hour, outcome,
 * reason, format), oldest first — raw enough to pivot in a spreadsheet. Outcome and reason code
 * stay codes (stable for formulas); the reason column says the same in words.
 */
export function toCsv(rows: readonly StatsRow[], lang: Lang, opts: { bom?: boolean; offset?: OffsetFn } = {}): string {
  const offset = opts.offset ?? localOffset;
  const sorted = [...rows].sort(
    (a, b) =>
      a.hour.localeCompare(b.hour) ||
      (a.outcome === b.outcome ? 0 : a.outcome === 'PASS' ? -1 : 1) ||
      (RANK.get(a.reason) ?? -1) - (RANK.get(b.reason) ?? -1) ||
      a.format.localeCompare(b.format),
  );
  const header = ['csvHour', 'csvOffset', 'csvOutcome', 'csvReasonCode', 'csvReason', 'csvFormat', 'csvCount'] as const;
  const table = [
    header.map((k) => s(k, lang)),
    ...sorted.map((r) => {
      const t = hourMs(r.hour);
      return [localTimeLabel(t, offset), formatOffset(offset(t)), r.outcome, r.reason, r.reason ? reasonText(r.reason, lang) : '', r.format, r.count];
    }),
  ];
  return (opts.bom === false ? '' : UTF8_BOM) + encodeCsv(table);
}

/** gatecheck-stats-YYYYMMDD.csv, the local date of `now`. */
export function csvFilename(now: number, offset: OffsetFn = localOffset): string {
  return `gatecheck-stats-${localTimeLabel(now, offset).slice(0, 10).replace(/-/g, '')}.csv`;
}
