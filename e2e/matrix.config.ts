import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import { BASE_CONFIG } from './base-config.ts';

/**
 * The engine matrix (docs/browsers.md): e2e/matrix/smoke.spec.ts in Chromium (Playwright),
 * Firefox ESR (puppeteer-core, WebDriver BiDi) and WebKitGTK (WebKitWebDriver under xvfb-run).
 * Playwright is only the runner here; each project's spec opens its engine through its driver.
 * `npx playwright test -c e2e/matrix.config.ts [--project firefox]`; scripts/test.sh runs it last.
 * MATRIX_PORT (default 4300) is the demo server; +1…+3 the per-engine proxies, +8 and +9 WebKitWebDriver.
 * None may be on the Fetch standard's "bad ports" list (4190, sieve, is): Firefox and WebKit refuse
 * to load them (Firefox: deniedPortAccess), Chromium's Playwright run does not notice.
 */
const PORT = Number((process.env.MATRIX_PORT ??= '4300'));
// Its own demo world and build by default, like playwright.config.ts (E2E_DEMO_DIR, E2E_DIST_DIR).
process.env.E2E_DEMO_DIR = resolve(process.env.E2E_DEMO_DIR ?? 'e2e/.fixtures/demo-world');

export default defineConfig({
  testDir: 'matrix',
  ...BASE_CONFIG,
  projects: [{ name: 'chromium' }, { name: 'firefox' }, { name: 'webkit' }],
  webServer: {
    command: 'npx tsx scripts/start.ts',
    cwd: '..',
    env: { PORT: String(PORT), GATECHECK_DEMO_DIR: process.env.E2E_DEMO_DIR, GATECHECK_DIST_DIR: process.env.E2E_DIST_DIR ?? 'dist' },
    url: `http://127.0.0.1:${PORT}/trust/bundle.json`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
  },
});
