/**
 * Published JavaScript DCC verifiers, for the side-by-side comparison (dev dependencies; the app
 * never imports them). Each is given the vector's signer certificate up front and the vector's
 * validation clock, and never the network.
 */
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { build } from 'esbuild';
import { fromBase64Url } from '../../src/core/encoding/bytes.ts';
import type { EuVector } from '../../test/fuzz/eu-vectors.ts';

export interface Peer {
  name: string;
  /** True when the library accepts the vector's signature (and whatever else it checks). */
  verify(v: EuVector): Promise<boolean>;
}

const require = createRequire(import.meta.url);
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
  const peers: Peer[] = [];

  // dcc-utils: DCC.fromRaw + checkSignatureWithCertificate (PEM).
  const { DCC } = require('dcc-utils');
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
  await build({ entryPoints: [require.resolve('@pathcheck/dcc-sdk/lib/main.js')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent' });
  const pathcheck = require(outfile);
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
  const decodeQR = require('dcc-decoder/dist/verifier/index.js').default;
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
