/** The stats feature's public surface, for the app shell. */
export { StatsScreen, type StatsScreenProps, type StatsRange } from './StatsScreen.tsx';
export { recordVerdict, loadStats, clearStats, pruneStats } from '../storage/stats-store.ts';
export { aggregateByDay, aggregateByHour, reasonBreakdown, totals, type Bin } from './aggregate.ts';
export { toCsv, csvFilename } from './csv.ts';
export { KEEP_DAYS, type StatsRow, type VerdictFacts } from './stats-model.ts';
