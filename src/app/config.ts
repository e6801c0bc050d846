/** Build-time configuration of the app. */
import type { PinnedRoot } from '../core/trust/bundle.ts';

declare const __GATECHECK_PINNED_ROOTS__: PinnedRoot[];

export const PINNED_ROOTS: readonly PinnedRoot[] = __GATECHECK_PINNED_ROOTS__;

/** Where the signed trust bundle is published (static file; any web server or CDN), named at build time. */
export { BUILD_BUNDLE_URL as BUNDLE_URL } from './security/bundle-origins.ts';

