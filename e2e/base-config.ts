/** What every Playwright config here shares: one test at a time, Debian's Chromium, zh-CN first. */
export const BASE_CONFIG = {
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']] as [string][],
};

export { CHROMIUM_LAUNCH } from '../test/support/chromium.ts';
