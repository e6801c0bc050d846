/**
 * FHIR R4 dateTime (and date) texts: every precision FHIR allows (YYYY, YYYY-MM, YYYY-MM-DD, or a
 * date-time with seconds and a time zone), read as the date written and the start of its period.
 */
// FHIR R4 dateTime: year, month, day, then a time with seconds, which needs a time zone.
const FHIR_DATETIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2})))?)?)?$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

export interface FhirTime {
  /** The date as written (YYYY, YYYY-MM or YYYY-MM-DD; a date-time's own calendar date). */
  date: string;
  /** The start of the period (a date-time: its instant), milliseconds since the epoch. */
  start: number;
  /** Whether a time of day was given. */
  timed: boolean;
}

/** A FHIR dateTime (or date) string -> its date and start instant; undefined when it is none. */
export function fhirDateTime(s: string): FhirTime | undefined {
  const m = FHIR_DATETIME.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = m[2] === undefined ? 1 : Number(m[2]);
  const d = m[3] === undefined ? 1 : Number(m[3]);
  if (y === 0 || mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && isLeap(y) ? 29 : DAYS[mo - 1]!)) return undefined;
  const date = s.slice(0, m[3] !== undefined ? 10 : m[2] !== undefined ? 7 : 4);
  let start = Date.UTC(y, mo - 1, d);
  if (y < 100) start = new Date(start).setUTCFullYear(y); // Date.UTC reads years 0..99 as 1900..1999
  if (m[4] === undefined) return { date, start, timed: false };
  const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (h > 23 || mi > 59 || sec > 60) return undefined;
  let offsetMin = 0;
  if (m[9]) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (om > 59 || oh > 14 || (oh === 14 && om > 0)) return undefined;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  return { date, start: start + ((h * 60 + mi - offsetMin) * 60 + Math.min(sec, 59)) * 1000 + (sec === 60 ? 999 : ms), timed: true };
}
