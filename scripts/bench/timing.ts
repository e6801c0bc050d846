/**
 * Side-by-side timing for a noisy machine: contestants run in interleaved rounds (A, B, C, A, B,
 * C, …) so that load spikes hit all of them alike, and each one's median rate is taken.
 */
export interface Contestant {
  name: string;
  /** Runs one batch; returns how many operations it did. */
  batch(): Promise<number>;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export interface InterleaveOptions {
  /**
   * Each contestant first runs batches for this long, unmeasured, so that every one is measured
   * with its code optimised by V8 (one batch of 128 codes is far from that: our pipeline and the
   * peers all run 1.5–2× slower in it), as it is at a gate after its first minutes.
   */
  warmupMs?: number;
  /** Filled with each contestant's rate in its very first batch, before any warm-up (one sample: a hint, not a measure). */
  cold?: Map<string, number>;
}

/** Median operations per second of each contestant over `rounds` interleaved rounds, after its warm-up. */
export async function interleave(contestants: Contestant[], rounds: number, opts: InterleaveOptions = {}): Promise<Map<string, number>> {
  const rates = new Map<string, number[]>(contestants.map((c) => [c.name, []]));
  for (const c of contestants) {
    const start = performance.now();
    let first = true;
    do {
      const t0 = performance.now();
      const n = await c.batch();
      if (first) opts.cold?.set(c.name, n / ((performance.now() - t0) / 1000));
      first = false;
    } while (performance.now() - start < (opts.warmupMs ?? 0));
  }
  for (let round = 0; round < rounds; round++)
    for (const c of contestants) {
      const t0 = performance.now();
      const n = await c.batch();
      const s = (performance.now() - t0) / 1000;
      rates.get(c.name)!.push(n / s);
    }
  return new Map([...rates].map(([k, v]) => [k, median(v)]));
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
