/**
 * Anti-passback as a policy step: one person, one entry per window at an unattended gate. A second
 * PASS for the same holder within the window — even with another code — becomes FAIL PASSBACK.
 *
 * The decision is here, pure and platform-neutral; where recent passes are remembered (memory, for
 * one page's lifetime) and how holders are keyed (a salted hash) is the app's. The decision only
 * ever sees holder *keys*, never names: a key is whatever opaque string the caller derived from
 * `passbackSubject`.
 */
import type { Verdict } from '../model/verdict.ts';

/**
 * What tells holders apart (issuer + name + birth date + ID tail), for the caller to hash; null
 * when the verdict cannot count as an entry: not a PASS, no credential, or no holder data at all.
 */
export function passbackSubject(v: Verdict): string | null {
  if (v.outcome !== 'PASS' || !v.credential) return null;
  const c = v.credential;
  const h = c.holder;
  if (!h.name && !h.idTail && !h.birthDate) return null; // nothing to tell people apart by
  return [c.issuer.id, h.name ?? '', h.birthDate ?? '', h.idTail ?? ''].join('\u0000');
}

export interface PassbackInput {
  verdict: Verdict;
  /** The holder's key (e.g. a salted hash of `passbackSubject`), or null if there is none. */
  holderKey: string | null;
  /** Recent passes: holder key → time of its last entry (ms). Entries outside the window are ignored. */
  recentPasses: ReadonlyMap<string, number>;
  /** Now (ms, same clock as recentPasses). */
  now: number;
  /** The window (ms); 0 or less turns anti-passback off. */
  windowMs: number;
}

export interface PassbackDecision {
  /** The verdict as the gate shows it: unchanged, or FAIL with the single reason PASSBACK. */
  verdict: Verdict;
  /** This verdict is an entry: the caller remembers `holderKey` at `now`. */
  enters: boolean;
}

export function decidePassback({ verdict, holderKey, recentPasses, now, windowMs }: PassbackInput): PassbackDecision {
  if (verdict.outcome !== 'PASS' || windowMs <= 0 || holderKey === null) return { verdict, enters: false };
  const last = recentPasses.get(holderKey);
  // A clock set back (now before last) still counts as within the window: no second entry.
  if (last !== undefined && now - last < windowMs) {
    const minutes = Math.max(1, Math.round((now - last) / 60_000));
    return { verdict: { ...verdict, outcome: 'FAIL', reasons: [{ code: 'PASSBACK', detail: `same holder passed ${minutes} min ago` }] }, enters: false };
  }
  return { verdict, enters: true };
}
