/**
 * A screen loaded on first visit (settings, stats, demo): the scan screen's first paint carries
 * none of their code. Renders nothing until the chunk arrives (precached, so offline too).
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyScreen(props: P) {
    const [C, setC] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (C) return;
      let live = true;
      void (pending ??= load()).then((c) => {
        loaded = c;
        if (live) setC(() => c);
      });
      return () => {
        live = false;
      };
    }, [C]);
    return C ? <C {...props} /> : null;
  };
}
