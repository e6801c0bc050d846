/** Which screen the address names, readable before the app (and Preact) has loaded: src/app/early.ts. */

/** The current path without trailing slashes ('/' for the root). */
export const currentPath = (): string => location.pathname.replace(/\/+$/, '') || '/';

/** The scan screen: where the camera opens and keyboard-wedge scans are judged. */
export const onScanPath = (): boolean => currentPath() === '/';
