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

/** Median operations per second of each contestant over `rounds` interleaved rounds (after one warm-up round). */
export async function interleave(contestants: Contestant[], rounds: number): Promise<Map<string, number>> {
  const rates = new Map<string, number[]>(contestants.map((c) => [c.name, []]));
  for (let round = -1; round < rounds; round++)
    for (const c of contestants) {
      const t0 = performance.now();
      const n = await c.batch();
      const s = (performance.now() - t0) / 1000;
      if (round >= 0) rates.get(c.name)!.push(n / s);
    }
  return new Map([...rates].map(([k, v]) => [k, median(v)]));
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
