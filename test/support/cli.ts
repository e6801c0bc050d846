/**
 * The CLI for tests, run in-process through run(argv, io) with its own output buffers, standard
 * input and home directory per call (the demo world's state file lands in `home`): as the real
 * process would behave, without a tsx spawn (~1 s) per case. Calls may overlap freely. The one
 * test of the real entry (main.ts as a process) is test/cli-entry.test.ts, via spawnCli.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from '../../src/cli/io.ts';
import { run } from '../../src/cli/run.ts';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function runCli(home: string, args: string[], input?: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    out: (line) => void (stdout += line + '\n'),
    err: (line) => void (stderr += line + '\n'),
    readStdin: () => Promise.resolve(input ?? ''),
    home,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

/** The real entry as a child process (`tsx src/cli/main.ts ...`, HOME set to `home`): about a second each. */
export function spawnCli(home: string, args: string[], input?: string): Promise<Run> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules', '.bin', 'tsx'), 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, HOME: home, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** Runs at most `limit` CLI calls at once (in-process calls still share two cores). */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
