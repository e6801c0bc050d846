/**
 * `npm run build -- --root PUBFILE… [--bundle-url URL] [--bundle-origin ORIGIN…] [--out DIR]`: the
 * production app for any static host (docs/deploy.md). It pins the operator's root public keys and
 * nothing of the demo: no demo root, no /demo or /holder page, no DEMO badge (vite.config.ts,
 * src/app/demo/demo-build.ts) — and checks the result for demo traces before it says it is done.
 * `npm start` is the demo and does not come through here.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { contentSecurityPolicy, parseBundleOrigins } from '../src/app/security/csp.ts';
import { parseArgs, UsageError } from '../src/cli/args.ts';
import { bundleSource, DEFAULT_BUNDLE_URL, demoTraces, readPinnedRoots } from '../src/issuer/app-build.node.ts';

const USAGE = `usage: npm run build -- --root PUBFILE… [--bundle-url URL] [--bundle-origin https://ORIGIN…] [--out DIR]
  --root           a root public key (public.jwk from \`gatecheck keygen --root\`); repeat to pin several (a rollover)
  --bundle-url     where gates fetch the signed trust bundle (default ${DEFAULT_BUNDLE_URL}, on the app's origin)
  --bundle-origin  another https origin the bundle may come from (the CSP allows it; settings accept it)
  --out            the folder to write (default dist; emptied first)
Paths are relative to the gatecheck checkout (npm runs scripts there); absolute paths are clearest.`;

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(argv: string[]): Promise<number> {
  let a;
  try {
    a = parseArgs(argv, ['root', 'bundle-url', 'bundle-origin', 'out'], ['help']);
    if (a.has('help')) {
      console.log(USAGE);
      return 0;
    }
    if (a.positional.length) throw new UsageError(`unexpected argument ${a.positional[0]}`);
    // Without a pinned root a gate could trust nothing — or, worse, a demo root: never guess one.
    if (a.all('root').length === 0) throw new UsageError('no pinned root: a production build needs --root PUBFILE (your root public key; docs/deploy.md)');
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`gatecheck build: ${e.message}\n${USAGE}`);
    return 2;
  }
  const rootFiles = a.all('root').map((f) => resolve(f));
  const outDir = resolve(a.one('out') ?? join(repo, 'dist'));
  const roots: { kid: string; file: string }[] = [];
  let source;
  try {
    for (const file of rootFiles) for (const r of await readPinnedRoots([file], { demo: false })) roots.push({ kid: r.kid, file });
    source = bundleSource(a.one('bundle-url') ?? DEFAULT_BUNDLE_URL, parseBundleOrigins(a.all('bundle-origin').join(',')));
  } catch (e) {
    console.error(`gatecheck build: ${(e as Error).message}`);
    return 1;
  }
  // The build empties --out: a published bundle inside it would be deleted with the old app.
  if (existsSync(join(outDir, 'trust', 'bundle.json'))) {
    console.error(`gatecheck build: ${outDir} holds trust/bundle.json; the build empties its --out folder — keep the bundle beside the app, not inside it (docs/deploy.md)`);
    return 1;
  }

  const bundleWhere = source.url.startsWith('/') ? `${source.url} (on the app's own origin)` : source.url;
  console.log('gatecheck production build');
  console.log('  pinned roots (a gate accepts a bundle signed by one of these, or by a root they announce):');
  for (const r of roots) console.log(`    ${r.kid}  ${r.file}`);
  console.log(`  trust bundle fetched from: ${bundleWhere}`);
  console.log(`  other bundle origins (CSP connect-src): ${source.origins.join(' ') || 'none'}`);
  console.log(`  out: ${outDir}`);

  process.env.GATECHECK_ROOTS = rootFiles.join(',');
  process.env.GATECHECK_BUNDLE_URL = source.url;
  process.env.GATECHECK_BUNDLE_ORIGINS = source.origins.join(',');
  delete process.env.GATECHECK_DEMO;
  await build({ root: repo, logLevel: 'error', build: { outDir, emptyOutDir: true } });

  const traces = demoTraces(outDir);
  if (traces.length) {
    for (const t of traces) console.error(`gatecheck build: demo trace in ${t.file}: ${t.marker}`);
    return 1;
  }
  console.log(`  written: ${outDir} (no demo pages, no demo root)`);
  // The server must send the same policy as a header (it can add frame-ancestors; deploy/nginx.conf).
  console.log(`  CSP header for your server: ${contentSecurityPolicy({ bundleOrigins: source.origins, header: true })}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
