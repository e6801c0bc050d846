/**
 * The import rules (.dependency-cruiser.cjs) catch what they say they catch: a small tree with one
 * planted crossing per rule, cruised by the real dependency-cruiser with the repo's config and its
 * babel reader. `npm run lint:deps` finding nothing in the repo means something only if each rule
 * fires on a crossing — and if the reader reads at all (the required "canary" rule).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = (await import(join(ROOT, '.dependency-cruiser.cjs'))).default as { forbidden: { name: string }[]; required: { name: string }[] };

/** One planted crossing per rule (the comment names the rule each line is for). */
const TREE: Record<string, string> = {
  // core-stands-alone (twice: the app, the holder), core-no-ui-or-storage, core-no-node-builtins, and a cycle (no-circular-core)
  'src/core/a.ts': `import { b } from '../app/b.ts';\nimport '../holder/h.ts';\nimport 'preact';\nimport { readFileSync } from 'node:fs';\nimport { c } from './c.ts';\nexport const a = [b, c, readFileSync];`,
  'src/core/c.ts': `import { a } from './a.ts';\nexport const c = () => a;`,
  // A cycle through type-only imports only: allowed (types vanish before anything runs).
  'src/core/t1.ts': `import type { T2 } from './t2.ts';\nexport type T1 = T2 | 1;\nexport const t1 = 1;`,
  'src/core/t2.ts': `import type { T1 } from './t1.ts';\nexport type T2 = T1 | 2;`,
  // no-test-only-modules-in-src: nothing shipped reaches it
  'src/core/unused.ts': `export const unused = 1;`,
  // read-uses-only-core (twice: the app, the holder), product-code-has-no-test-code, browser-code-no-node-files
  'src/read/r.ts': `import '../app/b.ts';\nimport '../holder/h.ts';\nimport '../../test/support/h.ts';\nimport './y.node.ts';\nexport const r = 1;`,
  'src/read/y.node.ts': `export const y = 1;`,
  'src/read/r2.ts': `export const r2 = 1;`,
  // app-never-signs, nobody-imports-scripts
  'src/app/b.ts': `import '../issuer/i.ts';\nimport '../../scripts/s.ts';\nexport const b = 1;`,
  // The app may use the holder (the demo holder page): no rule fires for it.
  'src/app/main.tsx': `import '../read/r.ts';\nimport '../core/a.ts';\nimport '../core/t1.ts';\nimport '../holder/h.ts';\nexport const main = <div />;`,
  // holder-uses-only-core: an issuer file, a Node API and an npm package (the core import is allowed)
  'src/holder/h.ts': `import '../core/t1.ts';\nimport '../issuer/i.ts';\nimport { readFileSync } from 'node:fs';\nimport 'preact';\nexport const h = readFileSync;`,
  // issuer-uses-only-core, imports-resolve
  'src/issuer/i.ts': `import '../read/r2.ts';\nimport './missing.ts';\nexport const i = 1;`,
  // cli-not-app; the CLI may use the holder (`gatecheck present`): no rule fires for it
  'src/cli/main.ts': `import '../app/b.ts';\nimport '../holder/h.ts';`,
  // tests-not-scripts-or-e2e, src-tests-use-test-support
  'src/core/a.test.ts': `import '../../test/fuzz/f.ts';\nimport '../../scripts/s.ts';`,
  // test-folders-use-support-and-themselves
  'test/support/h.ts': `import '../fuzz/f.ts';\nexport const h = 1;`,
  'test/fuzz/f.ts': `export const f = 1;`,
  // top-level-tests-use-support
  'test/x.test.ts': `import './fuzz/f.ts';`,
  // scripts-not-tests-or-e2e; bench.ts → bench/verify.ts keeps the canary quiet
  'scripts/bench.ts': `import './bench/verify.ts';\nimport '../e2e/x.spec.ts';`,
  'scripts/bench/verify.ts': `export const v = 1;`,
  'scripts/s.ts': `export const s = 1;`,
  'e2e/x.spec.ts': `export const x = 1;`,
  'node_modules/preact/package.json': JSON.stringify({ name: 'preact', version: '0.0.0', main: 'index.js' }),
  'node_modules/preact/index.js': `module.exports = {};`,
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Violation = { rule: { name: string }; from: string; to: string };

function cruise(tree: Record<string, string>): Violation[] {
  const dir = mkdtempSync(join(tmpdir(), 'gatecheck-deps-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const f of ['.dependency-cruiser.cjs', '.dependency-cruiser.babel.cjs']) copyFileSync(join(ROOT, f), join(dir, f));
  const globs = ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}', 'scripts/**/*.{ts,tsx}', 'e2e/**/*.{ts,tsx}'];
  const run = spawnSync(process.execPath, [DEPCRUISE, ...globs, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
  if (!run.stdout) throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('import rules (.dependency-cruiser.cjs)', () => {
  it('each forbidden rule fires on its planted crossing, and a type-only cycle is allowed', { timeout: 60_000 }, () => {
    const violations = cruise(TREE);
    const fired = new Set(violations.map((v) => v.rule.name));
    expect([...fired].sort()).toEqual(CONFIG.forbidden.map((r) => r.name).sort());
    const cycles = violations.filter((v) => v.rule.name === 'no-circular-core').map((v) => v.from);
    // Reported once, from either end of a ↔ c; never for t1 ↔ t2.
    expect(cycles.length).toBe(1);
    expect(['src/core/a.ts', 'src/core/c.ts']).toContain(cycles[0]);
    const unused = violations.filter((v) => v.rule.name === 'no-test-only-modules-in-src').map((v) => v.to);
    expect(unused).toEqual(['src/core/unused.ts']);
  });

  it('the holder layer: core and read may not import it, the app and the CLI may; it imports core alone', { timeout: 60_000 }, () => {
    const violations = cruise(TREE);
    const into = violations.filter((v) => v.to === 'src/holder/h.ts').map((v) => `${v.rule.name}: ${v.from}`);
    expect(into.sort()).toEqual(['core-stands-alone: src/core/a.ts', 'read-uses-only-core: src/read/r.ts']);
    const out = violations.filter((v) => v.from === 'src/holder/h.ts').map((v) => `${v.rule.name}: ${v.to}`);
    expect(out.sort()).toEqual(['holder-uses-only-core: fs', 'holder-uses-only-core: node_modules/preact/index.js', 'holder-uses-only-core: src/issuer/i.ts']);
  });

  it('the canary fails when the reader reads nothing', { timeout: 60_000 }, () => {
    const fired = cruise({ ...TREE, 'scripts/bench.ts': `export {};` }).map((v) => v.rule.name);
    expect(fired).toContain(CONFIG.required[0]!.name);
    expect(CONFIG.required.map((r) => r.name)).toEqual(['reader-still-reads']);
  });
});
