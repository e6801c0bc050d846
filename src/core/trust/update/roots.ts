/**
 * Root rollover. The app pins a list of roots; an accepted bundle may announce roots to accept
 * from then on (`roots.next`) and roots to stop accepting (`roots.retired`), so roots roll over —
 * or a compromised one is dropped — without an app update. Retirement is permanent on a device.
 */
import type { PinnedRoot, TrustBundle } from '../bundle.ts';

export interface RootState {
  learnedRoots: PinnedRoot[];
  retiredRoots: string[];
}

/** The roots a bundle may be signed by on this device now. */
export function effectiveRoots(pinned: readonly PinnedRoot[], state: RootState): PinnedRoot[] {
  const retired = new Set(state.retiredRoots);
  const out = new Map<string, PinnedRoot>();
  for (const r of [...pinned, ...state.learnedRoots]) if (!retired.has(r.kid) && !out.has(r.kid)) out.set(r.kid, r);
  return [...out.values()];
}

/** The root state after accepting `bundle`. */
export function applyRollover(pinned: readonly PinnedRoot[], state: RootState, bundle: TrustBundle): RootState {
  const retired = new Set([...state.retiredRoots, ...(bundle.roots?.retired ?? [])]);
  const pinnedKids = new Set(pinned.map((r) => r.kid));
  const learned = new Map<string, PinnedRoot>();
  for (const r of [...state.learnedRoots, ...(bundle.roots?.next ?? [])])
    if (!retired.has(r.kid) && !pinnedKids.has(r.kid)) learned.set(r.kid, r);
  return { learnedRoots: [...learned.values()], retiredRoots: [...retired] };
}
