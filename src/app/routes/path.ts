/**
 * The app's router: four screens by path, history.pushState between them, no library. Paths, not
 * hashes, so a kiosk's start URL and the service worker's navigation fallback are plain.
 */
import { useEffect, useState } from 'preact/hooks';
import { DEMO_BUILD } from '../demo/demo-build.ts';

export type AdminPath = '/settings' | '/stats' | '/demo';

/** The screens a kiosk's PIN guards (a production build has no /demo: it is the scan screen there). */
export const ADMIN_PATHS: readonly AdminPath[] = DEMO_BUILD ? ['/settings', '/stats', '/demo'] : ['/settings', '/stats'];

import { currentPath } from './scan-path.ts';

export { currentPath, onScanPath } from './scan-path.ts';

export const adminPathOf = (path: string): AdminPath | null => ((ADMIN_PATHS as readonly string[]).includes(path) ? (path as AdminPath) : null);

/** Moves to another screen (no reload) and tells every usePath listener. */
export function go(to: string): void {
  history.pushState(null, '', to);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The current path as state: re-renders on go() and on the browser's back and forward. */
export function usePath(): string {
  const [, rerender] = useState(0);
  useEffect(() => {
    const onPop = () => rerender((n) => n + 1);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return currentPath();
}
