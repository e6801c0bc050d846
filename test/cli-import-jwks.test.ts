/**
 * `bundle import-jwks` through the real CLI: a JWKS whose x5c certificate chain does not belong to
 * its key, or does not hold together, is refused as a whole (exit 1, the reason on stderr, no
 * bundle written), as a JWKS with private key members is (issue 17, item 10).
 */
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../src/issuer/keys.ts';
import { mapLimit, runCli, type Run } from './support/cli.ts';
import { EXAMPLE_ISS, SHC_DIR } from './support/shc-examples.ts';

const TIMEOUT = 120_000;
let home: string;
let rootKey: string;
let empty: string;
const cli = (args: string[]): Promise<Run> => runCli(home, args);
const exists = (p: string) => access(p).then(
  () => true,
  () => false,
);

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'gatecheck-cli-jwks-'));
  const root = await generateKeyPair('ES256', 'root');
  rootKey = join(home, 'root.private.jwk');
  await writeFile(rootKey, JSON.stringify(root.privateJwk));
  empty = join(home, 'empty.json');
  expect((await cli(['bundle', 'build', '--root-key', rootKey, '--out', empty, '--empty'])).code).toBe(0);
}, TIMEOUT);
afterAll(() => rm(home, { recursive: true, force: true }));

describe('bundle import-jwks: x5c', () => {
  it(
    'refuses a JWKS whose x5c leaf is not the key or whose chain is broken; the intact example imports',
    async () => {
      const jwks = JSON.parse(await readFile(join(SHC_DIR, 'issuer/.well-known/jwks.json'), 'utf8'));
      const [plain, chained] = jwks.keys;
      const [leaf, ca, root] = chained.x5c as string[];
      const files = {
        intact: jwks,
        // The chain of the second key put on the first: its leaf holds another key.
        swapped: { keys: [{ ...plain, x5c: chained.x5c }, chained] },
        // The CA certificate left out: the leaf is not issued by the root.
        gap: { keys: [plain, { ...chained, x5c: [leaf, root] }] },
      };
      const paths = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([n, j]) => {
        const p = join(home, `${n}.jwks.json`);
        await writeFile(p, JSON.stringify(j));
        return [n, p] as const;
      })));
      const names = Object.keys(files);
      const runs = await mapLimit(names, 3, (n) =>
        cli(['bundle', 'import-jwks', '--bundle', empty, '--root-key', rootKey, '--out', join(home, `${n}.out.json`), '--issuer', EXAMPLE_ISS, paths[n]!]),
      );
      const by = Object.fromEntries(names.map((n, i) => [n, runs[i]!]));
      expect(by.intact!.code, by.intact!.stderr).toBe(0);
      expect(JSON.parse(by.intact!.stdout)).toMatchObject({ added: 2, skipped: [] });
      expect(by.swapped!.code).toBe(1);
      expect(by.swapped!.stderr).toMatch(/JWKS key 0 .*x5c\[0\] \(leaf certificate\) holds another key than the JWK.*refusing the whole file/);
      expect(by.gap!.code).toBe(1);
      expect(by.gap!.stderr).toMatch(/JWKS key 1 .*x5c\[0\] is not issued by x5c\[1\]/);
      expect(await exists(join(home, 'swapped.out.json'))).toBe(false);
      expect(await exists(join(home, 'gap.out.json'))).toBe(false);
      expect(ca).toBeTypeOf('string');
    },
    TIMEOUT,
  );
});
