/**
 * SMART Health Cards through the real CLI: the spec examples' JWKS imported with
 * `bundle import-jwks` (default key validity covers the 2023 examples; keys with a CRL are
 * reported), then `verify` with one code, with the three parts of example-02 (arguments and stdin
 * lines with --parts), and with a part missing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../src/issuer/keys.ts';
import { EXAMPLE_ISS, exampleQrTexts, SHC_DIR } from './support/shc-examples.ts';
import { runCli, type Run } from './support/cli.ts';

const TIMEOUT = 120_000;
const AT = '2023-09-01T00:00:00Z';
let home: string;
let bundle: string;
let rootPub: string;
let imported: any;
const cli = (args: string[], input?: string): Promise<Run> => runCli(home, args, input);
const verdict = (r: Run) => JSON.parse(r.stdout);
const verify = (args: string[], input?: string) => cli(['verify', '--bundle', bundle, '--root-pub', rootPub, '--at', AT, ...args], input);

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'gatecheck-cli-shc-'));
  const root = await generateKeyPair('ES256', 'root');
  const rootKey = join(home, 'root.private.jwk');
  rootPub = join(home, 'root.public.jwk');
  await writeFile(rootKey, JSON.stringify(root.privateJwk));
  await writeFile(rootPub, JSON.stringify(root.publicJwk));
  const empty = join(home, 'empty.json');
  bundle = join(home, 'bundle.json');
  expect((await cli(['bundle', 'build', '--root-key', rootKey, '--out', empty, '--empty'])).code).toBe(0);
  const r = await cli(['bundle', 'import-jwks', '--bundle', empty, '--root-key', rootKey, '--out', bundle, '--issuer', EXAMPLE_ISS, join(SHC_DIR, 'issuer/.well-known/jwks.json')]);
  expect(r.code, r.stderr).toBe(0);
  imported = JSON.parse(r.stdout);
}, TIMEOUT);
afterAll(() => rm(home, { recursive: true, force: true }));

describe('gatecheck with SMART Health Cards', () => {
  it('import-jwks takes both example keys and reports the one with a revocation list', () => {
    expect(imported).toMatchObject({ added: 2, skipped: [], crl: [{ kid: '3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s', crlVersion: 1 }] });
  });

  it('verify: example-00 passes with the imported keys (their default validity covers 2023)', async () => {
    const r = await verify([exampleQrTexts('00')[0]!]);
    expect(verdict(r)).toMatchObject({ outcome: 'PASS', format: 'shc', credential: { holder: { birthDate: '1951-01-20' } } });
  }, TIMEOUT);

  it('verify: the parts of example-02, as arguments or stdin lines (--parts), are assembled', async () => {
    const [a, b, c] = exampleQrTexts('02') as [string, string, string];
    for (const r of [await verify([c, a, b]), await verify(['-', '--parts'], `${b}\n${c}\n${a}\n`)]) {
      expect(verdict(r)).toMatchObject({ signatureVerified: true, format: 'shc' });
      expect(verdict(r).reasons.map((x: { code: string }) => x.code)).toEqual(['NO_QUALIFYING_EVIDENCE']);
    }
  }, TIMEOUT);

  it('verify: a missing part is NOT_READ CODE_INCOMPLETE naming it', async () => {
    const [a, , c] = exampleQrTexts('02') as [string, string, string];
    const r = await verify([a, c]);
    expect(r.code).toBe(1);
    expect(verdict(r)).toMatchObject({ outcome: 'NOT_READ', reasons: [{ code: 'CODE_INCOMPLETE', detail: 'part 2 of 3 missing' }] });
  }, TIMEOUT);
});
