/**
 * Keeps docs/formats/cn-health-code.md and the code in agreement: every worked example in the
 * document is decoded through the real decode path, re-encoded layer by layer from its documented
 * inputs, and verified through the pipeline with a trust bundle built from its documented key.
 * Blocks are found by their info string: ```<syntax> cn-hc-example-<example>:<item>.
 * scripts/spec-examples.ts generates the examples (helpers shared with it: test/support/cn-hc-spec-examples.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  annotateClaims,
  annotateProtected,
  diag,
  inputFromJson,
  qrFacts,
  sm2Digest,
  type ExampleInput,
  type ExampleVerification,
} from '../../../../test/support/cn-hc-spec-examples.ts';
import { buildBundle } from '../../../issuer/sign-bundle.ts';
import { coseIdOf, type AlgName } from '../../crypto/algorithms.ts';
import { publicPart, shortKid, type EcPrivateJwk, type EcPublicJwk } from '../../crypto/jwk.ts';
import { sign, verifySignature } from '../../crypto/verify-signature.ts';
import { decodeBase45, encodeBase45 } from '../../encoding/base45.ts';
import { bytesEqual, fromBase64Url, fromHex, toHex, utf8 } from '../../encoding/bytes.ts';
import { decodeCbor } from '../../encoding/cbor.ts';
import { encodeCoseSign1, encodeProtectedHeader, parseCoseSign1, sigStructure } from '../../encoding/cose-sign1.ts';
import { deflateZlib, inflateZlib } from '../../encoding/zlib.ts';
import { verifyCode } from '../../pipeline/run.ts';
import { indexBundle } from '../../trust/trust-index.ts';
import { PREFIX } from './constants.ts';
import { decode } from './decode.ts';
import { encodeClaims } from '../../../issuer/formats/cn-hc/encode.ts';

const DOC_PATH = new URL('../../../../docs/formats/cn-health-code.md', import.meta.url);
const EXPECTED_EXAMPLES = ['es256', 'sm2'];

type Blocks = Map<string, string>;

/** Blocks by example id, then by item, from the document's fenced blocks with a cn-hc-example info string. */
function readBlocks(markdown: string): Map<string, Blocks> {
  const examples = new Map<string, Blocks>();
  const fence = /^```(\S+) cn-hc-example-([a-z0-9]+):([a-z0-9-]+)\n([\s\S]*?)\n```$/gm;
  for (const m of markdown.matchAll(fence)) {
    const [, , id, item, body] = m as unknown as [string, string, string, string, string];
    const blocks = examples.get(id) ?? new Map<string, string>();
    if (blocks.has(item)) throw new Error(`cn-hc-example-${id}:${item} appears twice`);
    blocks.set(item, body);
    examples.set(id, blocks);
  }
  return examples;
}

const HEX_ITEMS = ['claims', 'protected', 'sig-structure', 'signature', 'cose', 'zlib'] as const;
type HexItem = (typeof HEX_ITEMS)[number];

interface DocExample {
  id: string;
  privateJwk: EcPrivateJwk & { kid: string; alg: AlgName };
  publicJwk: EcPublicJwk & { kid: string; alg: AlgName };
  input: ExampleInput;
  verification: ExampleVerification;
  hex: Record<HexItem, Uint8Array>;
  sm2?: { za: Uint8Array; e: Uint8Array };
  claimsDiag: string;
  protectedDiag: string;
  base45: string;
  code: string;
  qr: string;
}

function parseExample(id: string, blocks: Blocks): DocExample {
  const get = (item: string) => {
    const body = blocks.get(item);
    if (body === undefined) throw new Error(`cn-hc-example-${id}:${item} is missing`);
    return body;
  };
  const line = (item: string) => {
    const body = get(item);
    if (body.includes('\n')) throw new Error(`cn-hc-example-${id}:${item} must be one line`);
    return body;
  };
  const hex = Object.fromEntries(HEX_ITEMS.map((item) => [item, fromHex(get(item))])) as Record<HexItem, Uint8Array>;
  const privateJwk = JSON.parse(get('private-jwk'));
  return {
    id,
    privateJwk,
    publicJwk: JSON.parse(get('public-jwk')),
    input: JSON.parse(get('input')),
    verification: JSON.parse(get('verification')),
    hex,
    ...(privateJwk.alg === 'SM2-SM3' ? { sm2: { za: fromHex(get('sm2-za')), e: fromHex(get('sm2-e')) } } : {}),
    claimsDiag: get('claims-diag'),
    protectedDiag: get('protected-diag'),
    base45: line('base45'),
    code: line('code'),
    qr: get('qr'),
  };
}

/** Collects mismatches instead of throwing, so that one run names every layer that disagrees. */
class Findings {
  readonly list: string[] = [];
  bytes(what: string, actual: Uint8Array, documented: Uint8Array) {
    if (!bytesEqual(actual, documented)) this.list.push(`${what}: code gives ${toHex(actual)}, document has ${toHex(documented)}`);
  }
  same(what: string, actual: unknown, documented: unknown) {
    if (JSON.stringify(actual) !== JSON.stringify(documented))
      this.list.push(`${what}: code gives ${JSON.stringify(actual)}, document has ${JSON.stringify(documented)}`);
  }
  true(what: string, cond: boolean) {
    if (!cond) this.list.push(what);
  }
}

/** (a) The documented code, taken apart by the real decode path, gives every documented layer. */
async function checkDecodePath(ex: DocExample): Promise<string[]> {
  const f = new Findings();
  f.true('code does not start with the prefix', ex.code.startsWith(PREFIX));
  const b45 = decodeBase45(ex.code.slice(PREFIX.length));
  if (!b45.ok) return [...f.list, `base45: ${b45.reason.code}`];
  f.bytes('base45 decode of the code = zlib', b45.value, ex.hex.zlib);
  const inflated = inflateZlib(b45.value);
  if (!inflated.ok) return [...f.list, `zlib: ${inflated.reason.code}`];
  f.bytes('inflate = COSE_Sign1', inflated.value, ex.hex.cose);
  const cose = parseCoseSign1(inflated.value, { strict: true });
  if (!cose.ok) return [...f.list, `COSE: ${cose.reason.code}`];
  f.bytes('COSE protected header', cose.value.protectedBytes, ex.hex.protected);
  f.bytes('COSE payload = claims', cose.value.payload, ex.hex.claims);
  f.bytes('COSE signature', cose.value.signature, ex.hex.signature);
  f.same('COSE alg', cose.value.alg, coseIdOf(ex.publicJwk.alg));
  f.bytes('COSE kid', cose.value.kid ?? new Uint8Array(), fromBase64Url(ex.publicJwk.kid));
  f.bytes('Sig_structure', sigStructure(cose.value.protectedBytes, cose.value.payload), ex.hex['sig-structure']);

  const decoded = decode(ex.code);
  if (!decoded.ok) return [...f.list, `decode: ${decoded.reason.code}`];
  f.bytes('decode: signed bytes', decoded.value.signedBytes, ex.hex['sig-structure']);
  f.bytes('decode: signature', decoded.value.signature, ex.hex.signature);
  f.same('decode: alg', decoded.value.alg, ex.publicJwk.alg);
  f.same('decode: kid', decoded.value.kid, ex.publicJwk.kid);
  f.same('claims diagnostic notation', diag(decoded.value.claims, annotateClaims), ex.claimsDiag);
  const ph = decodeCbor(cose.value.protectedBytes, { strict: true });
  f.same('protected header diagnostic notation', ph.ok ? diag(ph.value, annotateProtected) : ph.reason.code, ex.protectedDiag);
  return f.list;
}

/** (b) Encoding the documented inputs gives the claims; each later layer follows from the earlier ones. */
async function checkEncodePath(ex: DocExample): Promise<string[]> {
  const f = new Findings();
  const { hex } = ex;
  f.bytes('encodeClaims(input)', encodeClaims(inputFromJson(ex.input)), hex.claims);
  f.bytes('encodeProtectedHeader(alg, kid)', encodeProtectedHeader(coseIdOf(ex.publicJwk.alg), fromBase64Url(ex.publicJwk.kid)), hex.protected);
  f.bytes('sigStructure(protected, claims)', sigStructure(hex.protected, hex.claims), hex['sig-structure']);
  f.true('signature does not verify over the Sig_structure', await verifySignature(ex.publicJwk.alg, ex.publicJwk, hex['sig-structure'], hex.signature));
  f.bytes('encodeCoseSign1(protected, claims, signature)', encodeCoseSign1(hex.protected, hex.claims, hex.signature), hex.cose);
  // zlib output is not unique; this pins what fflate at level 9 writes (a new fflate may need a new example run).
  f.bytes('deflateZlib(cose)', deflateZlib(hex.cose), hex.zlib);
  f.same('encodeBase45(zlib)', encodeBase45(hex.zlib), ex.base45);
  f.same('prefix + base45', PREFIX + ex.base45, ex.code);
  if (ex.sm2) {
    const { za, e } = sm2Digest(ex.publicJwk, hex['sig-structure']);
    f.bytes('SM2 Z_A', za, ex.sm2.za);
    f.bytes('SM2 e = SM3(Z_A || Sig_structure)', e, ex.sm2.e);
  }
  f.same('QR symbol', qrFacts(ex.code), ex.qr);
  return f.list;
}

const trustFor = (ex: DocExample) => {
  const v = ex.verification;
  const now = Date.parse(v.now);
  const bundle = buildBundle({
    version: 1,
    issuedAt: new Date(now - 86_400_000),
    expiresAt: new Date(now + 30 * 86_400_000),
    issuers: [{ id: v.trustedKey.issuer, kind: 'province', names: { 'zh-CN': '示例', en: 'Example' } }],
    keys: [
      {
        issuer: v.trustedKey.issuer,
        jwk: { ...publicPart(ex.publicJwk), kid: v.trustedKey.kid, alg: v.trustedKey.alg },
        validFrom: new Date(v.trustedKey.validFrom),
        validUntil: new Date(v.trustedKey.validUntil),
        kinds: v.trustedKey.kinds,
      },
    ],
  });
  return indexBundle(bundle);
};

/** (c) PASS at the documented time; CODE_EXPIRED from exp on. */
async function checkVerdicts(ex: DocExample): Promise<string[]> {
  const f = new Findings();
  const trust = trustFor(ex);
  const at = async (t: number) => verifyCode(ex.code, { trust, now: new Date(t) });
  const pass = await at(Date.parse(ex.verification.now));
  f.same(`verdict at ${ex.verification.now}`, [pass.outcome, pass.reasons.map((r) => r.code)], [ex.verification.outcome, []]);
  const c = pass.credential;
  if (!c) return [...f.list, 'no credential in the verdict'];
  const input = ex.input;
  f.same('credential issuer', c.issuer.id, input.issuer);
  f.same('credential code id', c.codeId, input.codeId);
  f.same('credential times', [Date.parse(c.issuedAt), Date.parse(c.expiresAt ?? '')], [Date.parse(input.issuedAt), Date.parse(input.expiresAt)]);
  f.same('credential status', c.healthStatus, input.status);
  f.same('credential holder', c.holder, input.holder);
  f.same('credential tests', c.tests.map((t) => ({ ...t, sampledAt: Date.parse(t.sampledAt ?? '') })), (input.tests ?? []).map((t) => ({ ...t, sampledAt: Date.parse(t.sampledAt) })));
  f.same('credential vaccinations', c.vaccinations, input.vaccinations ?? []);
  const exp = Date.parse(input.expiresAt);
  for (const [t, expected] of [
    [exp - 1000, []],
    [exp, ['CODE_EXPIRED']],
    [exp + 1000, ['CODE_EXPIRED']],
  ] as const) {
    const v = await at(t);
    f.same(`reasons at ${new Date(t).toISOString()}`, v.reasons.map((r) => r.code), expected);
  }
  return f.list;
}

/** (d) Key ids are the first 8 bytes of the RFC 7638 thumbprint; the private key matches the public one. */
async function checkKeys(ex: DocExample): Promise<string[]> {
  const f = new Findings();
  const kid = await shortKid(ex.publicJwk);
  f.same('public JWK kid = shortKid', ex.publicJwk.kid, kid);
  f.same('private JWK kid = shortKid', ex.privateJwk.kid, kid);
  f.same('trusted key kid = shortKid', ex.verification.trustedKey.kid, kid);
  f.same('public JWK = public part of the private JWK', publicPart(ex.privateJwk), ex.publicJwk);
  f.same('algorithms agree', [ex.privateJwk.alg, ex.verification.trustedKey.alg], [ex.publicJwk.alg, ex.publicJwk.alg]);
  const probe = utf8(`gatecheck spec example ${ex.id}`);
  f.true('private key does not sign for the public key', await verifySignature(ex.publicJwk.alg, ex.publicJwk, probe, await sign(ex.privateJwk.alg, ex.privateJwk, probe)));
  return f.list;
}

const CHECKS = { 'decode path': checkDecodePath, 'encode path': checkEncodePath, verdicts: checkVerdicts, 'key ids': checkKeys };

async function allFindings(ex: DocExample): Promise<string[]> {
  const out: string[] = [];
  for (const check of Object.values(CHECKS)) out.push(...(await check(ex)));
  return out;
}

const markdown = readFileSync(DOC_PATH, 'utf8');
const documented = readBlocks(markdown);

describe('docs/formats/cn-health-code.md worked examples', () => {
  it('has exactly the expected examples', () => {
    expect([...documented.keys()].sort()).toEqual(EXPECTED_EXAMPLES);
  });

  describe.each(EXPECTED_EXAMPLES)('example %s', (id) => {
    const blocks = documented.get(id) ?? new Map<string, string>();

    it.each(Object.entries(CHECKS))('%s agrees with the code', async (_name, check) => {
      expect(await check(parseExample(id, blocks))).toEqual([]);
    });

    it('fails when any documented hex or code text is edited', async () => {
      const edited: string[] = [];
      for (const [item, body] of blocks) {
        const isHex = [...HEX_ITEMS, 'sm2-za', 'sm2-e'].includes(item);
        if (!isHex && item !== 'base45' && item !== 'code') continue;
        // One character changed in the middle: a hex digit, or a base45 character to its neighbour.
        const i = Math.floor(body.length / 2) + (/\s/.test(body[Math.floor(body.length / 2)]!) ? 1 : 0);
        const ch = body[i]!;
        const swapped = isHex ? (parseInt(ch, 16) ^ 1).toString(16) : ch === 'A' ? 'B' : 'A';
        const tampered = new Map(blocks).set(item, body.slice(0, i) + swapped + body.slice(i + 1));
        const findings = await allFindings(parseExample(id, tampered));
        if (findings.length === 0) edited.push(item);
      }
      expect(edited, 'edits that no check noticed').toEqual([]);
    });
  });
});
