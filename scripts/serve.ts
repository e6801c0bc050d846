/**
 * Static server for the built app and the demo world's public files. The trust bundle is served
 * like any CDN would: ETag, revalidated on every fetch. Private demo keys are never served; the
 * one thing they do here is sign a device-bound code for the demo holder page, and only when the
 * folder is a demo world (demo-issue.ts).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { contentSecurityPolicy, parseBundleOrigins } from '../src/app/security/csp.ts';
import { DEMO_ISSUE_PATH, serveDemoIssue } from './demo-issue.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

const CSP = contentSecurityPolicy({ bundleOrigins: parseBundleOrigins(process.env.GATECHECK_BUNDLE_ORIGINS), header: true });

export interface ServeOptions {
  distDir: string;
  demoDir: string;
  port: number;
  host?: string;
}

/** Resolve `rel` inside `root`, or null if it would escape it. */
function inside(root: string, rel: string): string | null {
  const p = normalize(join(root, rel));
  return p === root || p.startsWith(root + sep) ? p : null;
}

export function serve(opts: ServeOptions): Promise<Server> {
  const dist = resolve(opts.distDir);
  const demo = resolve(opts.demoDir);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (path === DEMO_ISSUE_PATH) {
      await serveDemoIssue(req, res, demo, { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
      return;
    }
    let file: string | null;
    let cache = 'public, max-age=31536000, immutable';
    if (path === '/trust/bundle.json') {
      file = join(demo, 'bundle.json');
      cache = 'no-cache';
    } else if (path.startsWith('/trust/revocations/')) {
      // Revocation set files are named by version and pinned by hash in the bundle: cache them hard.
      file = inside(join(demo, 'revocations'), path.slice('/trust/revocations/'.length));
    } else if (path.startsWith('/demo-world/codes/')) {
      file = inside(join(demo, 'codes'), path.slice('/demo-world/codes/'.length));
      cache = 'no-cache';
    } else {
      if (!extname(path)) path = '/index.html'; // client-side routes (/, /demo)
      file = inside(dist, path);
      if (!path.startsWith('/assets/')) cache = 'no-cache';
    }
    const body = file ? await readFile(file).catch(() => null) : null;
    if (!body || !(await stat(file!)).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const headers = {
      'content-type': TYPES[extname(file!)] ?? 'application/octet-stream',
      'cache-control': cache,
      etag,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => ok(server));
  });
}
