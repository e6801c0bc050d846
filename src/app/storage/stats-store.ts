/**
 * Verdict counters over IndexedDB (store 'stats'). One row per (UTC hour, outcome, deciding
 * reason, format) with a count — see stats-model.ts for what is and is never stored.
 */
import { bucketFor, hourRange, parseRow, pruneCutoff, rowKey, KEEP_DAYS, type StatsRow, type VerdictFacts } from '../stats/stats-model.ts';
import { openGatecheckDB } from './db.ts';

/** Pruning runs with the first record of each hour, not on every scan. */
let prunedFor = '';

/**
 * Adds one to the verdict's counter. Best-effort by design: resolves false instead of throwing,
 * so a full or broken store never holds up the gate.
 */
export async function recordVerdict(v: VerdictFacts, now: number = Date.now()): Promise<boolean> {
  const b = bucketFor(v, now);
  if (!b) return false;
  try {
    const d = await openGatecheckDB();
    const tx = d.transaction('stats', 'readwrite');
    // Read and write in one readwrite transaction: IndexedDB runs those one at a time, so two
    // verdicts in quick succession cannot both read the old count.
    const old = parseRow(await tx.store.get(rowKey(b)));
    await tx.store.put({ ...b, count: (old?.count ?? 0) + 1 });
    const cutoff = pruneCutoff(now);
    if (prunedFor !== cutoff) {
      await tx.store.delete(IDBKeyRange.upperBound([cutoff], true));
      prunedFor = cutoff;
    }
    await tx.done;
    return true;
  } catch (e) {
    console.warn('gatecheck: could not record stats', e);
    return false;
  }
}

/** Rows for the hours from `from` to `to` (inclusive, at hour granularity), oldest first. */
export async function loadStats(range: { from: Date | number; to: Date | number }): Promise<StatsRow[]> {
  const { lower, upperExclusive } = hourRange(+range.from, +range.to);
  const d = await openGatecheckDB();
  const raw = await d.getAll('stats', IDBKeyRange.bound([lower], [upperExclusive], false, true));
  return raw.map(parseRow).filter((r): r is StatsRow => r !== null);
}

/** Deletes rows older than `keepDays`; recordVerdict also does this once an hour. */
export async function pruneStats(now: number = Date.now(), keepDays: number = KEEP_DAYS): Promise<void> {
  const d = await openGatecheckDB();
  await d.delete('stats', IDBKeyRange.upperBound([pruneCutoff(now, keepDays)], true));
}

export async function clearStats(): Promise<void> {
  const d = await openGatecheckDB();
  await d.clear('stats');
}
