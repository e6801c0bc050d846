/**
 * Published JavaScript DCC verifiers, for the side-by-side comparison. They are a package of their
 * own, bench/peers (its package.json and lock file), installed there on the first `npm run bench`:
 * their dependencies (expo, react-native, metro) would otherwise be most of every install, and the
 * app never imports them. Each is given the vector's signer certificate up front and the vector's
 * validation clock, and never the network.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { fromBase64Url } from '../../src/core/encoding/bytes.ts';
import type { EuVector } from '../../test/fuzz/formats/eu-dcc/vectors.ts';

const PEERS_DIR = fileURLToPath(new URL('../../bench/peers/', import.meta.url));

/** Installs bench/peers from its lock file when it has not been yet (the first `npm run bench`). */
function ensurePeersInstalled(): void {
  if (existsSync(join(PEERS_DIR, 'node_modules'))) return;
  process.stderr.write(`bench: installing the peer libraries into ${PEERS_DIR} (once)…\n`);
  // No install scripts: the libraries are plain JavaScript, and their React Native tree has hooks we never need.
  // npm's output goes to stderr: the bench's stdout is its table.
  execFileSync('npm', ['ci', '--prefix', PEERS_DIR, '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 2] });
}

export interface Peer {
  name: string;
  /** True when the library accepts the vector's signature (and whatever else it checks). */
  verify(v: EuVector): Promise<boolean>;
}

const b64 = (b64url: string) => Buffer.from(fromBase64Url(b64url)).toString('base64');

/** Runs f with `new Date()` / Date.now() at `now` (dcc-decoder checks expiry against the wall clock). */
async function atClock<T>(now: Date, f: () => Promise<T>): Promise<T> {
  const Real = Date;
  const fixed = now.getTime();
  class Fixed extends Real {
    constructor(...a: unknown[]) {
      if (a.length === 0) super(fixed);
      else super(...(a as [number]));
    }
    static override now() {
      return fixed;
    }
  }
  globalThis.Date = Fixed as DateConstructor;
  try {
    return await f();
  } finally {
    globalThis.Date = Real;
  }
}

/** Keeps the libraries offline (pathcheck fetches a registry for unknown kids) and quiet. */
export function offline(): void {
  globalThis.fetch = (async () => {
    throw new Error('offline');
  }) as typeof fetch;
  console.log = () => {};
  console.warn = () => {};
}

export async function loadPeers(vectors: EuVector[]): Promise<Peer[]> {
  ensurePeersInstalled();
  // Resolves as if from bench/peers/package.json, so each library comes from bench/peers/node_modules.
  const peerRequire = createRequire(join(PEERS_DIR, 'package.json'));
  const peers: Peer[] = [];

  // dcc-utils: DCC.fromRaw + checkSignatureWithCertificate (PEM).
  const { DCC } = peerRequire('dcc-utils');
  const pem = (c: string) => `-----BEGIN CERTIFICATE-----\n${c.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----`;
  peers.push({
    name: 'dcc-utils 0.4.0',
    async verify(v) {
      try {
        const dcc = await DCC.fromRaw(v.text);
        return !!(await dcc.checkSignatureWithCertificate(pem(v.certificate)));
      } catch {
        return false;
      }
    },
  });

  // @pathcheck/dcc-sdk: its CommonJS entry needs the `esm` loader, which fails on node 20; an esbuild bundle of lib/main.js runs.
  const dir = join(tmpdir(), 'gatecheck-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'pathcheck-dcc-sdk.cjs');
  await build({ entryPoints: [peerRequire.resolve('@pathcheck/dcc-sdk/lib/main.js')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent' });
  const pathcheck = peerRequire(outfile);
  const certs: Record<string, string> = {};
  for (const v of vectors) certs[b64(v.cert.kid)] = v.certificate;
  pathcheck.addCachedCerts(certs);
  peers.push({
    name: '@pathcheck/dcc-sdk 0.0.27',
    async verify(v) {
      try {
        const r = await pathcheck.unpackAndVerify(v.text);
        return r?.status === 'verified' || r?.status === 'VERIFIED' || r?.status === 1;
      } catch {
        return false;
      }
    },
  });

  // dcc-decoder: its verifier with an EC signing-key list, at the vector's clock.
  const decodeQR = peerRequire('dcc-decoder/dist/verifier/index.js').default;
  peers.push({
    name: 'dcc-decoder 0.6.3',
    async verify(v) {
      const jwk = v.cert.jwk as { x?: string; y?: string; n?: string; e?: string };
      const key = jwk.x ? { kid: b64(v.cert.kid), country: v.country, x: b64(jwk.x), y: b64(jwk.y!) } : { kid: b64(v.cert.kid), country: v.country, n: b64(jwk.n!), e: b64(jwk.e!) };
      try {
        const r = (await atClock(v.now, () => decodeQR(v.text, [key]))) as { error?: unknown; rawCert?: unknown } | undefined;
        return !!r && !r.error && !!r.rawCert;
      } catch {
        return false;
      }
    },
  });
  return peers;
}
