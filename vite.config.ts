import preact from '@preact/preset-vite';
import { defineConfig, type UserConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy, parseBundleOrigins } from './src/app/security/csp.ts';
import { bundleSource, DEFAULT_BUNDLE_URL, readPinnedRoots } from './src/issuer/app-build.node.ts';

/**
 * Two kinds of build. A demo build (GATECHECK_DEMO=1: `npm start`, which also sets the roots; and
 * the dev server) pins the demo world's root and carries the /demo and /holder pages. A production
 * build (`npm run build`, scripts/build.ts, docs/deploy.md) pins the operator's roots and leaves
 * every demo path out: __GATECHECK_DEMO__ is false, so the demo chunks are never imported.
 *
 * GATECHECK_ROOTS: comma-separated JSON files, each one root public JWK or an array of them. A
 * bundle signed by any other key is refused in the browser. GATECHECK_BUNDLE_URL: where gates fetch
 * the bundle (default /trust/bundle.json). GATECHECK_BUNDLE_ORIGINS: other https origins the bundle
 * may come from (the CSP's connect-src).
 */
const DEMO = process.env.GATECHECK_DEMO === '1';
const SOURCE = bundleSource(process.env.GATECHECK_BUNDLE_URL || DEFAULT_BUNDLE_URL, parseBundleOrigins(process.env.GATECHECK_BUNDLE_ORIGINS));
const BUNDLE_ORIGINS = SOURCE.origins;

async function pinnedRoots(demo: boolean): Promise<unknown[]> {
  const files = (process.env.GATECHECK_ROOTS ?? (demo ? '.demo-world/root.pub.jwk' : '')).split(',').filter(Boolean);
  if (files.length === 0)
    throw new Error('gatecheck: a production build pins your root public keys: npm run build -- --root PUBFILE (docs/deploy.md); `npm start` builds the demo');
  return readPinnedRoots(files, { demo });
}

export default defineConfig(async ({ command }): Promise<UserConfig> => {
  // The dev server is for working on the app: it runs the demo.
  const demo = DEMO || command === 'serve';
  return {
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
      // src/app/early.ts is an entry of its own, run async before the app's script (it starts the
      // camera and the decode worker while that one compiles); modules both use are shared chunks.
      {
        name: 'gatecheck-early',
        transformIndexHtml: {
          order: 'post',
          handler: (html, ctx) => {
            const chunk = ctx.bundle ? Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'early') : undefined;
            const src = ctx.bundle ? (chunk ? `/${chunk.fileName}` : null) : '/src/app/early.ts';
            if (!src) throw new Error('gatecheck: the early entry (src/app/early.ts) is missing from the build');
            // First in the head after the CSP: requested before the app's script and its chunks
            // (a browser opens six connections to a host; the seventh request waits).
            const tag = `<script type="module" async crossorigin src="${src}"></script>`;
            const csp = /<meta http-equiv="Content-Security-Policy"[^>]*>/.exec(html);
            return csp ? html.replace(csp[0], `${csp[0]}\n    ${tag}`) : html.replace('<head>', `<head>\n    ${tag}`);
          },
        },
      },
      // The start-up chunks (the two entries and what they import statically) ask V8 to compile
      // every function while the script streams in, on a background thread, rather than each one
      // on the page's thread at its first call: on a slow phone those first calls (the first
      // render) hold up the camera's start. Chromium 136+ reads the comment; others ignore it.
      {
        name: 'gatecheck-compile-hints',
        apply: 'build',
        // After Vite's own additions to the chunks: the comment goes first.
        generateBundle: { order: 'post', handler(_options, bundle) {
          const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
          const start = [...chunks.values()].filter((c) => c.isEntry).map((c) => c.fileName);
          const seen = new Set<string>();
          while (start.length) {
            const name = start.pop()!;
            const chunk = chunks.get(name);
            if (!chunk || seen.has(name)) continue;
            seen.add(name);
            chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
            start.push(...chunk.imports);
          }
        } },
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
          // The bundle and (demo builds only) the demo world's files are the server's, never the shell's.
          navigateFallbackDenylist: demo ? [/^\/trust\//, /^\/demo-world\//] : [/^\/trust\//],
          cleanupOutdatedCaches: true,
          // The first visit is controlled as soon as the precache is complete: offline-ready without a reload.
          clientsClaim: true,
        },
      }),
    ],
    define: {
      __GATECHECK_PINNED_ROOTS__: JSON.stringify(command === 'build' ? await pinnedRoots(demo) : await pinnedRoots(demo).catch(() => [])),
      __GATECHECK_BUNDLE_ORIGINS__: JSON.stringify(BUNDLE_ORIGINS),
      __GATECHECK_BUNDLE_URL__: JSON.stringify(SOURCE.url),
      __GATECHECK_DEMO__: JSON.stringify(demo),
    },
    worker: { format: 'es' },
    build: { target: 'es2022', sourcemap: false, rollupOptions: { input: { index: 'index.html', early: 'src/app/early.ts' } } },
  };
});
