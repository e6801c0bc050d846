import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy, parseBundleOrigins } from './src/app/security/csp.ts';

const BUNDLE_ORIGINS = parseBundleOrigins(process.env.GATECHECK_BUNDLE_ORIGINS);

/**
 * The app pins the trust bundle's root public keys at build time: GATECHECK_ROOTS names a JSON
 * file holding one root JWK or an array of them (default: the demo world's root written by
 * `npm start`). A bundle signed by any other key is refused in the browser.
 */
function pinnedRoots(): unknown[] {
  const file = resolve(process.env.GATECHECK_ROOTS ?? '.demo-world/root.pub.jwk');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`gatecheck: cannot read pinned root keys from ${file} (set GATECHECK_ROOTS or run \`npm start\`)`);
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.map((j: any) => ({ kid: j.kid, alg: j.alg, jwk: { kty: j.kty, crv: j.crv, x: j.x, y: j.y } }));
}

export default defineConfig(({ command }) => ({
  plugins: [
    preact(),
    // The policy travels inside the page, so every host serves it (the dev server's HMR needs inline code: build only).
    {
      name: 'gatecheck-csp',
      apply: 'build',
      transformIndexHtml: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ bundleOrigins: BUNDLE_ORIGINS, header: false }) }, injectTo: 'head-prepend' },
      ],
    },
    // The service worker precaches the whole app (shell, decode worker, wasm, fallback decoder,
    // icons) so a gate starts, scans and judges with no network after one online visit. The trust
    // bundle is not precached: the app keeps it in IndexedDB and refreshes it itself.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false, // src/app/pwa/register.ts registers it with workbox-window
      includeManifestIcons: false, // globPatterns below already precaches them (no duplicates)
      manifest: {
        name: '通行核验 gatecheck',
        short_name: '通行核验',
        description: '健康码与健康证书离线核验 · Offline health code and certificate verifier',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0b3d2e',
        background_color: '#f4f6f5',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,wasm}'], // the plugin adds the manifest itself
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/trust\//, /^\/demo-world\//],
        cleanupOutdatedCaches: true,
        // The first visit is controlled as soon as the precache is complete: offline-ready without a reload.
        clientsClaim: true,
      },
    }),
  ],
  define: {
    __GATECHECK_PINNED_ROOTS__: JSON.stringify(command === 'build' ? pinnedRoots() : safeRoots()),
    __GATECHECK_BUNDLE_ORIGINS__: JSON.stringify(BUNDLE_ORIGINS),
  },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
}));

function safeRoots(): unknown[] {
  try {
    return pinnedRoots();
  } catch {
    return [];
  }
}
