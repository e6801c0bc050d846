/**
 * Which way imports may flow (issue 19), checked by `npm run lint:deps` and scripts/test.sh:
 *
 *   core ← read ← app          core ← issuer ← cli          core ← holder ← app, cli
 *   src ← test/support ← tests, test/<folder>        scripts → test, src (nobody imports scripts)
 *
 * Run it on globs, not folders (package.json "lint:deps", which scripts/test.sh runs; include
 * vite.config.ts, an entry of the no-test-only-modules-in-src rule): with TypeScript 7 installed,
 * dependency-cruiser's own TypeScript reader is unavailable, so it would skip `.ts` files found in
 * a folder; files named by a glob are read through babel (.dependency-cruiser.babel.cjs).
 */
'use strict';

/** Test files, wherever they live: they may reach across layers to build their inputs. */
const TEST_FILE = '\\.test\\.tsx?$';
const LAYERS = '^src/(read|app|issuer|cli|holder)/';
/** What ships: the app (its entries, main and early, and its workers, which load by URL), the CLI, and the build config (CSP). */
const PRODUCT_ENTRIES = '^(src/app/main\\.tsx|src/app/early\\.ts|src/app/.+\\.worker\\.ts|src/cli/main\\.ts|vite\\.config\\.ts)$';

module.exports = {
  forbidden: [
    {
      name: 'core-stands-alone',
      comment:
        'src/core is the verifier the app, the CLI and the issuer all share: importing a layer above it (or tests, scripts, e2e) would drag the DOM, signing or test code into every one of them.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TEST_FILE },
      to: { path: [LAYERS, '^(test|e2e|scripts)/'] },
    },
    {
      name: 'core-no-ui-or-storage',
      comment: 'src/core runs unchanged in the browser, in workers and in Node: no Preact, no IndexedDB, no service-worker glue.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TEST_FILE },
      to: { path: '(^|/)node_modules/(preact|idb|workbox-window)/' },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'src/core runs in the browser and in workers as well as in Node.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TEST_FILE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'read-uses-only-core',
      comment: 'src/read turns pictures into text for the app and the CLI alike; it knows nothing of screens, signing or commands.',
      severity: 'error',
      from: { path: '^src/read/', pathNot: TEST_FILE },
      to: { path: '^src/(app|issuer|cli|holder)/' },
    },
    {
      name: 'app-never-signs',
      comment: 'The app only verifies: signing keys, bundle editing and CLI commands never ship to a gate device.',
      severity: 'error',
      from: { path: '^src/app/', pathNot: TEST_FILE },
      to: { path: '^src/(issuer|cli)/' },
    },
    {
      name: 'issuer-uses-only-core',
      comment:
        'src/issuer (signing, demo world, imports) builds on core alone, so the CLI and tests can use it without the app or the readers; it renders QR codes itself (qr-render.node.ts) and never reads them.',
      severity: 'error',
      from: { path: '^src/issuer/', pathNot: TEST_FILE },
      to: { path: '^src/(app|read|cli)/' },
    },
    {
      name: 'holder-uses-only-core',
      comment:
        'src/holder is the holder phone\'s side of a device-bound code (live presentations): the demo holder page and `gatecheck present` run the same code, in the browser and in Node, so it imports core and nothing else — no npm package, no Node API, no screen, reader or issuer code. The app and the CLI may import it; core and read never do (core-stands-alone, read-uses-only-core): a gate verifies presentations, it never makes them.',
      severity: 'error',
      from: { path: '^src/holder/', pathNot: TEST_FILE },
      to: { pathNot: '^src/(core|holder)/' },
    },
    {
      name: 'cli-not-app',
      comment: 'The CLI is the Node entry point beside the app, not on top of it: app code assumes a browser.',
      severity: 'error',
      from: { path: '^src/cli/', pathNot: TEST_FILE },
      to: { path: '^src/app/' },
    },
    {
      name: 'browser-code-no-node-files',
      comment: 'Files named *.node.ts use Node APIs; the app bundle (src/app, src/read, src/core, src/holder) must not pull one in.',
      severity: 'error',
      from: { path: '^src/(app|read|core|holder)/', pathNot: [TEST_FILE, '\\.node\\.tsx?$'] },
      to: { path: '\\.node\\.tsx?$' },
    },
    {
      name: 'nobody-imports-scripts',
      comment: 'scripts/ are entry points (npm run …); logic others need lives in src/ or test/support and scripts import it.',
      severity: 'error',
      from: { pathNot: '^scripts/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'product-code-has-no-test-code',
      comment: 'Nothing under src/ (tests aside) imports test/, e2e/ or a test file: test-only modules stay out of what ships.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_FILE },
      to: { path: ['^(test|e2e)/', TEST_FILE] },
    },
    {
      name: 'no-test-only-modules-in-src',
      comment:
        'Every module under src/ (tests aside) is reached from something that ships; a module only tests or scripts use belongs in test/support (as synthetic-frames.ts now is).',
      severity: 'error',
      from: { path: PRODUCT_ENTRIES },
      to: { path: '^src/', pathNot: [TEST_FILE, PRODUCT_ENTRIES, '\\.d\\.ts$'], reachable: false },
    },
    {
      name: 'tests-not-scripts-or-e2e',
      comment: 'Unit tests import src/ and test/ only: a script or an e2e spec is an entry point, not a library.',
      severity: 'error',
      from: { path: TEST_FILE },
      to: { path: ['^(scripts|e2e)/', TEST_FILE] },
    },
    {
      name: 'src-tests-use-test-support',
      comment: 'Tests beside the code import shared test helpers from test/support only, never another test folder.',
      severity: 'error',
      from: { path: '^src/.*' + TEST_FILE },
      to: { path: '^test/', pathNot: '^test/support/' },
    },
    {
      name: 'test-folders-use-support-and-themselves',
      comment:
        'A test folder (test/fuzz, test/conformance, …) imports src/, test/support and its own files; test/support is the bottom of test/ and imports only src/ and itself.',
      severity: 'error',
      from: { path: '^test/([^/]+)/' },
      to: { path: '^test/', pathNot: '^test/(support|$1)/' },
    },
    {
      name: 'top-level-tests-use-support',
      comment: 'Tests directly in test/ (the CLI tests) share helpers through test/support only.',
      severity: 'error',
      from: { path: '^test/[^/]+$' },
      to: { path: '^test/', pathNot: '^test/support/' },
    },
    {
      name: 'scripts-not-tests-or-e2e',
      comment: 'Scripts run src/ and test/ helpers (fuzz and conformance harnesses, test/support), never a test file or an e2e spec.',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: ['^e2e/', TEST_FILE] },
    },
    {
      name: 'no-circular-core',
      comment:
        'A cycle in core makes load order matter (a module can see another half-initialised) and hides which piece is the base. Cycles through a type-only import are allowed: types vanish before anything runs.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['exotic-require'] } },
    },
    {
      name: 'imports-resolve',
      comment:
        'Every import names a file or package that exists (our imports spell out `.ts`; a typo or a moved file would otherwise drop silently out of these checks). Vite asset imports (`?url`) are left to Vite.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '\\?(url|raw|worker)$' },
    },
  ],
  required: [
    {
      name: 'reader-still-reads',
      comment:
        'A canary: if the TypeScript reader silently read nothing, every rule above would pass. scripts/bench.ts visibly imports scripts/bench/verify.ts.',
      severity: 'error',
      module: { path: '^scripts/bench\\.ts$' },
      to: { path: '^scripts/bench/verify\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    // Only declaration files are left out: npm packages (whose files often sit in a dist/ folder)
    // must stay in the graph for core-no-ui-or-storage, and doNotFollow already keeps them unread.
    exclude: { path: '\\.d\\.ts$' },
    moduleSystems: ['es6', 'cjs'],
    // Type-only imports, as .dependency-cruiser.babel.cjs writes them (dependency type "exotic-require").
    exoticRequireStrings: ['__typeOnly'],
    // TypeScript through babel's parser (see the file for why not dependency-cruiser's TypeScript reader).
    babelConfig: { fileName: '.dependency-cruiser.babel.cjs' },
    // Resolve as Vite and Node do: explicit `.ts` extensions and package "exports" with the import
    // condition. No tsConfig option: dependency-cruiser reads tsconfig.json through the same
    // `typescript` < 7 API, and ours maps no `paths`; every import names its file, and
    // imports-resolve proves each one resolves.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main'],
    },
  },
};
