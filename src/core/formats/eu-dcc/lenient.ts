/**
 * Reading a DCC as the EU's quality-assurance programme tells verifiers to read real issuers'
 * payloads: whitespace around values trimmed, null members treated as absent, date patterns not
 * enforced (a date that cannot be parsed simply cannot qualify), whole-number floats as numbers,
 * any characters in names. What cannot be read is not an error here: it is recorded as an
 * unknown value, shown to staff, and the record it belongs to never counts as evidence.
 */
import type { UnknownValues } from '../unknown-values.ts';
import { calendarDate, parseDateTime } from '../../encoding/rfc3339.ts';
import type { Json, JsonObject } from './hcert.ts';

/** Strings trimmed, null members and null list items dropped, recursively. */
export function cleanJson(v: Json): Json {
  if (typeof v === 'string') return v.trim();
  if (Array.isArray(v)) return v.filter((x) => x !== null).map(cleanJson);
  if (v !== null && typeof v === 'object') {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null) continue;
      if (k === '__proto__') Object.defineProperty(out, k, { value: cleanJson(x), enumerable: true, writable: true, configurable: true });
      else out[k] = cleanJson(x);
    }
    return out;
  }
  return v;
}

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A text value, or undefined (absent, empty, or not text — the latter logged). */
export function readText(o: JsonObject, k: string, field: string, log: UnknownValues): string | undefined {
  if (!Object.hasOwn(o, k)) return undefined;
  const v = o[k];
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number') return String(v);
  return log.add(field, v);
}

/** A calendar date (or the date part of a date-time), else logged. */
export function readDate(o: JsonObject, k: string, field: string, log: UnknownValues): string | undefined {
  const v = o[k];
  const d = typeof v === 'string' ? calendarDate(v) : undefined;
  return d ?? log.add(field, v);
}

/** The earliest offset in use (UTC+14): a time written without one is read as early as it can be. */
const EARLIEST_OFFSET_MS = 14 * 3600_000;
const NO_OFFSET = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * An instant, else logged. RFC 3339 as it should be; a bare date as its UTC midnight; a date-time
 * without offset as the earliest instant it can mean. Both readings make a test look older, never
 * fresher, than it is.
 */
export function readInstant(o: JsonObject, k: string, field: string, log: UnknownValues): string | undefined {
  const v = o[k];
  if (typeof v === 'string') {
    let t = parseDateTime(v);
    if (t === undefined && calendarDate(v) === v) t = Date.parse(`${v}T00:00:00Z`);
    if (t === undefined && NO_OFFSET.test(v)) {
      const utc = parseDateTime(`${v.length === 16 ? `${v}:00` : v}Z`);
      if (utc !== undefined) t = utc - EARLIEST_OFFSET_MS;
    }
    if (t !== undefined && Number.isFinite(t)) return new Date(t).toISOString();
  }
  return log.add(field, v);
}

/** Dose numbers above this are not read as counts (the value is still shown). */
const MAX_COUNT = 99;

/** A whole number 0..99 (1.0 is 1), else logged: unusual counts are content for the policy. */
export function readCount(o: JsonObject, k: string, field: string, log: UnknownValues): number | undefined {
  const v = o[k];
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_COUNT) return v;
  return log.add(field, v);
}
