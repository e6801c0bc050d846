/**
 * The bundle tool chain through the CLI's entry, run(argv, io), in-process (test/support/cli.ts):
 * build → import-dcc → import-jwks → revoke → verify / diff, sign with two roots, and
 * the refusals. Edge cases live in the unit tests beside src/issuer/*.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapLimit, runCli, type Run } from './support/cli.ts';
import { requireShared } from './support/shared.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedBundleFile, TrustBundle } from '../src/core/trust/bundle.ts';
import { openRevocationSet } from '../src/core/trust/revocation/read-set.ts';
import { revocationHash } from '../src/core/trust/revocation/revocation-hash.ts';
import { verifyBundle } from '../src/core/trust/verify-bundle.ts';
import { generateKeyPair, pinnedRootFrom, type KeyPair } from '../src/issuer/keys.ts';
import { buildBundle, signBundle } from '../src/issuer/sign-bundle.ts';

const VECTORS = requireShared('vectors', 'published test vectors: EU DCC suite, SMART Health Cards examples, VDS-NC CSCAs');
const SHC_JWKS = join(VECTORS, 'shc/examples/issuer/.well-known/jwks.json');
const SHC_ISS = 'https://spec.smarthealth.cards/examples/issuer';
const TIMEOUT = 180_000;

let home: string;

const cli = (args: string[], input?: string): Promise<Run> => runCli(home, args, input);

const ok = (r: Run) => {
  expect(r.code, `exit ${r.code}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout);
};
const readText = (p: string) => readFile(p, 'utf8');
const fileOf = async (p: string): Promise<SignedBundleFile> => JSON.parse(await readText(p));
const payloadOf = async (p: string): Promise<TrustBundle> => JSON.parse(Buffer.from((await fileOf(p)).payload, 'base64url').toString('utf8'));
const kidsOf = (f: SignedBundleFile) => f.signatures.map((s) => JSON.parse(Buffer.from(s.protected, 'base64url').toString('utf8')).kid as string);
const certOf = async (path: string): Promise<string> => JSON.parse(await readText(join(VECTORS, 'eu-dcc', path))).TESTCTX.CERTIFICATE;

/** Key files as `keygen` writes them, made directly (quicker than a keygen run per key pair). */
async function writeKeys(dir: string, pair: KeyPair) {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'private.jwk'), JSON.stringify(pair.privateJwk));
  await writeFile(join(dir, 'public.jwk'), JSON.stringify(pair.publicJwk));
  return { priv: join(dir, 'private.jwk'), pub: join(dir, 'public.jwk') };
}

let keys: Record<'root' | 'root2' | 'stranger' | 'gd', { priv: string; pub: string }>;
let pairs: Record<'root' | 'root2' | 'stranger' | 'gd', KeyPair>;
let deCert: string;
let atCert: string;
let dscList: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'gatecheck-cli-bundle-'));
  const [root, root2, stranger, gd] = await Promise.all([
    generateKeyPair('ES256', 'root'),
    generateKeyPair('ES256', 'root'),
    generateKeyPair('ES256', 'root'),
    generateKeyPair('ES256'),
  ]);
  pairs = { root, root2, stranger, gd };
  keys = {
    root: await writeKeys(join(home, 'root'), root),
    root2: await writeKeys(join(home, 'root2'), root2),
    stranger: await writeKeys(join(home, 'stranger'), stranger),
    gd: await writeKeys(join(home, 'gd'), gd),
  };
  [deCert, atCert] = await Promise.all([certOf('DE/2DCode/raw/1.json'), certOf('AT/2DCode/raw/3.json')]);
  // A national DSC list in the DCC gateway's shape: one good entry, one with a kid that is not its certificate's.
  dscList = join(home, 'dsc-list.json');
  await writeFile(
    dscList,
    JSON.stringify([
      { kid: 'DEsVUSvpFAE=', country: 'DE', certificateType: 'DSC', rawData: deCert },
      { kid: 'AAAAAAAAAAA=', country: 'AT', certificateType: 'DSC', rawData: atCert },
    ]),
  );
});
afterAll(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

describe('gatecheck bundle: build, import, revoke, verify, diff', () => {
  it(
    'each edit adds what it says, bumps the version and re-signs; verify and diff show it',
    async () => {
      const dir = join(home, 'chain');
      await mkdir(dir, { recursive: true });
      const b = (n: string) => join(dir, n);
      const edit = (input: string, out: string) => ['--bundle', input, '--root-key', keys.root.priv, '--out', out];

      // build with the new flags
      const built = ok(
        await cli(['bundle', 'build', '--root-key', keys.root.priv, '--out', b('b1.json'), '--issuer-key', `440000:${keys.gd.pub}`,
          '--refresh', '600', '--warn-age', '43200', '--max-age', '172800', '--on-stale', 'warn', '--on-clock-suspect', 'fail',
          '--next-root', keys.root2.pub, '--retire-root', pairs.stranger.kid, '--demo']),
      );
      expect(built).toMatchObject({ keys: 1, issuers: 1 });
      const p1 = await payloadOf(b('b1.json'));
      expect(p1.freshness).toEqual({ refreshSeconds: 600, warnAgeSeconds: 43200, maxAgeSeconds: 172800, onStale: 'warn', onClockSuspect: 'fail' });
      expect(p1.roots).toEqual({ next: [pinnedRootFrom(pairs.root2.publicJwk)], retired: [pairs.stranger.kid] });
      expect(p1.demo).toBe(true);

      // import-dcc: the DE certificate goes in, the AT entry with a wrong kid is skipped with the reason
      const dcc = ok(await cli(['bundle', 'import-dcc', ...edit(b('b1.json'), b('b2.json')), dscList]));
      expect(dcc).toMatchObject({ added: 1, replaced: 0, issuersAdded: ['DE'], keys: 2 });
      expect(dcc.skipped).toEqual([{ file: dscList, index: 1, why: expect.stringMatching(/kid AAAAAAAAAAA= does not match the certificate.*2Rk3X8HntrI/) }]);
      const p2 = await payloadOf(b('b2.json'));
      expect(p2.keys.find((k) => k.issuer === 'DE')).toMatchObject({ kid: 'DEsVUSvpFAE', formats: ['eu-dcc'], x5c: deCert });
      expect(Date.parse(p2.expiresAt) - Date.parse(p2.issuedAt)).toBe(Date.parse(p1.expiresAt) - Date.parse(p1.issuedAt));
      expect(p2.freshness).toEqual(p1.freshness); // an edit keeps what it does not touch

      // import-jwks: the SMART Health Cards example issuer
      const jwks = ok(await cli(['bundle', 'import-jwks', ...edit(b('b2.json'), b('b3.json')), '--issuer', SHC_ISS, '--name-en', 'SHC example issuer', SHC_JWKS]));
      expect(jwks).toMatchObject({ added: 2, issuerAdded: true, keys: 4, skipped: [] });
      const p3 = await payloadOf(b('b3.json'));
      expect(p3.issuers.find((i) => i.id === SHC_ISS)).toEqual({ id: SHC_ISS, kind: 'url', names: { 'zh-CN': 'spec.smarthealth.cards', en: 'SHC example issuer' } });
      expect(p3.keys.filter((k) => k.issuer === SHC_ISS).map((k) => [k.formats, k.kinds])).toEqual([
        [['shc'], ['vaccination', 'test', 'recovery']],
        [['shc'], ['vaccination', 'test', 'recovery']],
      ]);

      // revoke, inline
      const inline = ok(await cli(['bundle', 'revoke', ...edit(b('b3.json'), b('b4.json')), '--issuer', '440000', '--code-id', '5ec7e7c0de000001', '--code-id', '5ec7e7c0de000002']));
      expect(inline).toMatchObject({ list: 'revoked', requested: 2, added: 2, count: 2, inline: true });
      const p4 = await payloadOf(b('b4.json'));
      const list4 = p4.revocations.lists[0]!;
      const set4 = openRevocationSet(Buffer.from(list4.data!, 'base64url'));
      if (!set4.ok) throw new Error(set4.reason.detail);
      expect(set4.value.has(await revocationHash('440000', '5ec7e7c0de000001'))).toBe(true);
      expect(set4.value.has(await revocationHash('440000', '5ec7e7c0de000002'))).toBe(true);
      expect(set4.value.has(await revocationHash('440000', '5ec7e7c0de000003'))).toBe(false);

      // revoke more from a file, into an external set next to the published bundle
      const ids = b('ids.txt');
      await writeFile(ids, '5ec7e7c0de000003\n\n5ec7e7c0de000001\r\n5ec7e7c0de000004\n');
      const pub = join(dir, 'pub');
      const ext = ok(await cli(['bundle', 'revoke', ...edit(b('b4.json'), join(pub, 'bundle.json')), '--issuer', '440000', '--code-ids-file', ids, '--external']));
      expect(ext).toMatchObject({ list: 'revoked', requested: 3, added: 2, alreadyPresent: 1, count: 4 });
      const p5 = await payloadOf(join(pub, 'bundle.json'));
      const list5 = p5.revocations.lists[0]!;
      expect(list5.data).toBeUndefined();
      expect(list5.href).toBe(`revocations/revoked-${p5.version}.bin`);
      const bin = await readFile(join(pub, list5.href!));
      expect(bin.length).toBe(list5.bytes);
      expect(createHash('sha256').update(bin).digest('base64url')).toBe(list5.sha256);
      const set5 = openRevocationSet(new Uint8Array(bin));
      if (!set5.ok) throw new Error(set5.reason.detail);
      for (const id of ['5ec7e7c0de000001', '5ec7e7c0de000002', '5ec7e7c0de000003', '5ec7e7c0de000004']) expect(set5.value.has(await revocationHash('440000', id))).toBe(true);
      expect(set5.value.has(await revocationHash('310000', '5ec7e7c0de000001'))).toBe(false);

      // Versions strictly increase along the chain.
      const versions = [p1, p2, p3, p4, p5].map((p) => p.version);
      for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThan(versions[i - 1]!);

      const [verified, diff, diffJson] = await mapLimit(
        [
          ['bundle', 'verify', '--root-pub', keys.root.pub, join(pub, 'bundle.json')],
          ['bundle', 'diff', '--root-pub', keys.root.pub, b('b1.json'), join(pub, 'bundle.json')],
          ['bundle', 'diff', '--json', b('b3.json'), join(pub, 'bundle.json')],
        ],
        3,
        (a) => cli(a),
      );
      const v = ok(verified!);
      expect(v).toMatchObject({ valid: true, version: p5.version, issuers: 3, keys: 4, demo: true, signers: [pairs.root.kid] });
      expect(v.revocations).toEqual([{ id: 'revoked', count: 4, bytes: list5.bytes, href: list5.href }]);
      expect(v.roots).toEqual({ next: [pairs.root2.kid], retired: [pairs.stranger.kid] });

      expect(diff!.code, diff!.stderr).toBe(0);
      const lines = diff!.stdout.split('\n');
      expect(lines[0]).toMatch(/^A: .*b1\.json — version \d+, signed by .*, verified$/);
      expect(lines).toContain(`~ version ${p1.version} -> ${p5.version}`);
      expect(lines).toContain('+ issuer DE (country, 德国 / Germany)');
      expect(lines).toContain('+ key DE/DEsVUSvpFAE [eu-dcc]');
      expect(lines).toContain(`+ key ${SHC_ISS}/${p3.keys[2]!.kid} [shc]`);
      expect(lines).toContain('+ revocation list revoked (4 ids, external)');
      const dj = ok(diffJson!);
      expect(dj.a.verified).toBe('not verified');
      expect(dj.diff.revocations.added).toEqual([{ id: 'revoked', count: 4, external: true }]);

      // Raw code ids appear nowhere: not in any output, not in any file written.
      const outputs = [dcc, jwks, inline, ext, v].map((o) => JSON.stringify(o)).join('') + diff!.stdout + diffJson!.stdout;
      expect(outputs).not.toContain('5ec7e7c0de');
      for (const f of [b('b4.json'), join(pub, 'bundle.json'), join(pub, list5.href!)]) expect((await readFile(f)).includes('5ec7e7c0de')).toBe(false);
      expect(await readdir(pub)).toEqual(['bundle.json', 'revocations']);
    },
    TIMEOUT,
  );
});

describe('gatecheck bundle: signing and refusals', () => {
  it(
    'co-signs with two roots, refuses foreign bundles, private keys and imports with nothing to import',
    async () => {
      const dir = join(home, 'sign');
      await mkdir(dir, { recursive: true });
      const now = new Date();
      // A bundle whose version is ahead of the clock: edits must still go strictly up (old + 1).
      const future = Math.floor(now.getTime() / 1000) + 100_000;
      const bundle = buildBundle({
        version: future,
        issuedAt: now,
        expiresAt: new Date(now.getTime() + 7 * 86400_000),
        issuers: [{ id: '440000', kind: 'province', names: { 'zh-CN': '广东省', en: 'Guangdong' } }],
        keys: [{ issuer: '440000', jwk: pairs.gd.publicJwk, validFrom: now, validUntil: new Date(now.getTime() + 86400_000) }],
      });
      const input = join(dir, 'in.json');
      await writeFile(input, JSON.stringify(await signBundle(bundle, pairs.root.privateJwk)));
      const payloadFile = join(dir, 'payload.json');
      await writeFile(payloadFile, JSON.stringify(bundle));
      const privateJwks = join(dir, 'private-jwks.json');
      const shc = JSON.parse(await readText(SHC_JWKS));
      await writeFile(privateJwks, JSON.stringify({ keys: [...shc.keys, { ...pairs.stranger.privateJwk, kid: 'x' }] }));
      const badOnly = join(dir, 'bad-only.json');
      await writeFile(badOnly, JSON.stringify([{ kid: 'AAAAAAAAAAA=', country: 'AT', rawData: atCert }]));
      const pem = join(dir, 'de.pem');
      await writeFile(pem, `-----BEGIN CERTIFICATE-----\n${deCert.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`);

      const [cosigned, fromPayload, foreign, trusted, privateRefused, nothing, noCountry, pemImport, noIds, kept, rolled, selfRetire] = await mapLimit(
        [
          ['bundle', 'sign', '--bundle', input, '--root-key', keys.root.priv, '--root-key', keys.root2.priv, '--out', join(dir, 'cosigned.json')],
          ['bundle', 'sign', '--bundle', payloadFile, '--root-key', keys.root2.priv, '--out', join(dir, 'from-payload.json'), '--bump', '--unsigned'],
          ['bundle', 'import-dcc', '--bundle', input, '--root-key', keys.stranger.priv, '--out', join(dir, 'never.json'), dscList],
          ['bundle', 'import-dcc', '--bundle', input, '--root-key', keys.stranger.priv, '--trust-root', keys.root.pub, '--out', join(dir, 'moved.json'), dscList],
          ['bundle', 'import-jwks', '--bundle', input, '--root-key', keys.root.priv, '--out', join(dir, 'never2.json'), '--issuer', SHC_ISS, privateJwks],
          ['bundle', 'import-dcc', '--bundle', input, '--root-key', keys.root.priv, '--out', join(dir, 'never3.json'), badOnly],
          ['bundle', 'import-dcc', '--bundle', input, '--root-key', keys.root.priv, '--out', join(dir, 'never4.json'), pem],
          ['bundle', 'import-dcc', '--bundle', input, '--root-key', keys.root.priv, '--out', join(dir, 'pem.json'), '--country', 'de', pem],
          ['bundle', 'revoke', '--bundle', input, '--root-key', keys.root.priv, '--out', join(dir, 'never5.json'), '--issuer', '440000'],
          ['bundle', 'sign', '--bundle', input, '--root-key', keys.root2.priv, '--trust-root', keys.root.pub, '--keep-signatures', '--out', join(dir, 'kept.json')],
          ['bundle', 'set', '--bundle', input, '--root-key', keys.root2.priv, '--trust-root', keys.root.pub, '--retire-root', pairs.root.kid, '--max-age', '100000', '--out', join(dir, 'rolled.json')],
          ['bundle', 'set', '--bundle', input, '--root-key', keys.root.priv, '--retire-root', pairs.root.kid, '--out', join(dir, 'never6.json')],
        ],
        3,
        (a) => cli(a),
      );

      // Two roots, two signatures, the same payload; each signature alone verifies against its root.
      expect(ok(cosigned!)).toMatchObject({ signatures: 2, version: future, bumped: false });
      const file = await fileOf(join(dir, 'cosigned.json'));
      expect(file.payload).toBe((await fileOf(input)).payload);
      expect(kidsOf(file)).toEqual([pairs.root.kid, pairs.root2.kid]);
      for (const [i, pair] of [pairs.root, pairs.root2].entries()) {
        const alone = JSON.stringify({ payload: file.payload, signatures: [file.signatures[i]] });
        expect((await verifyBundle(alone, [pinnedRootFrom(pair.publicJwk)])).ok).toBe(true);
        const other = i === 0 ? pairs.root2 : pairs.root;
        expect((await verifyBundle(alone, [pinnedRootFrom(other.publicJwk)])).ok).toBe(false);
      }
      // An unsigned payload (--unsigned: the operator vouches for it) signed with --bump: version old + 1 (ahead of the clock).
      expect(ok(fromPayload!)).toMatchObject({ signatures: 1, version: future + 1, bumped: true });

      // Not signed by the given root: refused, nothing written.
      expect(foreign!.code).toBe(1);
      expect(foreign!.stderr).toMatch(/does not verify.*refusing/);
      // With --trust-root naming the signer, the edit goes through and is signed by the new root.
      expect(ok(trusted!)).toMatchObject({ added: 1, version: future + 1 });
      expect(kidsOf(await fileOf(join(dir, 'moved.json')))).toEqual([pairs.stranger.kid]);

      expect(privateRefused!.code).toBe(1);
      expect(privateRefused!.stderr).toMatch(/private key members/);
      expect(nothing!.code).toBe(1);
      expect(JSON.parse(nothing!.stdout)).toMatchObject({ added: 0, skipped: [{ index: 0, why: expect.stringMatching(/kid/) }] });
      expect(noCountry!.code).toBe(2);
      expect(noCountry!.stderr).toMatch(/--country is required/);
      expect(ok(pemImport!)).toMatchObject({ added: 1, issuersAdded: ['DE'] });
      expect(noIds!.code).toBe(2);
      // A second key holder adds a co-signature and keeps the first (checked against --trust-root).
      expect(ok(kept!)).toMatchObject({ signatures: 2 });
      expect(kidsOf(await fileOf(join(dir, 'kept.json')))).toEqual([pairs.root.kid, pairs.root2.kid]);
      // Rollover: the new root retires the old one; a bundle retiring its only signer is refused.
      expect(ok(rolled!)).toMatchObject({ version: future + 1, roots: { next: [], retired: [pairs.root.kid] }, freshness: { maxAgeSeconds: 100000 } });
      expect(selfRetire!.code).toBe(1);
      expect(selfRetire!.stderr).toMatch(/retires every root that signs it/);
      const written = await readdir(dir);
      for (const never of ['never.json', 'never2.json', 'never3.json', 'never4.json', 'never5.json', 'never6.json']) expect(written).not.toContain(never);

      // Twice in a row on the edited bundle: still strictly up.
      const again = ok(await cli(['bundle', 'import-dcc', '--bundle', join(dir, 'pem.json'), '--root-key', keys.root.priv, '--out', join(dir, 'pem2.json'), '--country', 'DE', pem]));
      expect(again).toMatchObject({ added: 0, replaced: 1, version: future + 2 });
    },
    TIMEOUT,
  );
});

/** Issue 17, items 1 and 3: what an edit reads must verify, what it writes must be able to grow, and it says what it changed. */
describe('gatecheck bundle: inputs verified, versions bounded (issue 17)', () => {
  /** A bundle for 440000 (gd) and 310000 (sh), signed by root; and the same with Shanghai's key smuggled in for 440000 under the old signature. */
  async function tamperedWorld(dir: string) {
    await mkdir(dir, { recursive: true });
    const now = new Date();
    const sh = await generateKeyPair('SM2-SM3');
    const good = buildBundle({
      version: Math.floor(now.getTime() / 1000) - 1000,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + 7 * 86400_000),
      issuers: [
        { id: '440000', kind: 'province', names: { 'zh-CN': '广东省', en: 'Guangdong' } },
        { id: '310000', kind: 'province', names: { 'zh-CN': '上海市', en: 'Shanghai' } },
      ],
      keys: [
        { issuer: '440000', jwk: pairs.gd.publicJwk, validFrom: now, validUntil: new Date(now.getTime() + 86400_000) },
        { issuer: '310000', jwk: sh.publicJwk, validFrom: now, validUntil: new Date(now.getTime() + 86400_000) },
      ],
    });
    const signed = await signBundle(good, pairs.root.privateJwk);
    const evil = structuredClone(good);
    evil.keys.push({ ...evil.keys[1]!, issuer: '440000' });
    const tampered: SignedBundleFile = { payload: Buffer.from(JSON.stringify(evil)).toString('base64url'), signatures: signed.signatures };
    const f = (n: string) => join(dir, n);
    await writeFile(f('good.json'), JSON.stringify(signed));
    await writeFile(f('tampered.json'), JSON.stringify(tampered));
    await writeFile(f('payload.json'), JSON.stringify(good));
    return { good, signed, f, smuggledKid: sh.kid };
  }

  it(
    'bundle sign refuses a tampered bundle (exit 1, naming the problem); every command that reads it does too',
    async () => {
      const { f, smuggledKid } = await tamperedWorld(join(home, 'tampered'));
      const edit = (out: string) => ['--bundle', f('tampered.json'), '--root-key', keys.root.priv, '--out', f(out)];
      const runs = await mapLimit(
        [
          ['bundle', 'sign', ...edit('sign.json')],
          ['bundle', 'sign', ...edit('sign-bump.json'), '--bump'],
          ['bundle', 'sign', ...edit('sign-keep.json'), '--root-key', keys.root2.priv, '--keep-signatures'],
          ['bundle', 'import-dcc', ...edit('dcc.json'), dscList],
          ['bundle', 'import-jwks', ...edit('jwks.json'), '--issuer', SHC_ISS, SHC_JWKS],
          ['bundle', 'import-csca', ...edit('csca.json'), '--issuer', 'AU', join(VECTORS, 'vds-nc', 'aus-csca.pem')],
          ['bundle', 'revoke', ...edit('revoke.json'), '--issuer', '440000', '--code-id', '0c0de00000000002'],
          ['bundle', 'policies', ...edit('policies.json'), '--builtin'],
          ['bundle', 'set', ...edit('set.json'), '--max-age', '100000'],
        ],
        3,
        (a) => cli(a),
      );
      for (const r of runs) {
        expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
        expect(r.stderr).toMatch(/does not verify.*BUNDLE_SIGNATURE_INVALID/);
      }
      const written = await readdir(join(home, 'tampered'));
      expect(written.sort()).toEqual(['good.json', 'payload.json', 'tampered.json']);

      // What the operator is shown when comparing: the smuggled key, and that B does not verify.
      const diff = await cli(['bundle', 'diff', '--root-pub', keys.root.pub, f('good.json'), f('tampered.json')]);
      expect(diff.stdout).toMatch(/^B: .* NOT VERIFIED \(BUNDLE_SIGNATURE_INVALID/m);
      expect(diff.stdout).toContain(`+ key 440000/${smuggledKid} [cn-hc]`);
    },
    TIMEOUT,
  );

  it(
    '--keep-signatures keeps only signatures that verify; an unsigned payload is signed only with --unsigned',
    async () => {
      const { good, signed, f } = await tamperedWorld(join(home, 'keep'));
      // A co-signed file whose root2 signature covers another payload (e.g. pasted from another file).
      const other = await signBundle({ ...good, version: good.version + 1 }, pairs.root2.privateJwk);
      await writeFile(f('mixed.json'), JSON.stringify({ payload: signed.payload, signatures: [...signed.signatures, ...other.signatures] }));
      const [checked, unchecked, payload, payloadOk] = await mapLimit(
        [
          ['bundle', 'sign', '--bundle', f('mixed.json'), '--root-key', keys.stranger.priv, '--trust-root', keys.root.pub, '--trust-root', keys.root2.pub, '--keep-signatures', '--out', f('checked.json')],
          ['bundle', 'sign', '--bundle', f('mixed.json'), '--root-key', keys.stranger.priv, '--trust-root', keys.root.pub, '--keep-signatures', '--out', f('unchecked.json')],
          ['bundle', 'sign', '--bundle', f('payload.json'), '--root-key', keys.root.priv, '--out', f('never.json')],
          ['bundle', 'sign', '--bundle', f('payload.json'), '--root-key', keys.root.priv, '--unsigned', '--out', f('from-payload.json')],
        ],
        3,
        (a) => cli(a),
      );
      // root2's signature does not verify: dropped, said so; root's verifies: kept.
      expect(ok(checked!)).toMatchObject({ signatures: 2, kept: [pairs.root.kid], dropped: [{ kid: pairs.root2.kid, why: expect.stringMatching(/does not verify/) }] });
      expect(kidsOf(await fileOf(f('checked.json')))).toEqual([pairs.root.kid, pairs.stranger.kid]);
      // Without root2's public key its signature cannot be checked: dropped too.
      expect(ok(unchecked!)).toMatchObject({ signatures: 2, dropped: [{ kid: pairs.root2.kid, why: expect.stringMatching(/--trust-root/) }] });
      expect(kidsOf(await fileOf(f('unchecked.json')))).toEqual([pairs.root.kid, pairs.stranger.kid]);
      expect(payload!.code).toBe(1);
      expect(payload!.stderr).toMatch(/unsigned payload.*--unsigned/);
      expect(ok(payloadOk!)).toMatchObject({ signatures: 1, version: good.version, input: 'unsigned' });
      expect((await readdir(join(home, 'keep')))).not.toContain('never.json');
    },
    TIMEOUT,
  );

  it(
    'versions above 2^50 are refused when building, signing and editing; --newer-than refuses an older input; edits print their changes',
    async () => {
      const { good, f } = await tamperedWorld(join(home, 'versions'));
      const CEILING = 2 ** 50;
      await writeFile(f('top.json'), JSON.stringify(await signBundle({ ...good, version: CEILING }, pairs.root.privateJwk)));
      await writeFile(f('above.json'), JSON.stringify(await signBundle({ ...good, version: CEILING + 1 }, pairs.root.privateJwk)));
      // Published: the good bundle plus a revocation (a later change the old input does not have).
      const published = ok(await cli(['bundle', 'revoke', '--bundle', f('good.json'), '--root-key', keys.root.priv, '--out', f('published.json'), '--issuer', '440000', '--code-id', '0c0de00000000001']));
      expect(published.changes).toEqual([
        `~ version ${good.version} -> ${published.version}`,
        expect.stringMatching(/^~ issuedAt /),
        expect.stringMatching(/^~ expiresAt /),
        '+ revocation list revoked (1 ids, inline)',
      ]);
      const [build, signTop, signAbove, editTop, older, same, newer, badNewer] = await mapLimit(
        [
          ['bundle', 'build', '--root-key', keys.root.priv, '--out', f('never1.json'), '--issuer-key', `440000:${keys.gd.pub}`, '--version', String(CEILING + 1)],
          ['bundle', 'sign', '--bundle', f('top.json'), '--root-key', keys.root.priv, '--out', f('top-signed.json')],
          ['bundle', 'sign', '--bundle', f('above.json'), '--root-key', keys.root.priv, '--out', f('never2.json')],
          ['bundle', 'set', '--bundle', f('top.json'), '--root-key', keys.root.priv, '--max-age', '100000', '--out', f('never3.json')],
          ['bundle', 'set', '--bundle', f('good.json'), '--root-key', keys.root.priv, '--max-age', '100000', '--newer-than', f('published.json'), '--out', f('never4.json')],
          ['bundle', 'set', '--bundle', f('published.json'), '--root-key', keys.root.priv, '--max-age', '100000', '--newer-than', f('published.json'), '--out', f('set.json')],
          ['bundle', 'sign', '--bundle', f('published.json'), '--root-key', keys.root2.priv, '--trust-root', keys.root.pub, '--keep-signatures', '--newer-than', f('good.json'), '--out', f('cosigned.json')],
          ['bundle', 'set', '--bundle', f('good.json'), '--root-key', keys.root.priv, '--max-age', '100000', '--newer-than', f('tampered.json'), '--out', f('never5.json')],
        ],
        3,
        (a) => cli(a),
      );
      expect(build!.code).not.toBe(0);
      expect(build!.stderr).toMatch(/2\^50/);
      expect(ok(signTop!)).toMatchObject({ version: CEILING });
      expect(signAbove!.code).toBe(1);
      expect(signAbove!.stderr).toMatch(/2\^50/);
      expect(editTop!.code).toBe(1);
      expect(editTop!.stderr).toMatch(/2\^50/);
      // The old input would drop the published revocation: refused, naming both versions.
      expect(older!.code).toBe(1);
      expect(older!.stderr).toContain(`version ${good.version} is older than ${published.version}`);
      const s = ok(same!);
      expect(s.changes).toContain('~ freshness maxAgeSeconds 259200 -> 100000');
      expect(ok(newer!)).toMatchObject({ version: published.version, signatures: 2, changes: ['no changes'] });
      // --newer-than must verify as well.
      expect(badNewer!.code).toBe(1);
      expect(badNewer!.stderr).toMatch(/--newer-than.*BUNDLE_SIGNATURE_INVALID/);
      for (const never of ['never1.json', 'never2.json', 'never3.json', 'never4.json', 'never5.json']) expect(await readdir(join(home, 'versions'))).not.toContain(never);
    },
    TIMEOUT,
  );
});
