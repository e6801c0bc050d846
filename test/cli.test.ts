/**
 * The CLI through its entry, run(argv, io), in-process (test/support/cli.ts), with the home in a
 * temporary directory so the demo world's state file lands there. The real process entry is
 * spawned once, in test/cli-entry.test.ts.
 */
import { createHash, createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapLimit, runCli, type Run } from './support/cli.ts';
import { requireShared } from './support/shared.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../src/core/model/verdict.ts';
import { readQrFromImageBytes } from '../src/read/image-file.node.ts';
import { generateKeyPair } from '../src/issuer/keys.ts';
import { makeSealIssuer, negativeTestSealData } from '../src/issuer/formats/vds-nc/issue.ts';
import { signSeal } from '../src/issuer/formats/vds-nc/encode.ts';
import { EXAMPLE_ISS, exampleQrTexts, SHC_DIR } from './support/shc-examples.ts';

const TIMEOUT = 180_000;

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'gatecheck-cli-'));
});
afterAll(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

const cli = (args: string[], input?: string): Promise<Run> => runCli(home, args, input);

function verdictOf(r: Run): Verdict {
  try {
    return JSON.parse(r.stdout) as Verdict;
  } catch {
    throw new Error(`verify did not print JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
}

const readJson = async (p: string) => JSON.parse(await readFile(p, 'utf8'));

/** RFC 7638 thumbprint, computed here with node:crypto rather than with the code under test. */
function thumbprint(jwk: { crv: string; x: string; y: string }, bytes = 32): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest().subarray(0, bytes).toString('base64url');
}

describe('gatecheck keygen', () => {
  it(
    'writes ES256, SM2 and root key pairs as JWK files',
    async () => {
      const dirs = { es: join(home, 'k-es256'), sm: join(home, 'k-sm2'), root: join(home, 'k-root') };
      const runs = await mapLimit(
        [
          ['keygen', '--alg', 'ES256', '--out', dirs.es],
          ['keygen', '--alg', 'SM2', '--out', dirs.sm],
          ['keygen', '--alg', 'ES256', '--root', '--out', dirs.root],
        ],
        3,
        (a) => cli(a),
      );
      for (const r of runs) expect(r.code, r.stderr).toBe(0);

      for (const [dir, alg, crv, kidBytes] of [
        [dirs.es, 'ES256', 'P-256', 8],
        [dirs.sm, 'SM2-SM3', 'SM2', 8],
        [dirs.root, 'ES256', 'P-256', 32],
      ] as const) {
        const priv = await readJson(join(dir, 'private.jwk'));
        const pub = await readJson(join(dir, 'public.jwk'));
        expect(priv).toMatchObject({ kty: 'EC', crv, alg });
        expect(typeof priv.d).toBe('string');
        expect(pub).toEqual({ kty: 'EC', crv, x: priv.x, y: priv.y, kid: priv.kid, alg });
        expect(fromB64url(pub.x).length).toBe(32);
        expect(fromB64url(pub.y).length).toBe(32);
        // Signing keys carry the short (8-byte) thumbprint kid, roots the full one.
        expect(pub.kid).toBe(thumbprint(pub, kidBytes));
        // The private key file is not readable by others.
        expect((await stat(join(dir, 'private.jwk'))).mode & 0o077).toBe(0);
      }
      const printed = JSON.parse(runs[1]!.stdout);
      expect(printed).toMatchObject({ alg: 'SM2-SM3', kid: (await readJson(join(dirs.sm, 'public.jwk'))).kid });

      // The ES256 pair is a real, matching key pair (checked with node:crypto).
      const priv = await readJson(join(dirs.es, 'private.jwk'));
      const data = Buffer.from('gatecheck');
      const sig = nodeSign('sha256', data, { key: createPrivateKey({ key: { kty: 'EC', crv: 'P-256', x: priv.x, y: priv.y, d: priv.d }, format: 'jwk' }), dsaEncoding: 'ieee-p1363' });
      const pubKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: priv.x, y: priv.y }, format: 'jwk' });
      expect(nodeVerify('sha256', data, { key: pubKey, dsaEncoding: 'ieee-p1363' }, sig)).toBe(true);
    },
    TIMEOUT,
  );
});

const fromB64url = (s: string) => Buffer.from(s, 'base64url');

describe('gatecheck issue / bundle / verify round trip', () => {
  it(
    'issues ES256 and SM2 codes, builds and verifies a bundle, and verifies both codes as PASS',
    async () => {
      const dir = join(home, 'rt');
      const gen = await mapLimit(
        [
          ['keygen', '--alg', 'ES256', '--root', '--out', join(dir, 'root')],
          ['keygen', '--alg', 'ES256', '--out', join(dir, 'gd')],
          ['keygen', '--alg', 'SM2', '--out', join(dir, 'sh')],
        ],
        3,
        (a) => cli(a),
      );
      for (const r of gen) expect(r.code, r.stderr).toBe(0);

      const sampled = new Date(Date.now() - 3 * 3600_000);
      sampled.setMilliseconds(0);
      const [gdCode, shCode, build] = await mapLimit(
        [
          ['issue', '--key', join(dir, 'gd', 'private.jwk'), '--issuer', '440000', '--name', '陈一', '--id-tail', '0042', '--birth', '1999-09-09', '--nat', `negative@${sampled.toISOString()}`],
          ['issue', '--key', join(dir, 'sh', 'private.jwk'), '--issuer', '310000', '--name', '李四', '--vacc', '2/3@2022-03-01:CoronaVac', '--valid-hours', '12'],
          ['bundle', 'build', '--root-key', join(dir, 'root', 'private.jwk'), '--out', join(dir, 'bundle.json'), '--issuer-key', `440000:${join(dir, 'gd', 'public.jwk')}`, '--issuer-key', `310000:${join(dir, 'sh', 'public.jwk')}`],
        ],
        3,
        (a) => cli(a),
      );
      for (const r of [gdCode, shCode, build]) expect(r!.code, r!.stderr).toBe(0);
      const gdText = gdCode!.stdout.trim();
      const shText = shCode!.stdout.trim();
      expect(gdText).toMatch(/^CNHC1:[0-9A-Z $%*+\-./:]+$/);
      expect(shText).toMatch(/^CNHC1:[0-9A-Z $%*+\-./:]+$/);
      expect(JSON.parse(build!.stdout)).toMatchObject({ issuers: 2, keys: 2 });

      const trustArgs = ['--bundle', join(dir, 'bundle.json'), '--root-pub', join(dir, 'root', 'public.jwk')];
      const [bundleOk, bundleWrongRoot, gdVerify, shVerify] = await mapLimit(
        [
          ['bundle', 'verify', '--root-pub', join(dir, 'root', 'public.jwk'), join(dir, 'bundle.json')],
          ['bundle', 'verify', '--root-pub', join(dir, 'gd', 'public.jwk'), join(dir, 'bundle.json')],
          ['verify', ...trustArgs, gdText],
          ['verify', ...trustArgs, shText],
        ],
        3,
        (a) => cli(a),
      );
      expect(bundleOk!.code, bundleOk!.stderr).toBe(0);
      expect(JSON.parse(bundleOk!.stdout)).toMatchObject({ valid: true, issuers: 2, keys: 2 });
      expect(bundleWrongRoot!.code).toBe(1);
      expect(JSON.parse(bundleWrongRoot!.stdout)).toMatchObject({ valid: false, error: { code: 'BUNDLE_UNKNOWN_ROOT' } });

      expect(gdVerify!.code, gdVerify!.stdout).toBe(0);
      const gd = verdictOf(gdVerify!);
      expect(gd.outcome).toBe('PASS');
      expect(gd.reasons).toEqual([]);
      expect(gd.signatureVerified).toBe(true);
      expect(gd.credential).toMatchObject({
        issuer: { id: '440000' },
        keyId: (await readJson(join(dir, 'gd', 'public.jwk'))).kid,
        holder: { name: '陈一', idTail: '0042', birthDate: '1999-09-09' },
        healthStatus: 'green',
        tests: [{ type: 'NAT', result: 'negative', sampledAt: sampled.toISOString() }],
      });

      expect(shVerify!.code, shVerify!.stdout).toBe(0);
      const sh = verdictOf(shVerify!);
      expect(sh.outcome).toBe('PASS');
      expect(sh.credential).toMatchObject({
        issuer: { id: '310000' },
        keyId: (await readJson(join(dir, 'sh', 'public.jwk'))).kid,
        holder: { name: '李四' },
        vaccinations: [{ dose: 2, of: 3, date: '2022-03-01', product: 'CoronaVac' }],
      });
      const hours = (Date.parse(sh.credential!.expiresAt!) - Date.parse(sh.credential!.issuedAt)) / 3600_000;
      expect(hours).toBe(12);

      // Standard input ("-") and a later clock: the same SM2 code, read from stdin, has expired by then.
      const later = new Date(Date.now() + 13 * 3600_000).toISOString();
      const stdinRun = await cli(['verify', ...trustArgs, '--at', later, '-'], shText + '\n');
      expect(stdinRun.code).toBe(1);
      expect(verdictOf(stdinRun).reasons.map((r) => r.code)).toEqual(['CODE_EXPIRED']);

      // Garbage exits 1 with a verdict on stdout: NOT_READ, not a health code (no FAIL for a misread).
      const garbage = await cli(['verify', ...trustArgs, 'definitely not a health code']);
      expect(garbage.code).toBe(1);
      const g = verdictOf(garbage);
      expect(g.outcome).toBe('NOT_READ');
      expect(g.reasons[0]?.code).toBe('UNSUPPORTED_FORMAT');
    },
    TIMEOUT,
  );
});

describe('gatecheck usage errors', () => {
  it(
    'exit with status 2',
    async () => {
      const cases = [
        [], // no command
        ['frobnicate'],
        ['keygen', '--alg', 'RSA', '--out', join(home, 'never')],
        ['verify', '--bundle', 'x.json', 'CNHC1:ABC'], // --bundle without --root-pub
        ['issue', '--no-such-option', 'x'],
        ['verify', '--parts', 'CNHC1:ABC'], // --parts is for standard input
        ['verify', '-', 'CNHC1:ABC'], // standard input goes alone
      ];
      const runs = await mapLimit(cases, 3, (a) => cli(a));
      runs.forEach((r, i) => {
        expect(r.code, `${cases[i]!.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(/usage/i);
        expect(r.stdout).toBe('');
      });
    },
    TIMEOUT,
  );
});

describe('gatecheck issue refuses content a verifier would refuse', () => {
  it(
    'exits 1 naming why, and prints no code',
    async () => {
      const dir = join(home, 'refuse');
      expect((await cli(['keygen', '--alg', 'ES256', '--out', dir])).code).toBe(0);
      const key = join(dir, 'private.jwk');
      const cases: [string[], RegExp][] = [
        [['--birth', '2021-02-30'], /birth date is not a calendar date/],
        [['--vacc', '3/2@2022-03-01:CoronaVac'], /dose is above the doses in its series/],
        [['--valid-hours', '100'], /validity exceeds 72 h/],
      ];
      const runs = await mapLimit(cases, 3, ([extra]) => cli(['issue', '--key', key, '--issuer', '440000', ...extra]));
      runs.forEach((r, i) => {
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toMatch(/a verifier would refuse this code \(MALFORMED_CLAIMS\)/);
        expect(r.stderr).toMatch(cases[i]![1]);
        expect(r.stdout).toBe('');
      });
    },
    TIMEOUT,
  );
});

describe('gatecheck demo', () => {
  interface ManifestEntry {
    name: string;
    expect: 'PASS' | 'FAIL';
    reason?: string;
  }
  let out: string;
  let manifest: ManifestEntry[];

  beforeAll(async () => {
    out = join(home, 'demo-world');
    const r = await cli(['demo', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    manifest = await readJson(join(out, 'codes', 'index.json'));
  }, TIMEOUT);

  it('writes the bundle, root keys, codes (text and PNG) and a manifest', async () => {
    const bundle = await readJson(join(out, 'bundle.json'));
    expect(typeof bundle.payload).toBe('string');
    expect(bundle.signatures.length).toBeGreaterThanOrEqual(1);
    const rootPub = await readJson(join(out, 'root.pub.jwk'));
    const rootPriv = await readJson(join(out, 'keys', 'root.jwk'));
    expect(rootPub.d).toBeUndefined();
    expect(rootPriv).toMatchObject({ kty: 'EC', crv: 'P-256', x: rootPub.x, y: rootPub.y, kid: rootPub.kid });
    expect(typeof rootPriv.d).toBe('string');
    expect(rootPub.kid).toBe(thumbprint(rootPub));
    // The bundle is signed under the root's kid.
    const header = JSON.parse(fromB64url(bundle.signatures[0].protected).toString('utf8'));
    expect(header).toMatchObject({ alg: 'ES256', kid: rootPub.kid });

    const files = (await readdir(join(out, 'codes'))).sort();
    expect(files).toContain('index.json');
    expect(manifest.length).toBeGreaterThan(0);
    expect(manifest.some((m) => m.expect === 'PASS')).toBe(true);
    expect(manifest.some((m) => m.expect === 'FAIL')).toBe(true);
    const expected = manifest.flatMap((m) => [`${m.name}.png`, `${m.name}.txt`]).concat('index.json').sort();
    expect(files).toEqual(expected);
    for (const m of manifest) {
      expect(m.name.startsWith(m.expect === 'PASS' ? 'pass-' : 'fail-'), m.name).toBe(true);
      if (m.expect === 'FAIL') expect(typeof m.reason).toBe('string');
      const png = await readFile(join(out, 'codes', `${m.name}.png`));
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    }
    // The state file points verify at this world.
    expect((await readFile(join(home, '.gatecheck', 'last-demo-world'), 'utf8')).trim()).toBe(out);
  });

  it(
    'verify without --bundle gives PASS exactly for pass-* and the manifest reason for fail-*',
    async () => {
      const runs = await mapLimit(manifest, 3, async (m) => ({ m, r: await cli(['verify', (await readFile(join(out, 'codes', `${m.name}.txt`), 'utf8')).trim()]) }));
      for (const { m, r } of runs) {
        const v = verdictOf(r);
        if (m.expect === 'PASS') {
          expect(r.code, `${m.name}: ${r.stdout}`).toBe(0);
          expect(v.outcome, m.name).toBe('PASS');
          expect(v.reasons).toEqual([]);
        } else {
          expect(r.code, `${m.name}: ${r.stdout}`).toBe(1);
          expect(v.outcome, m.name).toBe('FAIL');
          expect(v.reasons[0]?.code, m.name).toBe(m.reason);
        }
      }
    },
    TIMEOUT,
  );

  it(
    'verify --image on demo PNGs gives the same outcome as the text',
    async () => {
      const candidates = manifest;
      const picks = [
        candidates.find((m) => m.expect === 'PASS' && m.name.includes('sm2')),
        candidates.find((m) => m.expect === 'PASS' && !m.name.includes('sm2')),
        candidates.find((m) => m.expect === 'FAIL'),
      ].filter((m): m is ManifestEntry => m !== undefined);
      expect(picks.length).toBeGreaterThan(0);
      const runs = await mapLimit(picks, 3, async (m) => ({
        m,
        image: await cli(['verify', '--image', join(out, 'codes', `${m.name}.png`)]),
        text: await cli(['verify', (await readFile(join(out, 'codes', `${m.name}.txt`), 'utf8')).trim()]),
      }));
      for (const { m, image, text } of runs) {
        const vi = verdictOf(image);
        const vt = verdictOf(text);
        expect(image.code, m.name).toBe(text.code);
        expect(vi.outcome, m.name).toBe(m.expect);
        expect(vi.outcome).toBe(vt.outcome);
        expect(vi.reasons.map((r) => r.code)).toEqual(vt.reasons.map((r) => r.code));
        expect(vi.credential?.codeId).toBe(vt.credential?.codeId);
      }
    },
    TIMEOUT,
  );

  it('every demo PNG reads back to exactly its code text', async () => {
    for (const m of manifest) {
      const r = await readQrFromImageBytes(new Uint8Array(await readFile(join(out, 'codes', `${m.name}.png`))));
      const text = (await readFile(join(out, 'codes', `${m.name}.txt`), 'utf8')).trim();
      expect(r, m.name).toEqual({ ok: true, value: text });
    }
  });
});

describe('gatecheck bundle build with EU DCC signer certificates', () => {
  it(
    'a suite DCC verifies against its DSC given as --issuer-cert (DER and PEM), with product names from --value-sets',
    async () => {
      const vector = JSON.parse(await readFile(requireShared('vectors/eu-dcc/DE/2DCode/raw/1.json', 'the EU DCC test suite: a DE vaccination DCC'), 'utf8'));
      const dir = await mkdtemp(join(home, 'dcc-'));
      const der = join(dir, 'dsc.der');
      const pem = join(dir, 'dsc.pem');
      await writeFile(der, Buffer.from(vector.TESTCTX.CERTIFICATE, 'base64'));
      await writeFile(pem, `-----BEGIN CERTIFICATE-----\n${vector.TESTCTX.CERTIFICATE.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`);
      expect((await cli(['keygen', '--alg', 'ES256', '--root', '--out', join(dir, 'root')])).code).toBe(0);
      const at = new Date(vector.TESTCTX.VALIDATIONCLOCK).toISOString();
      for (const cert of [der, pem]) {
        const bundle = join(dir, `bundle-${cert.endsWith('pem') ? 'pem' : 'der'}.json`);
        const built = await cli(['bundle', 'build', '--root-key', join(dir, 'root', 'private.jwk'), '--issuer-cert', `DE:${cert}`,
          '--value-sets', requireShared('vectors/eu-dcc-valuesets', 'the EU DCC value sets'), '--out', bundle]);
        expect(built.code, built.stderr).toBe(0);
        const r = await cli(['verify', '--bundle', bundle, '--root-pub', join(dir, 'root', 'public.jwk'), '--at', at, vector.PREFIX]);
        const v = JSON.parse(r.stdout);
        expect(r.code, r.stdout).toBe(0);
        expect(v.outcome).toBe('PASS');
        expect(v.format).toBe('eu-dcc');
        expect(v.issuerName).toEqual({ 'zh-CN': '德国', en: 'Germany' });
        expect(v.credential.holder.name).toBe(`${vector.JSON.nam.fn}, ${vector.JSON.nam.gn}`);
        // The product code in the payload, shown by its value-set name.
        expect(vector.JSON.v[0].mp).toBe('EU/1/20/1507');
        expect(v.credential.vaccinations[0].product).toBe('Spikevax');
      }
      // A certificate argument that is not a certificate is an operational failure, not a bundle.
      await writeFile(join(dir, 'junk.der'), 'not a certificate');
      const bad = await cli(['bundle', 'build', '--root-key', join(dir, 'root', 'private.jwk'), '--issuer-cert', `DE:${join(dir, 'junk.der')}`, '--out', join(dir, 'x.json')]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('CERT_INVALID');
    },
    TIMEOUT,
  );
});

describe('gatecheck verify - (standard input)', () => {
  // One bundle holding a VDS-NC country signing CA of our own and the SMART Health Card examples' keys.
  let dir: string;
  let trustArgs: string[];
  let seal: string;
  const SHC_AT = '2023-09-01T00:00:00Z'; // inside the SHC examples' validity (test/support/shc-examples.ts)

  beforeAll(async () => {
    dir = await mkdtemp(join(home, 'stdin-'));
    const p = (f: string) => join(dir, f);
    const root = await generateKeyPair('ES256', 'root');
    await writeFile(p('root.jwk'), JSON.stringify(root.privateJwk));
    await writeFile(p('root.pub.jwk'), JSON.stringify(root.publicJwk));
    const now = new Date();
    const nz = await makeSealIssuer({ country: 'NZ', now });
    await writeFile(p('csca.der'), nz.csca.der);
    seal = await signSeal(negativeTestSealData({ state: 'NZL', id: 'NZ0000000042', now }), nz.signer);
    for (const args of [
      ['bundle', 'build', '--root-key', p('root.jwk'), '--out', p('b0.json'), '--empty'],
      ['bundle', 'import-csca', '--bundle', p('b0.json'), '--root-key', p('root.jwk'), '--out', p('b1.json'), '--issuer', 'NZ', p('csca.der')],
      ['bundle', 'import-jwks', '--bundle', p('b1.json'), '--root-key', p('root.jwk'), '--out', p('b2.json'), '--issuer', EXAMPLE_ISS, join(SHC_DIR, 'issuer/.well-known/jwks.json')],
    ]) {
      const r = await cli(args);
      expect(r.code, `${args.slice(0, 2).join(' ')}: ${r.stderr}`).toBe(0);
    }
    trustArgs = ['--bundle', p('b2.json'), '--root-pub', p('root.pub.jwk')];
  }, TIMEOUT);

  it(
    'is one code, whatever its lines: a pretty-printed multi-line JSON seal verifies; --parts makes the lines parts',
    async () => {
      const pretty = JSON.stringify(JSON.parse(seal), null, 2);
      expect(pretty.split('\n').length).toBeGreaterThan(20);
      const [plain, trailing, crlf, asParts] = await mapLimit(
        [
          [[], pretty],
          [[], `${pretty}\n\n\n`], // trailing newlines do not matter
          [[], `${pretty.replace(/\n/g, '\r\n')}\r\n`],
          [['--parts'], `${pretty}\n`],
        ] as const,
        3,
        ([flags, input]) => cli(['verify', ...trustArgs, '-', ...flags], input),
      );
      for (const r of [plain!, trailing!, crlf!]) {
        expect(r.code, r.stdout + r.stderr).toBe(0);
        expect(verdictOf(r)).toMatchObject({ outcome: 'PASS', format: 'vds-nc', signatureVerified: true, credential: { issuer: { id: 'NZ' } } });
      }
      // Asked to, the JSON's lines are taken as parts of a chunked code, which they are not: a FAIL verdict.
      expect(asParts!.code).toBe(1);
      expect(verdictOf(asParts!)).toMatchObject({ outcome: 'NOT_READ', reasons: [{ code: 'PARTS_MIXED' }] });
    },
    TIMEOUT,
  );

  it(
    '--parts: every non-empty line is one part of a SMART Health Card, in any order, blank lines and line ends ignored',
    async () => {
      const [a, b, c] = exampleQrTexts('02') as [string, string, string];
      expect(a).toMatch(/^shc:\/1\/3\//);
      const [parts, missing, unsplit] = await mapLimit(
        [
          [['--parts'], `\n${c}\r\n\n${a}\n${b}\n\n`],
          [['--parts'], `${a}\n${c}\n`],
          [[], `${a}\n${b}\n${c}\n`], // without --parts: one text, not three parts
        ] as const,
        3,
        ([flags, input]) => cli(['verify', ...trustArgs, '--at', SHC_AT, '-', ...flags], input),
      );
      // Parts of two cards, or a whole code among parts: a FAIL verdict naming the mix (exit 1), never a usage error.
      const [other] = exampleQrTexts('03') as [string];
      for (const texts of [[a, b, c, a.replace(/^shc:\/1\/3\//, 'shc:/1/2/')], [a, b, c, 'shc:/' + '5'.repeat(40)], [a, other]]) {
        const mixed = await cli(['verify', ...trustArgs, '--at', SHC_AT, ...texts]);
        expect(mixed.code, mixed.stderr).toBe(1);
        expect(verdictOf(mixed)).toMatchObject({ outcome: 'NOT_READ', reasons: [{ code: 'PARTS_MIXED' }] });
      }
      const v = verdictOf(parts!);
      expect(v).toMatchObject({ format: 'shc', signatureVerified: true });
      // Assembled and verified; the example's content is no evidence under the default policy.
      expect(v.reasons.map((r) => r.code)).toEqual(['NO_QUALIFYING_EVIDENCE']);
      expect(verdictOf(missing!)).toMatchObject({ outcome: 'NOT_READ', reasons: [{ code: 'CODE_INCOMPLETE', detail: 'part 2 of 3 missing' }] });
      expect(unsplit!.code).toBe(1);
      const u = verdictOf(unsplit!);
      expect(u.outcome).toBe('NOT_READ');
      expect(u.signatureVerified).toBe(false);
    },
    TIMEOUT,
  );
});
