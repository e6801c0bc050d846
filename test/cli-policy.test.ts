/**
 * `gatecheck verify --policy ID` and `gatecheck bundle policies`, through the CLI's entry in-process: policies come
 * from the signed bundle (built-in copies for a bundle without any); an unknown id is a usage error.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../src/core/model/verdict.ts';
import { BUILTIN_POLICIES } from '../src/core/policy/builtin-policies.ts';
import { mapLimit, runCli, type Run } from './support/cli.ts';

const TIMEOUT = 180_000;
let home: string;
let demo: string;
const code: Record<string, string> = {};

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'gatecheck-cli-policy-'));
  demo = join(home, 'world');
  const r = await runCli(home, ['demo', '--out', demo]);
  if (r.code !== 0) throw new Error(`demo failed: ${r.stderr}`);
  for (const name of ['pass-guangdong-green', 'pass-shanghai-green-sm2', 'fail-guangdong-yellow'])
    code[name] = (await readFile(join(demo, 'codes', `${name}.txt`), 'utf8')).trim();
}, TIMEOUT);
afterAll(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(home, args);
const verdictOf = (r: Run) => JSON.parse(r.stdout) as Verdict;
const trustArgs = (bundle: string) => ['--bundle', bundle, '--root-pub', join(demo, 'root.pub.jwk')];

describe('gatecheck verify --policy', () => {
  it(
    'applies the demo bundle policy named, the default without one, and refuses an unknown id',
    async () => {
      const [dflt, nat24, noNat, unknown, yellow] = await mapLimit(
        [
          ['verify', code['pass-guangdong-green']!],
          ['verify', '--policy', 'green-nat-24h', code['pass-guangdong-green']!],
          ['verify', '--policy', 'green-nat-24h', code['pass-shanghai-green-sm2']!],
          ['verify', '--policy', 'nope', code['pass-guangdong-green']!],
          ['verify', '--policy', 'international', code['fail-guangdong-yellow']!],
        ],
        3,
        cli,
      );
      expect(dflt!.code, dflt!.stderr).toBe(0);
      expect(verdictOf(dflt!).policy.id).toBe('green-or-foreign');
      expect(nat24!.code, nat24!.stderr).toBe(0);
      expect(verdictOf(nat24!)).toMatchObject({ outcome: 'PASS', policy: { id: 'green-nat-24h' } });
      expect(noNat!.code).toBe(1);
      expect(verdictOf(noNat!).reasons).toEqual([{ code: 'NAT_REQUIRED', rule: { id: 'nat-present', texts: { 'zh-CN': '须有 24 小时内核酸阴性结果', en: 'Needs a negative NAT within 24 h' } } }]);
      expect(unknown!.code).toBe(2);
      expect(unknown!.stderr).toContain('unknown policy nope (known: green-or-foreign, green, green-nat-24h, green-nat-48h, green-nat-72h, green-vaccinated, green-device-bound, international)');
      expect(verdictOf(yellow!).reasons.map((r) => r.code)).toEqual(['STATUS_YELLOW', 'NO_QUALIFYING_EVIDENCE']);
    },
    TIMEOUT,
  );
});

describe('gatecheck bundle policies', () => {
  it(
    'replaces the policies and re-signs; verify then offers only those; --clear falls back to the built-in ones',
    async () => {
      const onlyGreen = join(home, 'only-green.json');
      await writeFile(onlyGreen, JSON.stringify(BUILTIN_POLICIES.filter((p) => p.id === 'green')));
      const broken = join(home, 'broken.json');
      await writeFile(broken, JSON.stringify([{ ...BUILTIN_POLICIES[1], rules: [{ ...BUILTIN_POLICIES[1]!.rules[0], reason: 'SIGNATURE_INVALID' }] }]));
      const edit = (out: string, ...how: string[]) => ['bundle', 'policies', '--bundle', join(demo, 'bundle.json'), '--root-key', join(demo, 'keys', 'root.jwk'), '--out', join(home, out), ...how];
      const [set, bad, clear] = await mapLimit([edit('b-green.json', '--set', onlyGreen), edit('b-bad.json', '--set', broken), edit('b-clear.json', '--clear')], 3, cli);
      expect(set!.code, set!.stderr).toBe(0);
      expect(JSON.parse(set!.stdout).policies).toEqual(['green']);
      expect(bad!.code).toBe(2);
      expect(bad!.stderr).toMatch(/policy green: rule no-positive-test: reason must be one of/);
      expect(clear!.code, clear!.stderr).toBe(0);

      const [greenDefault, greenUnknown, cleared] = await mapLimit(
        [
          ['verify', ...trustArgs(join(home, 'b-green.json')), code['pass-guangdong-green']!],
          ['verify', ...trustArgs(join(home, 'b-green.json')), '--policy', 'green-nat-24h', code['pass-guangdong-green']!],
          ['verify', ...trustArgs(join(home, 'b-clear.json')), '--policy', 'green-nat-72h', code['pass-guangdong-green']!],
        ],
        3,
        cli,
      );
      // The bundle has no green-or-foreign: its first policy is the default.
      expect(verdictOf(greenDefault!)).toMatchObject({ outcome: 'PASS', policy: { id: 'green' } });
      expect(greenUnknown!.code).toBe(2);
      expect(greenUnknown!.stderr).toContain('(known: green)');
      expect(verdictOf(cleared!)).toMatchObject({ outcome: 'PASS', policy: { id: 'green-nat-72h' } });
    },
    TIMEOUT,
  );
});
