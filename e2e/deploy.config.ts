import { defineConfig } from '@playwright/test';
import { BASE_CONFIG, CHROMIUM_LAUNCH } from './base-config.ts';

/**
 * The deploy e2e (deploy.spec.ts): a production build behind Debian's nginx, which the spec starts
 * itself — so not playwright.config.ts, whose webServer is the demo (`npm start`).
 * `npx playwright test -c e2e/deploy.config.ts --output /tmp/…`; scripts/test.sh runs it last.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /deploy.*\.spec\.ts$/,
  ...BASE_CONFIG,
  use: {
    launchOptions: CHROMIUM_LAUNCH,
    locale: 'zh-CN',
  },
});
