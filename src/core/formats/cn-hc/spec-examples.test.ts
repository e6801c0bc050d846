/**
 * Keeps docs/formats/cn-health-code.md and the code in agreement: every worked example in the
 * document is decoded through the real decode path, re-encoded layer by layer from its documented
 * inputs, and verified through the pipeline with a trust bundle built from its documented key.
 * Blocks are found by their info string: ```<syntax> cn-hc-example-<example>:<item>.
 * The device-bound example (v1.1) also has its live presentation: rebuilt from the code bytes, the
 * documented slot and device signature, that signature verified with the documented device key, and
 * judged at the window's edges, bare, expired and with another device's signature.
 * scripts/spec-examples.ts generates the examples (helpers shared with it: test/support/cn-hc-spec-examples.ts;
 * reading the document: test/support/cn-hc-spec-doc.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEVICE_HEX_ITEMS, Findings, HEX_ITEMS, parseExample, readBlocks, signingKey, trustFor, type DocExample } from '../../../../test/support/cn-hc-spec-doc.ts';
import {
  annotateClaims,
  annotateDeviceInput,
  annotateProtected,
  diag,
  inputFromJson,
  qrFacts,
  qrFactsQM,
  sm2Digest,
} from '../../../../test/support/cn-hc-spec-examples.ts';
import { present, presentationText, presentationToBeSigned, slotOf } from '../../../holder/present.ts';
import { coseIdOf } from '../../crypto/algorithms.ts';
import { publicPart, shortKid } from '../../crypto/jwk.ts';
import { sign, verifySignature } from '../../crypto/verify-signature.ts';
import { decodeBase45, encodeBase45 } from '../../encoding/base45.ts';
import { fromBase64Url, utf8 } from '../../encoding/bytes.ts';
import { decodeCbor, encodeCbor } from '../../encoding/cbor.ts';
import { encodeCoseSign1, encodeProtectedHeader, parseCoseSign1, sigStructure } from '../../encoding/cose-sign1.ts';
import { deflateZlib, inflateZlib } from '../../encoding/zlib.ts';
import { verifyCode } from '../../pipeline/run.ts';
import { PREFIX, PRESENTATION_PREFIX } from './constants.ts';
import { decode } from './decode.ts';
import { encodeClaims } from '../../../issuer/formats/cn-hc/encode.ts';

const DOC_PATH = new URL('../../../../docs/formats/cn-health-code.md', import.meta.url);
const EXPECTED_EXAMPLES = ['bound', 'es256', 'sm2'];

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


/** (c) PASS at the documented time (a bound code: its documented presentation); CODE_EXPIRED from exp on. */
async function checkVerdicts(ex: DocExample): Promise<string[]> {
  const f = new Findings();
  const trust = trustFor(ex);
  const shown = ex.presentation;
  // What the holder shows at t: the code, or a bound code's presentation made at t (fresh, so only expiry decides).
  const textAt = async (t: number) => {
    if (!shown) return ex.code;
    const p = await present(ex.code, await signingKey(shown.devicePrivateJwk), new Date(t));
    return p.ok ? p.value : p.reason.code;
  };
  const at = async (t: number, text?: string) => verifyCode(text ?? (await textAt(t)), { trust, now: new Date(t) });
  const pass = await at(Date.parse(ex.verification.now), shown?.text ?? ex.code);
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
  f.same('credential deviceBound', c.deviceBound, shown ? { presentedAt: new Date(shown.at.slot * 10_000).toISOString() } : undefined);
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

/** (e) A bound example's presentation: every byte but the device signature rebuilt, that signature verified, and judged. */
async function checkPresentation(ex: DocExample): Promise<string[]> {
  const f = new Findings();
  const p = ex.presentation;
  f.same('a code bound to a device has a presentation, and only such a code', p !== undefined, ex.input.deviceKey !== undefined);
  if (!p) return f.list;
  const { hex } = p;
  const zlib = ex.hex.zlib;
  // The device key: the public part of the documented private key, named by its thumbprint like any key.
  const { kid: _kid, alg: _alg, d: _d, ...devicePublic } = p.devicePrivateJwk;
  f.same('input deviceKey = public part of the device key', ex.input.deviceKey, devicePublic);
  f.same('device key kid = shortKid', p.devicePrivateJwk.kid, await shortKid(devicePublic));
  // Encoding: slot, signature input, layout, base45, text, QR.
  f.same('slotOf(presentedAt)', slotOf(new Date(p.at.presentedAt)), p.at.slot);
  f.bytes('presentationToBeSigned(zlib, slot)', await presentationToBeSigned(zlib, p.at.slot), hex['device-tbs']);
  const tbs = decodeCbor(hex['device-tbs'], { strict: true });
  f.same('device signature input diagnostic notation', tbs.ok ? diag(tbs.value, annotateDeviceInput) : tbs.reason.code, p.tbsDiag);
  f.true('device signature does not verify over its input', await verifySignature('ES256', devicePublic, hex['device-tbs'], hex['device-signature']));
  f.bytes('CBOR [zlib, slot, device signature]', encodeCbor([zlib, p.at.slot, hex['device-signature']]), hex['presentation-cbor']);
  f.same('encodeBase45(presentation CBOR)', encodeBase45(hex['presentation-cbor']), p.base45);
  f.same('CNHP1: + base45', PRESENTATION_PREFIX + p.base45, p.text);
  f.same('presentationText(zlib, slot, signature)', presentationText(zlib, p.at.slot, hex['device-signature']), p.text);
  f.same('QR symbol of the presentation', qrFactsQM(p.text), p.qr);
  // Decoding: the real path reads the documented presentation back into the same parts.
  const decoded = decode(p.text);
  if (!decoded.ok) return [...f.list, `decode(presentation): ${decoded.reason.code}`];
  f.bytes('decode(presentation): device signed bytes', decoded.value.presentation?.signedBytes ?? new Uint8Array(), hex['device-tbs']);
  f.bytes('decode(presentation): device signature', decoded.value.presentation?.signature ?? new Uint8Array(), hex['device-signature']);
  f.same('decode(presentation): slot start', decoded.value.presentation?.shownAt, p.at.slot * 10);
  f.bytes('decode(presentation): the code\'s Sig_structure', decoded.value.signedBytes, ex.hex['sig-structure']);
  // Judged: the window's edges (±60 s of the slot start), the bare code, another device's signature.
  const trust = trustFor(ex);
  const codes = async (text: string, t: number) => (await verifyCode(text, { trust, now: new Date(t) })).reasons.map((r) => r.code);
  const start = p.at.slot * 10_000;
  for (const [dt, expected] of [[-61_000, ['PRESENTATION_STALE']], [-60_000, []], [60_000, []], [61_000, ['PRESENTATION_STALE']]] as const)
    f.same(`presentation judged at slot start ${dt > 0 ? '+' : ''}${dt / 1000} s`, await codes(p.text, start + dt), expected);
  f.same('the code shown bare', await codes(ex.code, Date.parse(ex.verification.now)), ['PRESENTATION_REQUIRED']);
  const other = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])) as CryptoKeyPair;
  const forged = await present(ex.code, other.privateKey, new Date(p.at.presentedAt));
  f.same('presented by another device', forged.ok ? await codes(forged.value, Date.parse(ex.verification.now)) : forged.reason.code, ['DEVICE_SIGNATURE_INVALID']);
  return f.list;
}

const CHECKS = { 'decode path': checkDecodePath, 'encode path': checkEncodePath, verdicts: checkVerdicts, 'key ids': checkKeys, presentation: checkPresentation };

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
        const isHex = [...HEX_ITEMS, ...DEVICE_HEX_ITEMS, 'sm2-za', 'sm2-e'].includes(item);
        if (!isHex && !['base45', 'code', 'presentation-base45', 'presentation-text'].includes(item)) continue;
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
