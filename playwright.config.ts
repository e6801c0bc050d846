import { defineConfig } from '@playwright/test';
import { BASE_CONFIG, CHROMIUM_LAUNCH } from './e2e/base-config.ts';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sharedDir } from './test/support/shared.ts';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 4180);

/**
 * One EU DCC test-suite vector the e2e tests scan; its signer certificate joins the e2e demo
 * bundle (read from ../shared at run time, never copied into the repo).
 */
export const DCC_VECTOR = sharedDir('vectors', 'eu-dcc', 'DE', '2DCode', 'raw', '1.json');
/** A real issuer's test vector whose content we do not fully recognise (result "NEGATIVO"): shown as unknown. */
/** The NZ COVID Pass specification's example issuer (did:web:nzcp.covid19.health.nz), trusted by the e2e world. */
export const NZCP_DID = sharedDir('vectors', 'nzcp', 'examples', 'valid', 'did.json');
export const NZCP_EXAMPLES = sharedDir('vectors', 'nzcp', 'examples');
export const DCC_UNKNOWN_VECTOR = sharedDir('vectors', 'eu-dcc', 'ES', '2DCode', 'raw', '1103.json');
const certOf = (vector: string, name: string) => {
  const file = resolve(`e2e/.fixtures/${name}.der`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(JSON.parse(readFileSync(vector, 'utf8')).TESTCTX.CERTIFICATE, 'base64'));
  return file;
};
const extraCerts = `DE:${certOf(DCC_VECTOR, 'dcc-dsc')},ES:${certOf(DCC_UNKNOWN_VECTOR, 'dcc-dsc-es')}`;
// The e2e server gets its own demo world so a running `npm start` is never disturbed.
// E2E_DEMO_DIR and E2E_DIST_DIR give a parallel run (another E2E_PORT) a world and a build of its own.
process.env.GATECHECK_DEMO_DIR = resolve(process.env.E2E_DEMO_DIR ?? 'e2e/.fixtures/demo-world');

export default defineConfig({
  testDir: 'e2e',
  // The deploy e2e runs against nginx, not this demo server (e2e/deploy.config.ts); the engine
  // matrix drives Firefox and WebKit too (e2e/matrix.config.ts).
  testIgnore: [/deploy.*\.spec\.ts$/, /matrix\//],
  ...BASE_CONFIG,
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    launchOptions: CHROMIUM_LAUNCH,
    locale: 'zh-CN',
  },
  webServer: {
    command: 'npx tsx scripts/start.ts',
    env: { PORT: String(E2E_PORT), GATECHECK_DEMO_DIR: process.env.GATECHECK_DEMO_DIR, GATECHECK_EXTRA_CERTS: extraCerts, GATECHECK_EXTRA_DIDS: NZCP_DID, GATECHECK_DIST_DIR: process.env.E2E_DIST_DIR ?? 'dist' },
    url: `http://127.0.0.1:${E2E_PORT}/trust/bundle.json`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
  },
});
