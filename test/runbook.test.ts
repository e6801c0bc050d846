/**
 * docs/deploy.md cannot drift: every command in its `sh runbook` blocks runs here, in order, as
 * an operator types it (bash, from the checkout, real `npm run …`), on a scratch folder that
 * stands in for the offline medium, the workstation and the web server. A command marked
 * `# gate: PASS` or `# gate: FAIL REASON` is a `gatecheck verify` whose verdict must be that.
 * What a province would send (its public key, sample codes, ids to revoke) is made here first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../src/cli/io.ts';
import { run } from '../src/cli/run.ts';
import { contentSecurityPolicy } from '../src/app/security/csp.ts';
import { demoTraces } from '../src/issuer/app-build.node.ts';

const DOC = resolve('docs/deploy.md');

/** The runbook's commands in order: backslash continuations joined, comments and blanks dropped. */
function runbookCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```sh runbook\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  return blocks.flatMap((b) =>
    b
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
}

const scratch = mkdtempSync(join(tmpdir(), 'gatecheck-runbook-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<string> {
  const out: string[] = [];
  const io: Io = { out: (l) => void out.push(l), err: () => {}, readStdin: async () => '', home: scratch };
  expect(await run(argv, io), argv.join(' ')).toBe(0);
  return out.join('\n');
}

describe('docs/deploy.md runbook', () => {
  it('has commands for every step the issue names', () => {
    const cmds = runbookCommands(readFileSync(DOC, 'utf8')).join('\n');
    for (const step of ['keygen --alg ES256 --out "$OFFLINE/root-a" --root', 'bundle build', 'npm run build -- --root', '--next-root', '--retire-root', 'bundle revoke', '--max-age'])
      expect(cmds).toContain(step);
  });

  it('runs, command by command, on a scratch folder', { timeout: 240_000 }, async () => {
    const env = { ...process.env, OFFLINE: join(scratch, 'offline'), WORK: join(scratch, 'work'), SITE: join(scratch, 'site') };
    for (const d of [env.OFFLINE, env.WORK]) mkdirSync(d, { recursive: true });
    // What province 440000 sends: its public key, a sample code, ids to revoke; and a code signed
    // five days from now, for the runbook's look at a gate five days into an outage (codes live 72 h at most).
    const from = join(env.WORK, 'from-440000');
    await cli('keygen', '--alg', 'SM2', '--out', from);
    const issue = (name: string, ...more: string[]) => cli('issue', '--key', join(from, 'private.jwk'), '--issuer', '440000', '--name', name, ...more);
    const sample = (await issue('张小三')).trim();
    writeFileSync(join(from, 'sample.txt'), sample + '\n');
    const later = new Date(Date.now() + 5 * 86400_000 - 3600_000).toISOString();
    writeFileSync(join(from, 'good.txt'), (await issue('李四', '--at', later)).trim() + '\n');
    // The sample's code id, as `verify` reports it, against a throwaway bundle.
    await cli('keygen', '--alg', 'ES256', '--out', join(scratch, 'probe'), '--root');
    await cli('bundle', 'build', '--root-key', join(scratch, 'probe', 'private.jwk'), '--issuer-key', `440000:${join(from, 'public.jwk')}`, '--out', join(scratch, 'probe', 'b.json'));
    const probe = JSON.parse(await cli('verify', '--bundle', join(scratch, 'probe', 'b.json'), '--root-pub', join(scratch, 'probe', 'public.jwk'), sample));
    writeFileSync(join(from, 'revoked.txt'), `${probe.credential.codeId}\n`);
    rmSync(join(from, 'private.jwk')); // the province keeps its private key

    const cmds = runbookCommands(readFileSync(DOC, 'utf8'));
    expect(cmds.length).toBeGreaterThan(15);
    for (const cmd of cmds) {
      const r = spawnSync('bash', ['-euo', 'pipefail', '-c', cmd], { cwd: resolve('.'), env, encoding: 'utf8' });
      const gate = /# gate: (PASS|FAIL)(?: (\w+))?$/.exec(cmd);
      const said = `$ ${cmd}\n${r.stdout}\n${r.stderr}`;
      if (!gate) {
        expect(r.status, said).toBe(0);
        continue;
      }
      // npm prints its own banner first; the verdict is the JSON object after it.
      const verdict = JSON.parse(r.stdout.slice(r.stdout.search(/^\{/m)));
      expect(verdict.outcome, said).toBe(gate[1]);
      expect(r.status, said).toBe(gate[1] === 'PASS' ? 0 : 1);
      if (gate[2]) expect(verdict.reasons[0]?.code, said).toBe(gate[2]);
    }
    // What the runbook leaves on the web server: the app (no demo), the bundle, no private key.
    expect(existsSync(join(env.SITE, 'app', 'index.html'))).toBe(true);
    expect(demoTraces(join(env.SITE, 'app'))).toEqual([]);
    const published = readFileSync(join(env.SITE, 'trust', 'bundle.json'), 'utf8');
    expect(published).not.toMatch(/"d"\s*:/);
  });

  it('deploy/nginx.conf sends the app\'s own policy as a header (the e2e runs the file under nginx)', () => {
    const conf = readFileSync(resolve('deploy/nginx.conf'), 'utf8');
    expect(conf).toContain(`add_header Content-Security-Policy "${contentSecurityPolicy({ bundleOrigins: [], header: true })}" always;`);
  });

  it('npm run build refuses to build without a pinned root, and refuses a private key', () => {
    const none = spawnSync('npx', ['tsx', 'scripts/build.ts', '--out', join(scratch, 'never')], { encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no pinned root');
    const priv = spawnSync('npx', ['tsx', 'scripts/build.ts', '--root', join(scratch, 'probe', 'private.jwk'), '--out', join(scratch, 'never')], { encoding: 'utf8' });
    expect(priv.status).toBe(1);
    expect(priv.stderr).toContain('PRIVATE key');
    expect(existsSync(join(scratch, 'never'))).toBe(false);
  });
});
