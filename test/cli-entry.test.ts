/**
 * The one test of the real process entry (src/cli/main.ts under tsx): standard input, HOME, the
 * exit code and stdout as a shell sees them. Every other CLI test calls run(argv, io) in-process;
 * this checks that main.ts wires that function to the process (a spawn costs about a second).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../src/core/model/verdict.ts';
import { runCli, spawnCli } from './support/cli.ts';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'gatecheck-entry-'));
});
afterAll(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

describe('gatecheck as a process (tsx src/cli/main.ts)', () => {
  it('verify - reads a demo FAIL code from stdin, finds the world through HOME, prints the verdict and exits 1', async () => {
    const out = join(home, 'world');
    const made = await runCli(home, ['demo', '--out', out]);
    expect(made.code, made.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'codes', 'index.json'), 'utf8')) as { name: string; expect: string; reason?: string }[];
    // A FAIL code: exit 1 shows the exit code travels from run() to the process (0 is the default).
    const fail = manifest.find((m) => m.expect === 'FAIL' && m.reason);
    expect(fail, 'the demo world has a FAIL code with a reason').toBeDefined();
    const text = await readFile(join(out, 'codes', `${fail!.name}.txt`), 'utf8');

    const r = await spawnCli(home, ['verify', '-'], text);
    expect(r.code, r.stderr).toBe(1);
    const v = JSON.parse(r.stdout) as Verdict;
    expect(v.outcome).toBe('FAIL');
    expect(v.reasons[0]?.code).toBe(fail!.reason);
    // Its own process found the trust bundle through HOME: a bundle failure would be NO_TRUST_BUNDLE.
    expect(v.reasons.map((x) => x.code)).not.toContain('NO_TRUST_BUNDLE');
  }, 60_000);
});
