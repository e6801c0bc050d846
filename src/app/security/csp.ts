/**
 * The app's Content-Security-Policy, one definition for both places that send it: a <meta> in the
 * built index.html (so any static host or CDN serves the policy with the page) and the header of
 * scripts/serve.ts (which can add what a meta tag cannot: frame-ancestors). No inline script, no
 * eval, nothing from another origin except the trust bundle's configured origins.
 */

/**
 * Origins besides the app's own that may serve the trust bundle, from GATECHECK_BUNDLE_ORIGINS at
 * build time (comma-separated https origins). Anything else is refused, with the reason.
 */
export function parseBundleOrigins(spec: string | undefined): string[] {
  const out: string[] = [];
  for (const item of (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      throw new Error(`GATECHECK_BUNDLE_ORIGINS: not a URL: ${item}`);
    }
    if (url.protocol !== 'https:') throw new Error(`GATECHECK_BUNDLE_ORIGINS: https only: ${item}`);
    if (url.origin !== item.replace(/\/$/, '')) throw new Error(`GATECHECK_BUNDLE_ORIGINS: an origin has no path, user or query: ${item}`);
    if (!out.includes(url.origin)) out.push(url.origin);
  }
  return out;
}

export function contentSecurityPolicy(opts: { bundleOrigins: readonly string[]; header: boolean }): string {
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the decode worker compile zxing-wasm (served from /assets, this
    // origin); it allows WebAssembly compilation only, not eval() or new Function().
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "worker-src 'self'",
    "manifest-src 'self'",
    ['connect-src', "'self'", ...opts.bundleOrigins].join(' '),
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    // Only a response header can carry frame-ancestors (a <meta> policy ignores it, with a warning).
    ...(opts.header ? ["frame-ancestors 'none'"] : []),
  ].join('; ');
}
