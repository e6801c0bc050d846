/**
 * What the stats store keeps, and the pure rules for it. A counter per (hour, outcome, deciding
 * reason, format): nothing that could identify a person or a code — no names, ID numbers, code
 * text, code ids, or hashes of any of them. Hours are UTC ('2024-05-01T06:00Z'): they sort as
 * text, survive DST and time-zone changes, and are shown in local time only when displayed.
 */
import { REASON_CODES, type ReasonCode } from '../../core/model/reasons.ts';
import type { Outcome } from '../../core/model/verdict.ts';

export interface StatsRow {
  /** UTC hour the verdicts fell in, 'YYYY-MM-DDTHH:00Z'. */
  hour: string;
  outcome: Outcome;
  /** The deciding (first) reason of a FAIL or NOT_READ; '' for PASS. */
  reason: ReasonCode | '';
  /** Format id (a registered plug-in's id, see core/formats/registry.ts); '' when the code was not recognised at all. */
  format: string;
  count: number;
}

export type StatsKey = [hour: string, outcome: string, reason: string, format: string];

/** The fields of a Verdict that stats read; a whole Verdict fits. */
export interface VerdictFacts {
  outcome: string;
  reasons: readonly { code: string }[];
  format?: string;
  checkedAt: string;
}

/** Counters older than this many days are deleted. */
export const KEEP_DAYS = 90;
const HOUR_MS = 3_600_000;
const HOUR_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:00Z$/;
/** Format ids are short slugs from the registry; anything else is not stored verbatim. */
const FORMAT_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const KNOWN_REASONS: ReadonlySet<string> = new Set(REASON_CODES);

/** The UTC hour containing `ms`. */
export const hourOf = (ms: number): string => new Date(Math.floor(ms / HOUR_MS) * HOUR_MS).toISOString().slice(0, 13) + ':00Z';
export const hourMs = (hour: string): number => Date.parse(hour);

/**
 * The counter a verdict adds to, or null for something that is not a verdict. Only closed-set
 * values are kept, so no free text can ever reach storage: a reason code not in REASON_CODES (or a
 * FAIL without a reason) counts as INTERNAL_ERROR, a format id that is not a short slug as
 * 'other'. A checkedAt that does not parse counts at `now`.
 */
const OUTCOMES: ReadonlySet<string> = new Set<Outcome>(['PASS', 'FAIL', 'NOT_READ']);

export function bucketFor(v: VerdictFacts, now: number = Date.now()): Omit<StatsRow, 'count'> | null {
  if (!OUTCOMES.has(v.outcome)) return null;
  const at = Date.parse(v.checkedAt);
  const first = v.reasons[0]?.code;
  let reason: StatsRow['reason'] = '';
  if (v.outcome !== 'PASS') reason = first !== undefined && KNOWN_REASONS.has(first) ? (first as ReasonCode) : 'INTERNAL_ERROR';
  const format = v.format === undefined || v.format === '' ? '' : FORMAT_ID.test(v.format) ? v.format : 'other';
  return { hour: hourOf(Number.isFinite(at) ? at : now), outcome: v.outcome as Outcome, reason, format };
}

export const rowKey = (r: Omit<StatsRow, 'count'>): StatsKey => [r.hour, r.outcome, r.reason, r.format];

/** The first hour kept: rows with an earlier hour are pruned. */
export const pruneCutoff = (now: number, keepDays: number = KEEP_DAYS): string => hourOf(now - keepDays * 24 * HOUR_MS);

/**
 * Key bounds for the hours from `from` to `to`, both inclusive at hour granularity: rows with
 * lower <= hour < upperExclusive. Keys are arrays starting with the hour, and [h] sorts before
 * every [h, …], so [lower] and [upperExclusive] bracket exactly those hours.
 */
export function hourRange(from: number, to: number): { lower: string; upperExclusive: string } {
  return { lower: hourOf(Math.min(from, to)), upperExclusive: hourOf(Math.max(from, to) + HOUR_MS) };
}

/** A stored row if it is well-formed (storage may be damaged), else null. */
export function parseRow(v: unknown): StatsRow | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (typeof r.hour !== 'string' || !HOUR_KEY.test(r.hour) || !Number.isFinite(Date.parse(r.hour))) return null;
  if (typeof r.outcome !== 'string' || !OUTCOMES.has(r.outcome)) return null;
  if (r.outcome === 'PASS' ? r.reason !== '' : typeof r.reason !== 'string' || !KNOWN_REASONS.has(r.reason)) return null;
  if (typeof r.format !== 'string' || (r.format !== '' && !FORMAT_ID.test(r.format))) return null;
  if (typeof r.count !== 'number' || !Number.isSafeInteger(r.count) || r.count < 1) return null;
  return { hour: r.hour, outcome: r.outcome as Outcome, reason: r.reason as StatsRow['reason'], format: r.format, count: r.count };
}
