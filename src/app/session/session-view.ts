/**
 * What a scan session puts on screen (the verdict, parts read so far, the held notice), held outside
 * Preact state: only the scan route subscribes, so a verdict re-renders the scan route and its
 * result, not App with its header and status line — on a slow phone that re-render was a third of
 * the time from the verdict to the result on screen.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Outcome, Verdict } from '../../core/model/verdict.ts';
import type { PartsRead } from '../scan/ChunkProgress.tsx';

export interface SessionView {
  verdict: Verdict | null;
  partsRead: PartsRead | null;
  /** What the holder of a judged code still in view is told (HeldNotice), if anything. */
  heldNow: Outcome | null;
}

export class ViewStore {
  private view: SessionView = { verdict: null, partsRead: null, heldNow: null };
  private readonly listeners = new Set<(v: SessionView) => void>();

  get(): SessionView {
    return this.view;
  }

  /** Listeners hear of a change only (an unchanged patch, e.g. the held notice polled, is silent). */
  set(patch: Partial<SessionView>): void {
    const next = { ...this.view, ...patch };
    if (next.verdict === this.view.verdict && next.partsRead === this.view.partsRead && next.heldNow === this.view.heldNow) return;
    this.view = next;
    for (const l of this.listeners) l(next);
  }

  subscribe(listener: (v: SessionView) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

/** The view as component state: this component re-renders when it changes. */
export function useSessionView(store: ViewStore): SessionView {
  const [view, setView] = useState(store.get());
  useEffect(() => {
    // A change between this render and the subscription is not lost.
    setView(store.get());
    return store.subscribe(setView);
  }, [store]);
  return view;
}
