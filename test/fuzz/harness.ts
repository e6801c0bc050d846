/**
 * The adversarial harness: generators make mutated codes from valid seeds, and every input goes
 * through the real pipeline (`verifyCode`) and is judged the same way, in `npm test` (fast-check,
 * fixed seed) and in `npm run fuzz` (longer runs, totals instead of the first failure).
 *
 * What each input must satisfy:
 * - verifyCode returns a Verdict (no exception) without INTERNAL_ERROR (that would be a swallowed exception);
 * - a FAIL carries at least one reason;
 * - `expect: 'fail'` inputs (built to be invalid: tampered and not re-signed by a trusted key,
 *   untrusted signer, swapped alg/kid, malformed content signed by a trusted key…) never PASS;
 * - `expect: 'oracle'` inputs (random damage whose effect is not known in advance) may PASS only
 *   when the bytes their signature covers are ones a trusted key really signed, and the credential
 *   shown is the one those bytes hold (the `Genuine` registry) — e.g. a flipped padding bit after
 *   the last DEFLATE block, or an issuer-side re-encoding the lenient DCC decoder accepts;
 * - `expect: 'pass'` inputs (identity re-encodings) PASS — so the judge is not vacuous;
 * - `expect: 'any'` inputs (new content validly signed by a trusted key) only need the first two;
 * - time per input below a generous safety bound; heap growth around heavy inputs (bombs) bounded.
 */
import { detectFormat } from '../../src/core/formats/registry.ts';
import { toHex } from '../../src/core/encoding/bytes.ts';
import type { Verdict } from '../../src/core/model/verdict.ts';
import { verifyCode, type VerifyContext } from '../../src/core/pipeline/run.ts';
import { prng } from '../support/prng.ts';

export type Expect = 'fail' | 'pass' | 'oracle' | 'any';

export interface FuzzCase {
  mutator: string;
  text: string;
  ctx: VerifyContext;
  expect: Expect;
  /** Measure heap growth around this input (bombs). */
  heavy?: boolean;
}

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  bytes(n: number): Uint8Array;
}

export function rng(seed: number): Rng {
  const r = prng(seed);
  const int = (n: number) => Math.floor(r() * n);
  return {
    next: r,
    int,
    pick: (xs) => xs[int(xs.length)]!,
    chance: (p) => r() < p,
    bytes: (n) => Uint8Array.from({ length: n }, () => int(256)),
  };
}

/** A named generator: one seed in, one hostile input out. */
export interface Mutator<S> {
  name: string;
  /** Relative frequency (default 1). */
  weight?: number;
  make(seed: S, r: Rng): Promise<FuzzCase> | FuzzCase;
}

/** Signed bytes (hex) a trusted key really signed -> the credential (JSON) they hold. */
export class Genuine {
  private readonly map = new Map<string, string | null>();
  add(signedBytes: Uint8Array, credentialJson: string | null): void {
    this.map.set(toHex(signedBytes), credentialJson);
  }
  /** Whether a PASS of `text` is a PASS of genuinely signed content showing that content. */
  accounts(text: string, verdict: Verdict): boolean {
    const t = text.replace(/^[\r\n\t\uFEFF]+|[\r\n\t]+$/g, '');
    const plugin = detectFormat(t);
    const decoded = plugin?.decode(t);
    if (!decoded?.ok) return false;
    const want = this.map.get(toHex(decoded.value.signedBytes));
    return want !== undefined && (want === null || want === JSON.stringify(verdict.credential));
  }
  get size(): number {
    return this.map.size;
  }
}

export interface FuzzWorld<S = unknown> {
  format: string;
  seeds: S[];
  mutators: Mutator<S>[];
  genuine: Genuine;
}

export interface FormatFuzzer<S = any> {
  id: string;
  setup(): Promise<FuzzWorld<S>>;
}

export interface Stats {
  inputs: number;
  passes: number;
  /** PASSes of 'oracle'/'any'/'pass' inputs that the judge accepted (genuinely signed content). */
  legitPasses: number;
  exceptions: number;
  internalErrors: number;
  violations: number;
  /** First few violations, without input text (privacy: no raw code text in logs). */
  examples: string[];
  reasons: Record<string, number>;
  byMutator: Record<string, { n: number; pass: number }>;
  maxMs: number;
  maxMsMutator: string;
  maxHeavyHeapGrowth: number;
  peakHeap: number;
}

export const newStats = (): Stats => ({
  inputs: 0,
  passes: 0,
  legitPasses: 0,
  exceptions: 0,
  internalErrors: 0,
  violations: 0,
  examples: [],
  reasons: {},
  byMutator: {},
  maxMs: 0,
  maxMsMutator: '',
  maxHeavyHeapGrowth: 0,
  peakHeap: 0,
});

/** Safety net only: the measured maximum is reported, far below this. */
export const MAX_MS_PER_INPUT = 2000;
/** Heap growth allowed around a bomb: the inflate bound is 64 KiB; a bomb would need ≥ 100 MB. */
export const MAX_HEAVY_HEAP_GROWTH = 32 * 1024 * 1024;

const heap = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** Runs one input and records it; returns a violation message (no input text) or null. */
export async function judge(c: FuzzCase, genuine: Genuine, stats: Stats): Promise<string | null> {
  const before = c.heavy ? heap() : 0;
  const t0 = performance.now();
  let verdict: Verdict;
  try {
    verdict = await verifyCode(c.text, c.ctx);
  } catch (e) {
    stats.exceptions++;
    return record(stats, c, `exception ${e instanceof Error ? e.name : typeof e}`);
  }
  const ms = performance.now() - t0;
  stats.inputs++;
  const m = (stats.byMutator[c.mutator] ??= { n: 0, pass: 0 });
  m.n++;
  if (ms > stats.maxMs) {
    stats.maxMs = ms;
    stats.maxMsMutator = c.mutator;
  }
  if (c.heavy) stats.maxHeavyHeapGrowth = Math.max(stats.maxHeavyHeapGrowth, heap() - before);
  if (c.heavy || stats.inputs % 256 === 0) stats.peakHeap = Math.max(stats.peakHeap, heap());
  for (const r of verdict.reasons) stats.reasons[r.code] = (stats.reasons[r.code] ?? 0) + 1;

  if (verdict.reasons.some((r) => r.code === 'INTERNAL_ERROR')) {
    stats.internalErrors++;
    return record(stats, c, `INTERNAL_ERROR (${verdict.reasons.find((r) => r.code === 'INTERNAL_ERROR')?.detail})`);
  }
  if (verdict.outcome === 'FAIL' && verdict.reasons.length === 0) return record(stats, c, 'FAIL without a reason');
  if (ms > MAX_MS_PER_INPUT) return record(stats, c, `took ${ms.toFixed(0)} ms`);
  if (c.heavy && heap() - before > MAX_HEAVY_HEAP_GROWTH) return record(stats, c, `heap grew ${heap() - before} bytes`);
  if (verdict.outcome === 'PASS') {
    stats.passes++;
    m.pass++;
    if (c.expect === 'fail') return record(stats, c, 'PASS of an input built to be invalid');
    if (c.expect === 'oracle' && !genuine.accounts(c.text, verdict)) return record(stats, c, 'PASS of content no trusted key signed');
    stats.legitPasses++;
  } else if (c.expect === 'pass') {
    return record(stats, c, `identity re-encoding failed: ${verdict.reasons.map((r) => r.code).join(',')}`);
  }
  return null;
}

function record(stats: Stats, c: FuzzCase, what: string): string {
  stats.violations++;
  const msg = `${c.mutator}: ${what}`;
  if (stats.examples.length < 20) stats.examples.push(msg);
  return msg;
}

/** Mutators repeated by weight, so a uniform index picks them in proportion. */
export function weighted<S>(ms: readonly Mutator<S>[]): Mutator<S>[] {
  return ms.flatMap((m) => Array.from({ length: m.weight ?? 1 }, () => m));
}
