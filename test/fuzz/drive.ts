/**
 * Drives a world's generators through fast-check: each run picks a seed, a mutator (by weight) and
 * a sub-seed for the mutator's own choices, so a fixed fast-check seed replays the same inputs.
 */
import fc from 'fast-check';
import { judge, newStats, rng, weighted, type FuzzWorld, type Stats } from './harness.ts';

export interface DriveOptions {
  numRuns: number;
  seed: number;
  /** vitest: fail at the first violation (no shrinking: the tuple replays it). CLI: count and go on. */
  stopOnViolation: boolean;
  stats?: Stats;
}

export async function drive<S>(world: FuzzWorld<S>, o: DriveOptions): Promise<Stats> {
  const stats = o.stats ?? newStats();
  const mutators = weighted(world.mutators);
  const arb = fc.tuple(fc.nat({ max: world.seeds.length - 1 }), fc.nat({ max: mutators.length - 1 }), fc.integer());
  await fc.assert(
    fc.asyncProperty(arb, async ([si, mi, sub]) => {
      const c = await mutators[mi]!.make(world.seeds[si]!, rng(sub));
      const violation = await judge(c, world.genuine, stats);
      if (violation && o.stopOnViolation) throw new Error(`${world.format} seed ${si} ${violation} (sub-seed ${sub})`);
    }),
    { seed: o.seed, numRuns: o.numRuns, endOnFailure: true },
  );
  return stats;
}
