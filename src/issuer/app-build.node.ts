/**
 * What a production app build pins, checked before anything is built (`npm run build`,
 * scripts/build.ts; vite.config.ts reads the roots through here too). A wrong root file would
 * otherwise surface weeks later as "every bundle refused" on every gate, so each mistake an
 * operator can make here fails the build with the file's name: a private key instead of the public
 * one, a kid that is not the key's thumbprint, a demo world's root.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { jwkThumbprint } from '../core/crypto/jwk.ts';
import { toBase64Url } from '../core/encoding/bytes.ts';
import type { PinnedRoot } from '../core/trust/bundle.ts';
import { parsePublicJwk, pinnedRootFrom } from './keys.ts';

/** Where a gate fetches the bundle when the build names nothing else (src/app/security/bundle-origins.ts). */
export const DEFAULT_BUNDLE_URL = '/trust/bundle.json';

/** Words every demo world's README.txt carries (demo-world.node.ts): its root is never a production pin. */
const DEMO_WORLD_MARK = 'gatecheck demo world';

function isDemoWorldRoot(file: string): boolean {
  try {
    return readFileSync(join(dirname(file), 'README.txt'), 'utf8').includes(DEMO_WORLD_MARK);
  } catch {
    return false;
  }
}

/**
 * The root public keys in `files` (each one JWK or an array of them, as `keygen --root` writes
 * public.jwk). `demo`: a demo world's root is allowed (npm start); a production build refuses it.
 */
export async function readPinnedRoots(files: readonly string[], opts: { demo: boolean }): Promise<PinnedRoot[]> {
  const out: PinnedRoot[] = [];
  for (const f of files) {
    const file = resolve(f);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`cannot read the root public key file ${file}`);
    }
    if (!opts.demo && isDemoWorldRoot(file)) throw new Error(`${file} is a demo world's root: a production build pins your own root (docs/deploy.md)`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${file} is not JSON (a root public key as \`gatecheck keygen --root\` writes public.jwk)`);
    }
    for (const j of Array.isArray(parsed) ? parsed : [parsed]) {
      // The one mistake that leaks a secret: the private root key belongs on the offline machine only.
      if (j && typeof j === 'object' && 'd' in j) throw new Error(`${file} holds a PRIVATE key: pin the public part (public.jwk); the private root key stays offline`);
      const root = pinnedRootFrom(parsePublicJwk(JSON.stringify(j), `root public key ${file}`));
      const thumb = toBase64Url(await jwkThumbprint(root.jwk));
      if (thumb !== root.kid) throw new Error(`${file}: kid ${root.kid} is not the key's RFC 7638 thumbprint (${thumb})`);
      if (!out.some((r) => r.kid === root.kid)) out.push(root);
    }
  }
  return out;
}

/**
 * The bundle URL a build bakes in, and the bundle origins its CSP must then allow: a path on the
 * app's own origin, or an https URL — whose origin joins `origins`, since a gate could not fetch
 * it past its own connect-src otherwise.
 */
export function bundleSource(url: string, origins: readonly string[]): { url: string; origins: string[] } {
  const all = [...origins];
  if (url.startsWith('/') && !url.startsWith('//')) return { url, origins: all };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`bundle URL ${url}: a path on the app's origin (/trust/bundle.json) or an https URL`);
  }
  if (u.protocol !== 'https:') throw new Error(`bundle URL ${url}: https only (or a path on the app's origin)`);
  if (u.username || u.password) throw new Error(`bundle URL ${url}: no user or password`);
  if (!all.includes(u.origin)) all.push(u.origin);
  return { url: u.href, origins: all };
}

/**
 * Strings only the demo build's code contains: the demo pages (their chunks and the holder page's
 * call to the demo server's issuing endpoint), the demo world's files, the DEMO badge, the nav link.
 */
export const DEMO_MARKERS = ['DemoPage', 'HolderPage', 'demo-issue', '/demo-world/', 'badge-demo', 'result-demo', 'nav-demo', 'demo-holder'] as const;

/** Every file under `dir` (a build) whose name or text carries a demo marker: none, in a production build. */
export function demoTraces(dir: string): { file: string; marker: string }[] {
  const out: { file: string; marker: string }[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    // Stylesheets are left out: the shell's holds the badge's rules, unused without the badge.
    const text = /\.(js|html|json|webmanifest)$/.test(entry.name) ? readFileSync(path, 'utf8') : '';
    for (const marker of DEMO_MARKERS) if (entry.name.includes(marker) || text.includes(marker)) out.push({ file: relative(dir, path), marker });
  }
  return out;
}
