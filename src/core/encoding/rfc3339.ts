/**
 * RFC 3339 dates and date-times as the DCC schemas accept them (JSON Schema "date" and
 * "date-time" formats, as ajv-formats checks them): calendar-valid, and a date-time always carries
 * its offset. Shared by the formats that carry such dates (EU DCC, VDS-NC). Parsed by hand,
 * because Date.parse accepts far more and differs between engines.
 */

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// T, t or a space between date and time (RFC 3339 §5.6 note); offset Z, ±hh, ±hhmm or ±hh:mm.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && isLeap(y) ? 29 : DAYS[m - 1]!);
}

/** "2021-02-18" -> true; "2021-02-30", "2021-2-18", "2021-02-18T00:00:00Z" -> false. */
export function isFullDate(s: string): boolean {
  const m = FULL_DATE.exec(s);
  return !!m && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

const DATE_WITH_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?$/;

/**
 * The calendar date of a date field, as written: "2021-03-18" as is, and the date part of a
 * date-time that some issuers write where the schema annotates "date" ("2021-03-18T22:54:00+02:00"
 * -> "2021-03-18"; a vaccination date is a local calendar date, so it is not moved to UTC).
 */
export function calendarDate(s: string): string | undefined {
  if (isFullDate(s)) return s;
  const m = DATE_WITH_TIME.exec(s);
  return m && isFullDate(m[1]!) ? m[1] : undefined;
}

/** An RFC 3339 date-time -> milliseconds since the epoch (fraction beyond ms dropped), or undefined. */
export function parseDateTime(s: string): number | undefined {
  const m = DATE_TIME.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || sec > 60) return undefined;
  let offsetMin = 0;
  if (m[9]) {
    const oh = Number(m[10]);
    const om = Number(m[11] ?? 0);
    if (oh > 23 || om > 59) return undefined;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  // A leap second (:60) counts as the last millisecond of its minute.
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, Math.min(sec, 59), sec === 60 ? 999 : ms));
  if (y < 100) t.setUTCFullYear(y); // Date.UTC reads years 0..99 as 1900..1999
  return t.getTime() - offsetMin * 60_000;
}
