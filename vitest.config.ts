import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects. `unit` is the fast loop (`npm run test:unit`, ≤ 60 s on a 2-core machine); `slow`
 * holds the long runs — the 4 × 10,000-input fuzz and the EU DCC conformance suite, which reads
 * every picture. `npx vitest run` (npm test, CI) runs both. Playwright's e2e/*.spec.ts are never
 * vitest's.
 */
const SLOW = ['test/fuzz/fuzz.test.ts', 'test/conformance/**/*.test.ts'];

export default defineConfig({
  // Unit tests see the demo build's screens (src/app/demo/demo-build.ts; vite.config.ts sets it per build).
  define: { __GATECHECK_DEMO__: 'true' },
  test: {
    environment: 'node',
    testTimeout: 20_000,
    // vitest's default is one core less than the machine has: one worker on 2 cores, with the main
    // process (transforms, reporting) nearly idle. Test files run in both cores instead.
    maxWorkers: availableParallelism(),
    // The EU DCC schema validators are compiled before any test imports them (no install hook does it).
    globalSetup: ['test/support/build-schemas.setup.ts'],
    exclude: [...configDefaults.exclude, 'e2e/**'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'e2e/**', ...SLOW] } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
