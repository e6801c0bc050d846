/**
 * `bundle import-did` through the CLI (in-process, test/support/cli.ts): New Zealand's published
 * DID document imports as the NZCP issuer's key, then its worked example PASSes and the pass signed
 * with a key the document does not list FAILs UNKNOWN_KEY; every kind of doubtful document is
 * refused naming its problem (exit 1, no bundle written); a GDHCN-shaped trust list of our own
 * (test/support/gdhcn-fixture.ts) gives its DSC for HC1 — an HC1 it signed then PASSes — while a
 * DSC whose x5c is not its key, or that no given signing CA issued, is refused.
 */
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_ID as EU_DCC } from '../src/core/formats/eu-dcc/constants.ts';
import { FORMAT_ID as NZCP } from '../src/core/formats/nzcp/constants.ts';
import { toBase64Url, utf8 } from '../src/core/encoding/bytes.ts';
import { generateKeyPair } from '../src/issuer/keys.ts';
import { mapLimit, runCli, type Run } from './support/cli.ts';
import { gdhcnDid, gdhcnDocument, gdhcnMethod, makeGdhcnParty, signDcc, type GdhcnParty } from './support/gdhcn-fixture.ts';
import { requireShared } from './support/shared.ts';

const TIMEOUT = 120_000;
const NZ_DID = 'did:web:nzcp.covid19.health.nz';
const nzFile = (f: string) => requireShared(`vectors/nzcp/examples/${f}`, 'NZCP worked examples (minhealthnz/nzcovidpass-spec)');
let home: string;
let rootKey: string;
let rootPub: string;
let empty: string;
let nzDoc: Record<string, unknown>;
const p = (f: string) => join(home, f);
const cli = (args: string[]): Promise<Run> => runCli(home, args);
const exists = (f: string) => access(f).then(() => true, () => false);
const payload = async (file: string) => JSON.parse(Buffer.from(JSON.parse(await readFile(file, 'utf8')).payload, 'base64url').toString('utf8'));
const importDid = (out: string, ...docs: string[]) => cli(['bundle', 'import-did', '--bundle', empty, '--root-key', rootKey, '--out', out, ...docs]);

async function writeJson(name: string, value: unknown): Promise<string> {
  await writeFile(p(name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return p(name);
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'gatecheck-cli-did-'));
  const root = await generateKeyPair('ES256', 'root');
  rootKey = await writeJson('root.jwk', root.privateJwk);
  rootPub = await writeJson('root.pub.jwk', root.publicJwk);
  empty = p('empty.json');
  expect((await cli(['bundle', 'build', '--root-key', rootKey, '--out', empty, '--empty'])).code).toBe(0);
  nzDoc = JSON.parse(await readFile(nzFile('valid/did.json'), 'utf8'));
}, TIMEOUT);
afterAll(() => rm(home, { recursive: true, force: true }));

describe('bundle import-did: did:web issuer documents', () => {
  it('imports the New Zealand document as the NZCP key of its DID', async () => {
    const r = await importDid(p('nz.json'), nzFile('valid/did.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ added: 1, replaced: 0, issuersAdded: [NZ_DID], dids: [NZ_DID], skipped: [] });
    const b = await payload(p('nz.json'));
    expect(b.issuers).toEqual([{ id: NZ_DID, kind: 'did', names: { 'zh-CN': 'nzcp.covid19.health.nz', en: 'nzcp.covid19.health.nz' } }]);
    const jwk = (nzDoc.verificationMethod as { publicKeyJwk: object }[])[0]!.publicKeyJwk;
    expect(b.keys).toEqual([
      expect.objectContaining({ issuer: NZ_DID, kid: toBase64Url(utf8(`${NZ_DID}#key-1`)), formats: [NZCP], kinds: ['pass'], alg: 'ES256', jwk }),
    ]);
    // Imported again over itself: the same key replaced, nothing added.
    const again = await cli(['bundle', 'import-did', '--bundle', p('nz.json'), '--root-key', rootKey, '--out', p('nz2.json'), nzFile('valid/did.json')]);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, replaced: 1, issuersAdded: [] });
  }, TIMEOUT);

  it('resolves relative ids, imports a P-384 key as ES384, and says which methods are not for assertion', async () => {
    const p384 = await generateKeyPair('ES384');
    const es = await generateKeyPair('ES256');
    const doc = {
      id: 'did:web:issuer.gatecheck.invalid:passes',
      verificationMethod: [
        { id: '#key-1', type: 'JsonWebKey2020', publicKeyJwk: { kty: 'EC', crv: 'P-384', x: p384.publicJwk.x, y: p384.publicJwk.y } },
        { id: 'did:web:issuer.gatecheck.invalid:passes#auth', type: 'JsonWebKey2020', publicKeyJwk: { kty: 'EC', crv: 'P-256', x: es.publicJwk.x, y: es.publicJwk.y } },
      ],
      assertionMethod: ['#key-1'],
    };
    const r = await importDid(p('rel.json'), await writeJson('rel.did.json', doc));
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ added: 1 });
    expect(out.skipped).toEqual([expect.objectContaining({ index: 1, why: expect.stringMatching(/#auth is not listed in assertionMethod/) })]);
    const b = await payload(p('rel.json'));
    expect(b.keys).toMatchObject([{ issuer: doc.id, kid: toBase64Url(utf8(`${doc.id}#key-1`)), alg: 'ES384' }]);
  }, TIMEOUT);

  it('refuses doubtful documents naming the problem; writes nothing', async () => {
    const method = (nzDoc.verificationMethod as Record<string, unknown>[])[0]!;
    const jwk = method.publicKeyJwk as Record<string, unknown>;
    const withMethod = (m: Record<string, unknown>, extra: object = {}) => ({ ...nzDoc, verificationMethod: [m], ...extra });
    const cases: [string, unknown, RegExp][] = [
      ['not-json', '{"id": "did:web:x', /is not JSON/],
      ['private', withMethod({ ...method, publicKeyJwk: { ...jwk, d: 'AAAA' } }), /private key members \(d\)/],
      ['rsa', withMethod({ ...method, publicKeyJwk: { kty: 'RSA', n: 'sXch', e: 'AQAB' } }), /key type RSA is not EC P-256, EC P-384 or Ed25519/],
      ['k256', withMethod({ ...method, publicKeyJwk: { ...jwk, crv: 'secp256k1' } }), /key type EC secp256k1 is not EC P-256/],
      ['off-curve', withMethod({ ...method, publicKeyJwk: { ...jwk, y: jwk.x } }), /x\/y are not a point on P-256/],
      ['foreign-id', withMethod({ ...method, id: 'did:web:elsewhere.invalid#key-1' }), /id did:web:elsewhere\.invalid#key-1 is not under the document's DID did:web:nzcp\.covid19\.health\.nz/],
      ['type', withMethod({ ...method, type: 'EcdsaSecp256r1VerificationKey2019' }), /type EcdsaSecp256r1VerificationKey2019, not JsonWebKey2020 or JsonWebSignature2020/],
      ['no-assertion', { ...nzDoc, assertionMethod: [] }, /lists no assertionMethod/],
      ['not-web', { ...nzDoc, id: 'did:key:z6Mk' }, /id did:key:z6Mk is not a did:web DID/],
      ['twice', withMethod(method, { verificationMethod: [method, { ...method, id: '#key-1' }] }), /#key-1 is given twice/],
    ];
    const runs = await mapLimit(cases, 3, async ([name, doc]) => importDid(p(`${name}.out.json`), await writeJson(`${name}.did.json`, doc)));
    for (const [i, [name, , message]] of cases.entries()) {
      expect(runs[i]!.code, name).toBe(1);
      expect(runs[i]!.stderr, name).toMatch(message);
      expect(runs[i]!.stderr, name).toMatch(/refusing the document, nothing written/);
      expect(await exists(p(`${name}.out.json`)), name).toBe(false);
    }
  }, TIMEOUT);

  it('sets an Ed25519 assertion key aside (a bundle cannot carry EdDSA): nothing to import, exit 1', async () => {
    const doc = { ...nzDoc, verificationMethod: [{ id: `${NZ_DID}#key-1`, type: 'JsonWebKey2020', publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(new Uint8Array(32).fill(7)) } }] };
    const r = await importDid(p('ed.out.json'), await writeJson('ed.did.json', doc));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).skipped[0].why).toMatch(/Ed25519 \(EdDSA\) key/);
    expect(r.stderr).toMatch(/no key could be imported; bundle not written/);
    expect(await exists(p('ed.out.json'))).toBe(false);
  }, TIMEOUT);
});

describe('bundle import-did: GDHCN trust list shape', () => {
  let alb: GdhcnParty;
  let other: GdhcnParty;
  const now = new Date();
  beforeAll(async () => {
    alb = await makeGdhcnParty('AL', 'ALB', now);
    other = await makeGdhcnParty('AL', 'ALB', now); // another CA of the same country
  }, TIMEOUT);

  it('imports a DSC (x5c) for HC1, its chain checked against the SCA document given with it; an HC1 it signed PASSes', async () => {
    const dsc = await writeJson('alb-dsc.did.json', gdhcnDocument(gdhcnDid('ALB', 'DSC'), [await gdhcnMethod(gdhcnDid('ALB', 'DSC'), alb.dsc, { javaCoordinates: true })]));
    const sca = await writeJson('alb-sca.did.json', gdhcnDocument(gdhcnDid('ALB', 'SCA'), [await gdhcnMethod(gdhcnDid('ALB', 'SCA'), alb.sca)]));
    const r = await importDid(p('alb.json'), dsc, sca);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ added: 1, issuersAdded: ['AL'], dscs: [{ country: 'AL' }], signingCas: [{ country: 'AL' }], skipped: [] });
    const b = await payload(p('alb.json'));
    expect(b.keys).toMatchObject([{ issuer: 'AL', formats: [EU_DCC], alg: 'ES256' }]);
    expect(b.keys[0].role).toBeUndefined(); // the SCA anchors the chain; it is not a key of the bundle

    const v = await cli(['verify', '--bundle', p('alb.json'), '--root-pub', rootPub, await signDcc(alb, now)]);
    expect(JSON.parse(v.stdout)).toMatchObject({ outcome: 'PASS', format: EU_DCC, signatureVerified: true });
    // The participant's document holding both, with the SCA also in the DSC's x5c, imports the same.
    const both = gdhcnDid('ALB');
    const r2 = await importDid(p('alb2.json'), await writeJson('alb.did.json', gdhcnDocument(both, [await gdhcnMethod(both, alb.dsc, { chain: [alb.sca.der] }), await gdhcnMethod(both, alb.sca)])));
    expect(r2.code, r2.stderr).toBe(0);
    expect(JSON.parse(r2.stdout)).toMatchObject({ added: 1, dscs: [{ country: 'AL' }] });
  }, TIMEOUT);

  it('refuses a method whose x5c is not its key, and a JWK kid that is not its certificate', async () => {
    const did = gdhcnDid('ALB');
    const swapped = await gdhcnMethod(did, alb.dsc, { jwk: other.dsc.keys.publicJwk });
    const r = await importDid(p('swap.out.json'), await writeJson('swap.did.json', gdhcnDocument(did, [swapped, await gdhcnMethod(did, alb.sca)])));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/verification method did:web:\S+ALB#\S+: x5c\[0\] holds another key than the publicKeyJwk/);
    const badKid = await gdhcnMethod(did, alb.dsc);
    badKid.publicKeyJwk.kid = 'AAAAAAAAAAA=';
    const k = await importDid(p('kid.out.json'), await writeJson('kid.did.json', gdhcnDocument(did, [badKid, await gdhcnMethod(did, alb.sca)])));
    expect(k.code).toBe(1);
    expect(k.stderr).toMatch(/kid AAAAAAAAAAA= does not name the x5c\[0\] certificate/);
    expect(await exists(p('swap.out.json'))).toBe(false);
    expect(await exists(p('kid.out.json'))).toBe(false);
  }, TIMEOUT);

  it('refuses a DSC the given signing CA did not issue (and one given with no CA at all)', async () => {
    const did = gdhcnDid('ALB');
    const r = await importDid(p('rogue.out.json'), await writeJson('rogue.did.json', gdhcnDocument(did, [await gdhcnMethod(did, other.dsc), await gdhcnMethod(did, alb.sca)])));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).skipped).toEqual([expect.objectContaining({ why: expect.stringMatching(/DSC of AL is not issued by any signing CA given \(AL: did:web:\S+ALB#/) })]);
    expect(r.stderr).toMatch(/no key could be imported; bundle not written/);
    const alone = await importDid(p('alone.out.json'), await writeJson('alone.did.json', gdhcnDocument(did, [await gdhcnMethod(did, alb.dsc)])));
    expect(alone.code).toBe(1);
    expect(JSON.parse(alone.stdout).skipped[0].why).toMatch(/not issued by any signing CA given \(none of AL\); import its participant's SCA document with it/);
    expect(await exists(p('rogue.out.json'))).toBe(false);
  }, TIMEOUT);
});

describe('bundle import-did then verify: the NZCP worked examples (needs the nzcp plug-in)', () => {
  it('nzcp.txt PASSes; a pass signed with a key the document does not list FAILs UNKNOWN_KEY', async () => {
    expect((await importDid(p('nzv.json'), nzFile('valid/did.json'))).code).toBe(0);
    const verify = async (f: string) => {
      const v = await cli(['verify', '--bundle', p('nzv.json'), '--root-pub', rootPub, (await readFile(nzFile(f), 'utf8')).trim()]);
      return { code: v.code, verdict: JSON.parse(v.stdout || '{}'), stderr: v.stderr };
    };
    const valid = await verify('valid/nzcp.txt');
    expect(valid.verdict, valid.stderr).toMatchObject({ outcome: 'PASS', format: NZCP, credential: { issuer: { id: NZ_DID, kind: 'did' } } });
    const stranger = await verify('invalid/nzcp-not-associated-public-key.txt');
    expect(stranger.verdict.outcome).toBe('FAIL');
    expect(stranger.verdict.reasons.map((x: { code: string }) => x.code)).toContain('UNKNOWN_KEY');
  }, TIMEOUT);
});
