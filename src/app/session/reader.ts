/**
 * From a claimed read to a verdict: multi-part assembly, the bounded wait for trust at start-up,
 * and verification (with the keyboard-layout repairs typed text may need). A plain module, so the
 * steps are tested without a page; the verifier itself is passed in (loaded lazily by the page).
 */
import type { Verdict } from '../../core/model/verdict.ts';
import type { VerifyContext } from '../../core/pipeline/run.ts';
import type { Pipeline } from '../lazy/pipeline.ts';
import type { PartsRead } from '../scan/ChunkProgress.tsx';

/** Where a text came from: camera and scanner are read again and again; paste and file are deliberate. */
export type Source = 'camera' | 'scanner' | 'paste' | 'file';

/** How long a code read at start-up waits for the trust data before it is judged anyway. */
export const TRUST_WAIT_MS = 10_000;

export type ReadStep = { kind: 'partial'; parts: PartsRead } | { kind: 'verdict'; verdict: Verdict };

export interface ReaderDeps {
  /** Loads the verifier's parts this step uses (lazily: the first read awaits it). */
  pipeline: () => Promise<Pick<Pipeline, 'ChunkAssembler' | 'FORMATS' | 'verifyCode' | 'pickCandidate' | 'scannerCandidates'>>;
  /** Starts the trust data if it is waiting to start, and resolves once the page has the trust it will have (trust/trust-settled.ts). */
  trustSettled: () => Promise<void>;
  /** Bounds the trust wait; TRUST_WAIT_MS unless a test shortens it. */
  trustWaitMs?: number;
  /** Called once trust is awaited, before verifying: each verdict records the time seen (a clock set back is noticed). */
  beforeVerify?: () => void;
  /** The context at verification time (trust, policy, now). */
  context: () => VerifyContext;
  now?: () => number;
}

/** A reader for one page's scan session: parts of multi-part codes are kept (in memory, for minutes) across reads. */
export function createReader(deps: ReaderDeps): (text: string, source: Source) => Promise<ReadStep> {
  let assembler: InstanceType<Pipeline['ChunkAssembler']> | null = null;
  const now = deps.now ?? Date.now;
  return async (text, source) => {
    const { ChunkAssembler, FORMATS, verifyCode, pickCandidate, scannerCandidates } = await deps.pipeline();
    // One part of a multi-part code is no verdict: say which parts are in and wait for the rest.
    const assembled = (assembler ??= new ChunkAssembler(FORMATS)).add(text, now());
    if (assembled.kind === 'partial') return { kind: 'partial', parts: { have: assembled.have, total: assembled.total } };
    // A code read while the trust data is still loading waits for it (bounded), not FAILs. The
    // bound's timer goes once trust is there: a gate judging a code every few seconds would
    // otherwise keep several 10 s timers pending.
    let bound: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([deps.trustSettled(), new Promise((r) => (bound = setTimeout(r, deps.trustWaitMs ?? TRUST_WAIT_MS)))]);
    clearTimeout(bound);
    deps.beforeVerify?.();
    const ctx = deps.context();
    // Typed text (scanner, paste) may have been remapped by a keyboard layout: try the repairs
    // the format allows; the signature still decides.
    const verdict =
      source === 'scanner' || source === 'paste'
        ? await pickCandidate(scannerCandidates(assembled.text), (c) => verifyCode(c, ctx))
        : await verifyCode(assembled.text, ctx);
    return { kind: 'verdict', verdict };
  };
}
