/**
 * `bundle revoke` through the real CLI, checked the way a gate checks: the revoked code itself is
 * verified against the written bundle (issue 17, items 4 and 5).
 *
 * - Ids are matched in one canonical form per format (docs/revocation.md): a CN code id given in
 *   upper-case hex, an EU DCC UVCI given without its `URN:UVCI:` prefix, its `#checksum` or in
 *   another case, an issuer spelled in another case, all revoke the code they name.
 * - Ids and issuers no code can ever carry are refused (exit 2 for flags, 1 for a file or an
 *   issuer the bundle does not list), and nothing is written.
 * - SMART Health Card CRL entries `rid.TIMESTAMP` revoke the cards with that rid issued (nbf)
 *   before TIMESTAMP: the spec's example-03 is REVOKED by its issuer's CRL as published.
 */
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCnCode } from '../src/issuer/formats/cn-hc/encode.ts';
import { generateKeyPair, type KeyPair } from '../src/issuer/keys.ts';
import { mapLimit, runCli, type Run } from './support/cli.ts';
import { requireShared } from './support/shared.ts';
import { EXAMPLE_ISS, exampleJson, exampleQrTexts, SHC_DIR } from './support/shc-examples.ts';

const TIMEOUT = 240_000;
const VECTORS = requireShared('vectors', 'published test vectors: the EU DCC suite');
const SHC_AT = '2023-09-01T00:00:00Z';

let home: string;
let root: { priv: string; pub: string };
let gd: KeyPair;
/** A bundle with a Guangdong key, the DE signer certificate of the EU test vector DE/2DCode/raw/1, and the SHC example issuer. */
let base: string;
let de: { PREFIX: string; TESTCTX: { CERTIFICATE: string; VALIDATIONCLOCK: string } };

const cli = (args: string[], input?: string): Promise<Run> => runCli(home, args, input);
const ok = (r: Run) => {
  expect(r.code, `exit ${r.code}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout);
};
const revoke = (out: string, ...args: string[]) => cli(['bundle', 'revoke', '--bundle', base, '--root-key', root.priv, '--out', out, ...args]);
const verify = async (bundle: string, at: string, code: string) => {
  const r = await cli(['verify', '--bundle', bundle, '--root-pub', root.pub, '--at', at, code]);
  expect(r.code, r.stderr).not.toBe(2);
  return JSON.parse(r.stdout) as { outcome: string; reasons: { code: string }[] };
};
const codes = (v: { reasons: { code: string }[] }) => v.reasons.map((r) => r.code);
const exists = (p: string) => access(p).then(
  () => true,
  () => false,
);

/** A CN health code from the Guangdong key with this code id (cti), valid now. */
async function cnCode(codeId: Uint8Array): Promise<string> {
  const now = Date.now();
  const code = await encodeCnCode(
    { issuer: '440000', codeId, issuedAt: new Date(now - 60_000), expiresAt: new Date(now + 3600_000), status: 'green', holder: { name: '张小三' } },
    { alg: gd.alg, kid: gd.kid, privateJwk: gd.privateJwk },
  );
  return code.text;
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'gatecheck-cli-revoke-'));
  const rootPair = await generateKeyPair('ES256', 'root');
  gd = await generateKeyPair('ES256');
  root = { priv: join(home, 'root.private.jwk'), pub: join(home, 'root.public.jwk') };
  await writeFile(root.priv, JSON.stringify(rootPair.privateJwk));
  await writeFile(root.pub, JSON.stringify(rootPair.publicJwk));
  await writeFile(join(home, 'gd.public.jwk'), JSON.stringify(gd.publicJwk));
  de = JSON.parse(await readFile(join(VECTORS, 'eu-dcc/DE/2DCode/raw/1.json'), 'utf8'));
  const dscList = join(home, 'dsc.json');
  await writeFile(dscList, JSON.stringify([{ kid: 'DEsVUSvpFAE=', country: 'DE', certificateType: 'DSC', rawData: de.TESTCTX.CERTIFICATE }]));
  const b1 = join(home, 'b1.json');
  const b2 = join(home, 'b2.json');
  base = join(home, 'base.json');
  const edit = (i: string, o: string) => ['--bundle', i, '--root-key', root.priv, '--out', o];
  ok(await cli(['bundle', 'build', '--root-key', root.priv, '--out', b1, '--issuer-key', `440000:${join(home, 'gd.public.jwk')}`, '--valid-days', '3650']));
  ok(await cli(['bundle', 'import-dcc', ...edit(b1, b2), dscList]));
  ok(await cli(['bundle', 'import-jwks', ...edit(b2, base), '--issuer', EXAMPLE_ISS, join(SHC_DIR, 'issuer/.well-known/jwks.json')]));
}, TIMEOUT);
afterAll(() => rm(home, { recursive: true, force: true }));

describe('bundle revoke: one canonical form per format', () => {
  it(
    'a CN code id given in upper-case hex revokes the code (the gate reads it in lower case)',
    async () => {
      const id = crypto.getRandomValues(new Uint8Array(16));
      const code = await cnCode(id);
      const out = join(home, 'cn-upper.json');
      expect(codes(await verify(base, new Date().toISOString(), code))).toEqual([]);
      const r = ok(await revoke(out, '--issuer', '440000', '--code-id', Buffer.from(id).toString('hex').toUpperCase()));
      expect(r).toMatchObject({ requested: 1, added: 1 });
      const v = await verify(out, new Date().toISOString(), code);
      expect(v.outcome).toBe('FAIL');
      expect(codes(v)).toContain('REVOKED');
    },
    TIMEOUT,
  );

  it(
    'an EU DCC UVCI given without URN:UVCI:, without its checksum, in lower case and under "de" revokes the certificate',
    async () => {
      const at = de.TESTCTX.VALIDATIONCLOCK;
      expect(codes(await verify(base, at, de.PREFIX))).not.toContain('REVOKED');
      // The vector's ci is URN:UVCI:01DE/IZ12345A/5CWLU12RNOB9RXSEOP6FG8#W.
      const variants = ['01de/iz12345a/5cwlu12rnob9rxseop6fg8', 'urn:uvci:01DE/IZ12345A/5CWLU12RNOB9RXSEOP6FG8', '01DE/IZ12345A/5CWLU12RNOB9RXSEOP6FG8#W'];
      const results = await mapLimit(variants, 3, async (id) => {
        const out = join(home, `dcc-${variants.indexOf(id)}.json`);
        const r = ok(await revoke(out, '--issuer', 'de', '--code-id', id));
        expect(r).toMatchObject({ requested: 1, added: 1 });
        return verify(out, at, de.PREFIX);
      });
      for (const v of results) expect(codes(v)).toContain('REVOKED');
    },
    TIMEOUT,
  );
});

describe('bundle revoke: what no code can match is refused, with the reason', () => {
  it(
    'an issuer the bundle does not list, ids of the wrong shape (flag or file line); nothing is written, no raw id is printed',
    async () => {
      const file = join(home, 'bad-lines.txt');
      const hex = 'aa'.repeat(16);
      await writeFile(file, `${hex}\n\nnot-a-code-id-4711\n${hex.toUpperCase()}\n`);
      const cases = [
        ['--issuer', '450000', '--code-id', hex],
        ['--issuer', '440000', '--code-id', 'secret-code-1'],
        ['--issuer', '440000', '--code-id', 'abcd'],
        ['--issuer', EXAMPLE_ISS, '--code-id', 'rid+with/slash'],
        ['--issuer', '440000', '--code-ids-file', file],
        ['--issuer', 'DE', '--code-id', 'URN:UVCI:#X'],
      ];
      const outs = cases.map((_, i) => join(home, `refused-${i}.json`));
      const [unknownIssuer, notHex, shortHex, badRid, badLine, emptyUvci] = await mapLimit([...cases.keys()], 3, (i) => revoke(outs[i]!, ...cases[i]!));
      expect(unknownIssuer!.code).toBe(1);
      expect(unknownIssuer!.stderr).toMatch(/issuer 450000 is not in the bundle/);
      expect(notHex!.code).toBe(2);
      expect(notHex!.stderr).toMatch(/--code-id 1: .*hex/);
      expect(shortHex!.code).toBe(2);
      expect(badRid!.code).toBe(2);
      expect(badRid!.stderr).toMatch(/base64url/);
      expect(badLine!.code).toBe(1);
      expect(badLine!.stderr).toMatch(/line 3/);
      expect(emptyUvci!.code).toBe(2);
      for (const r of [unknownIssuer, notHex, shortHex, badRid, badLine, emptyUvci]) {
        expect(r!.stdout).toBe('');
        expect(r!.stderr).not.toMatch(/secret-code|not-a-code-id-4711|rid\+with/);
      }
      for (const o of outs) expect(await exists(o)).toBe(false);
    },
    TIMEOUT,
  );
});

describe('bundle revoke: SMART Health Card CRL entries with a timestamp', () => {
  it(
    "the example issuer's CRL as published revokes example-03 (nbf before the entry's time); example-00 stays valid",
    async () => {
      const jwks = exampleJson('issuer/.well-known/jwks.json');
      const crl = exampleJson(`issuer/.well-known/crl/${jwks.keys[0].kid}.json`);
      const rids = join(home, 'crl-rids.txt');
      await writeFile(rids, (crl.rids as string[]).join('\n') + '\n');
      const out = join(home, 'shc-crl.json');
      const r = ok(await revoke(out, '--issuer', EXAMPLE_ISS, '--code-ids-file', rids));
      expect(r).toMatchObject({ requested: 4, added: 4 });
      const [v3, v0] = await mapLimit(['03', '00'], 2, (n) => verify(out, SHC_AT, exampleQrTexts(n)[0]!));
      expect(v3!.outcome).toBe('FAIL');
      expect(codes(v3!)).toContain('REVOKED');
      expect(v0!.outcome).toBe('PASS');
    },
    TIMEOUT,
  );

  it(
    "a timestamp is compared with the card's nbf to the fraction of a second: before it, REVOKED; at or after it, not",
    async () => {
      // example-00: rid MKyCxh7p6uQ, nbf 1687450764.656.
      const payload = exampleJson('example-00-c-jws-payload-minified.json');
      expect([payload.vc.rid, payload.nbf]).toEqual(['MKyCxh7p6uQ', 1687450764.656]);
      const cases = [
        ['MKyCxh7p6uQ.1687450765', 'REVOKED'],
        ['MKyCxh7p6uQ.1687450764', 'PASS'],
        ['MKyCxh7p6uQ', 'REVOKED'],
      ] as const;
      const verdicts = await mapLimit([...cases], 3, async ([id]) => {
        const out = join(home, `shc-${id.replace('.', '-')}.json`);
        ok(await revoke(out, '--issuer', EXAMPLE_ISS, '--code-id', id));
        return verify(out, SHC_AT, exampleQrTexts('00')[0]!);
      });
      for (const [i, [, want]] of cases.entries()) {
        if (want === 'PASS') expect(verdicts[i]!.outcome).toBe('PASS');
        else expect(codes(verdicts[i]!)).toContain('REVOKED');
      }
    },
    TIMEOUT,
  );

  it(
    'a plain rid later added to a timestamped one revokes every card with it; the bundle carries no raw rid',
    async () => {
      const dir = join(home, 'shc-merge');
      await mkdir(dir, { recursive: true });
      const first = join(dir, 'first.json');
      const second = join(dir, 'second.json');
      ok(await revoke(first, '--issuer', EXAMPLE_ISS, '--code-id', 'MKyCxh7p6uQ.1687450764'));
      const r = ok(await cli(['bundle', 'revoke', '--bundle', first, '--root-key', root.priv, '--out', second, '--issuer', EXAMPLE_ISS, '--code-id', 'MKyCxh7p6uQ']));
      expect(r).toMatchObject({ requested: 1 });
      const [v1, v2] = await mapLimit([first, second], 2, (b) => verify(b, SHC_AT, exampleQrTexts('00')[0]!));
      expect(v1!.outcome).toBe('PASS');
      expect(codes(v2!)).toContain('REVOKED');
      for (const f of [first, second]) expect(await readFile(f, 'utf8')).not.toContain('MKyCxh7p6uQ');
    },
    TIMEOUT,
  );
});
