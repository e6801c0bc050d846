/**
 * run(argv, io), the CLI's entry as a function: what it takes from io (output, home) and nothing
 * from the process, so in-process calls may overlap (test/support/cli.ts relies on it).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './support/cli.ts';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'gatecheck-run-'));
});
afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

describe('run(argv, io)', () => {
  it('--help prints the usage to io.err and exits 0; no command exits 2', async () => {
    const help = await runCli(base, ['--help']);
    expect(help).toMatchObject({ code: 0, stdout: '' });
    expect(help.stderr).toMatch(/^usage: gatecheck <command>/);
    expect((await runCli(base, [])).code).toBe(2);
  });

  it('overlapping calls keep their own output', async () => {
    const dirs = ['a', 'b', 'c', 'd'].map((n) => join(base, `keys-${n}`));
    const runs = await Promise.all(dirs.map((d) => runCli(base, ['keygen', '--alg', 'ES256', '--out', d])));
    runs.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim().split('\n')).toHaveLength(1);
      expect(JSON.parse(r.stdout).public).toBe(join(dirs[i]!, 'public.jwk'));
    });
  });

  it("verify finds the demo world through io.home, not the process's HOME", async () => {
    // The process's HOME names a world (that is not there: reading it would fail with exit 1).
    const processHome = await mkdtemp(join(base, 'process-home-'));
    await mkdir(join(processHome, '.gatecheck'));
    await writeFile(join(processHome, '.gatecheck', 'last-demo-world'), join(base, 'no-such-world') + '\n');
    vi.stubEnv('HOME', processHome);
    try {
      const r = await runCli(await mkdtemp(join(base, 'home-')), ['verify', 'CNHC1:ABC']);
      expect(r.stderr).toMatch(/no demo world yet/);
      expect(r.code).toBe(2);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('an operational failure (unreadable key file) exits 1 naming the command', async () => {
    const r = await runCli(base, ['issue', '--key', join(base, 'missing.jwk'), '--issuer', '440000']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gatecheck issue: .*missing\.jwk/);
  });
});
