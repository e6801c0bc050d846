/**
 * Debian's nginx running deploy/nginx.conf itself — not a copy — for e2e/deploy.spec.ts: as the
 * current user, in a scratch folder (pid, logs, temp files), on localhost ports. The shipped file
 * is changed only where a test cannot follow it (ports instead of 80/443, no TLS: certificates
 * are the operator's; http://localhost is a secure context, so the camera and the service worker
 * work), and each change must match exactly once, so an edit to the file that the test would no
 * longer see fails here instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface Nginx {
  /** The app server (the TLS server block, served over plain HTTP). */
  url: string;
  /** The HTTP server block that only redirects to https. */
  redirectUrl: string;
  stop(): Promise<void>;
}

function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const n = typeof from === 'string' ? text.split(from).length - 1 : [...text.matchAll(new RegExp(from.source, from.flags + 'g'))].length;
  if (n !== 1) throw new Error(`deploy/nginx.conf: expected ${String(from)} once, found it ${n} times`);
  return text.replace(from, to);
}

/** deploy/nginx.conf with `site` for /srv/gatecheck and the two listen ports. */
export function siteConfig(site: string, port: number, redirectPort: number): string {
  let conf = readFileSync(resolve('deploy/nginx.conf'), 'utf8');
  conf = conf.replaceAll('/srv/gatecheck', site);
  conf = replaceOnce(conf, /^ {4}listen 80;$/m, `    listen 127.0.0.1:${redirectPort};`);
  conf = replaceOnce(conf, /^ {4}listen \[::\]:80;\n/m, '');
  conf = replaceOnce(conf, /^ {4}listen 443 ssl http2;$/m, `    listen 127.0.0.1:${port};`);
  conf = replaceOnce(conf, /^ {4}listen \[::\]:443 ssl http2;\n/m, '');
  conf = replaceOnce(conf, /^ {4}ssl_certificate .*\n/m, '');
  conf = replaceOnce(conf, /^ {4}ssl_certificate_key .*\n/m, '');
  return conf;
}

export async function startNginx(opts: { site: string; dir: string; port: number; redirectPort: number }): Promise<Nginx> {
  const { dir } = opts;
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  writeFileSync(join(dir, 'site.conf'), siteConfig(opts.site, opts.port, opts.redirectPort));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(dir, 'tmp', t)};`).join('\n');
  // As root, nginx would hand requests to workers running as nobody, who cannot read a 0700 scratch folder.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};\n` : '';
  writeFileSync(
    join(dir, 'nginx.conf'),
    `${user}daemon off;\nworker_processes 1;\npid ${join(dir, 'nginx.pid')};\nerror_log ${join(dir, 'error.log')} warn;\n` +
      `events { worker_connections 64; }\nhttp {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n` +
      `  access_log ${join(dir, 'access.log')};\n${temp}\n  include ${join(dir, 'site.conf')};\n}\n`,
  );
  const child: ChildProcess = spawn(NGINX, ['-p', dir + '/', '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${opts.port}`;
  const log = () => `${stderr}\n${readFileSync(join(dir, 'error.log'), 'utf8')}`;
  for (let i = 0; ; i++) {
    if (gone) throw new Error(`nginx exited: ${log()}`);
    const ok = await fetch(`${url}/index.html`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 100) throw new Error(`nginx did not answer on ${url}: ${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    redirectUrl: `http://127.0.0.1:${opts.redirectPort}`,
    stop: async () => {
      if (!gone) child.kill('SIGTERM');
      await exited;
    },
  };
}
