/**
 * Is this a demo build (`npm start`, the dev server)? Fixed at build time by vite.config.ts
 * (__GATECHECK_DEMO__; vitest.config.ts sets it true, so unit tests see the screens `npm start`
 * shows). A production build (`npm run build`) makes this the literal `false`, which the bundler
 * inlines where it is used: every `DEMO_BUILD ? … : …` folds away, and with it the demo pages'
 * dynamic imports, the /demo and /holder routes and the DEMO badge (scripts/build.ts and
 * e2e/deploy.spec.ts search the built files). Keep it a bare literal: an expression around it
 * (a typeof guard) stops the inlining.
 *
 * A module with a dynamic import of a demo page tests __GATECHECK_DEMO__ itself: the bundler
 * decides which chunks exist before it inlines DEMO_BUILD, so only the literal the define puts in
 * the source keeps the page's chunk (and its precache entry) out of dist/.
 */
declare global {
  const __GATECHECK_DEMO__: boolean;
}

export const DEMO_BUILD: boolean = __GATECHECK_DEMO__;
