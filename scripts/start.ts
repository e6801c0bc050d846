/**
 * `npm start`: generate a fresh demo world, build the app pinned to its root key, serve both.
 * PORT (default 4173) and HOST (default 127.0.0.1) choose where.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { valueSetsFromFiles } from '../src/core/formats/eu-dcc/index.ts';
import { resolve } from 'node:path';
import { keyFromCertificate } from '../src/core/trust/x509.ts';
import { build } from 'vite';
import { writeDemoWorld } from '../src/issuer/demo-world.node.ts';
import { readDidDocument } from '../src/issuer/import-did.ts';
import { serve } from './serve.ts';
import { sharedDir } from '../test/support/shared.ts';

const demoDir = resolve(process.env.GATECHECK_DEMO_DIR ?? '.demo-world');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

// GATECHECK_EXTRA_CERTS="DE:/path/dsc.der,FR:/path/dsc.pem" adds foreign signer certificates to the
// demo bundle (the e2e tests trust one EU test-suite DSC this way).
const extraCerts = [];
for (const spec of (process.env.GATECHECK_EXTRA_CERTS ?? '').split(',').filter(Boolean)) {
  const [country, file] = spec.split(/:(.*)/s, 2) as [string, string];
  const cert = await keyFromCertificate(new Uint8Array(await readFile(file)));
  if (!cert.ok) throw new Error(`${file}: ${cert.reason.code}`);
  extraCerts.push({ country: country.toUpperCase(), cert: cert.value });
}
// GATECHECK_EXTRA_DIDS="/path/did.json,…" adds DID issuers' assertion keys (the e2e tests trust the
// NZ COVID Pass specification's example issuer this way).
const extraDids = [];
for (const file of (process.env.GATECHECK_EXTRA_DIDS ?? '').split(',').filter(Boolean)) extraDids.push(readDidDocument(file, await readFile(file, 'utf8')));
// EU DCC value sets for product names, when the shared reference data is beside the checkout.
const valueSetsDir = resolve(process.env.GATECHECK_VALUE_SETS_DIR ?? sharedDir('vectors', 'eu-dcc-valuesets'));
const valueSets = existsSync(valueSetsDir)
  ? valueSetsFromFiles(readdirSync(valueSetsDir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(resolve(valueSetsDir, f), 'utf8'))))
  : undefined;
const world = await writeDemoWorld(demoDir, new Date(), { extraCerts, extraDids, ...(valueSets ? { valueSets } : {}) });
console.log(`demo world: ${world.dir} (${world.codes.length} sample codes; DEMO KEYS ONLY)`);
process.env.GATECHECK_ROOTS = resolve(demoDir, 'root.pub.jwk');
// A demo build: the /demo and /holder pages and the DEMO badge are in it (vite.config.ts).
process.env.GATECHECK_DEMO = '1';
// GATECHECK_DIST_DIR: a parallel e2e run builds (with its own pinned root) where it does not clobber another's.
const distDir = process.env.GATECHECK_DIST_DIR ?? 'dist';
await build({ logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
await serve({ distDir, demoDir, port, host });
console.log(`gatecheck is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/  (demo codes: /demo)`);
