/**
 * Origins besides this one that may serve the trust bundle (GATECHECK_BUNDLE_ORIGINS at build
 * time). The CSP's connect-src allows exactly these, so settings accept no other bundle URL.
 * Outside a Vite build (unit tests) there are none.
 */
declare const __GATECHECK_BUNDLE_ORIGINS__: string[] | undefined;

export const BUNDLE_ORIGINS: readonly string[] = typeof __GATECHECK_BUNDLE_ORIGINS__ === 'undefined' ? [] : __GATECHECK_BUNDLE_ORIGINS__;

declare const __GATECHECK_BUNDLE_URL__: string | undefined;

/** Where the signed trust bundle is published: named at build time (`npm run build -- --bundle-url`). */
export const BUILD_BUNDLE_URL: string = typeof __GATECHECK_BUNDLE_URL__ === 'undefined' ? '/trust/bundle.json' : __GATECHECK_BUNDLE_URL__;
