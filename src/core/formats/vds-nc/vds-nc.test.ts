import { readFileSync } from 'node:fs';
import { VDS_NC_SAMPLES } from '../../../../test/support/vds-nc-samples.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, sha256, toBase64Url, utf8 } from '../../encoding/bytes.ts';
import { sha256Sync } from '../../encoding/sha256-sync.ts';
import { verifyCode } from '../../pipeline/run.ts';
import type { ReasonCode } from '../../model/reasons.ts';
import { indexBundle, type Trust } from '../../trust/trust-index.ts';
import { keyFromCertificate } from '../../trust/x509.ts';
import { buildBundle, type BundleKeyInput } from '../../../issuer/sign-bundle.ts';
import { makeSealIssuer, sealTrustKey, type SealIssuer } from '../../../issuer/vds-nc-issue.ts';
import { canonicalJson, parseStrictJson, sealText, signSeal, signSealData, vdsNc, type JsonObject } from './index.ts';

const vector = (f: string) => readFileSync(VDS_NC_SAMPLES + f, 'utf8');
const NOW = new Date('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
const NAMES = { 'zh-CN': '乌托邦', en: 'Utopia' };

function bundleOf(keys: BundleKeyInput[], issuers = ['UT']): Trust {
  return indexBundle(
    buildBundle({ version: 1, issuedAt: new Date(NOW.getTime() - HOUR), expiresAt: new Date(NOW.getTime() + 30 * 24 * HOUR), issuers: issuers.map((id) => ({ id, kind: 'country', names: NAMES })), keys }),
  );
}

const testData = (is = 'UTO', over: Partial<Record<'tc' | 'r', string>> = {}): JsonObject => ({
  hdr: { t: 'icao.test', v: 1, is },
  msg: {
    utci: 'U01932',
    pid: { n: 'COOK  GERALD', dob: '1990-01-29', dt: 'P', dn: 'E1234567P' },
    sp: { spn: 'General Hospital', ctr: 'UTO', cd: { p: '+00068765432' } },
    dat: { sc: new Date(NOW.getTime() - 6 * HOUR).toISOString(), ri: new Date(NOW.getTime() - 2 * HOUR).toISOString() },
    tr: { tc: over.tc ?? 'molecular(PCR)', r: over.r ?? 'negative', m: 'nasopharyngeal' },
  },
});
const vaccData = (): JsonObject => ({
  hdr: { t: 'icao.vacc', v: 1, is: 'UTO' },
  msg: {
    uvci: 'U32870',
    pid: { n: 'Smith Bill', dob: '1990-01-02', i: 'A1234567Z' },
    ve: [{ des: 'XM68M6', nam: 'Comirnaty', dis: 'RA01.0', vd: [{ dvc: '2026-01-03', seq: 1, ctr: 'UTO', lot: 'VC35679' }, { dvc: '2026-01-24', seq: 2, ctr: 'UTO', lot: 'VC87540' }] }],
  },
});

let ut: SealIssuer;
let trust: Trust;
const check = (text: string, t: Trust | null = trust, now = NOW) => verifyCode(text, { trust: t, now });
const codes = (v: { reasons: { code: ReasonCode }[] }) => v.reasons.map((r) => r.code);

beforeAll(async () => {
  ut = await makeSealIssuer({ country: 'UT', now: NOW });
  trust = bundleOf([await sealTrustKey('UT', ut.csca.der, 'ca')]);
});

describe('RFC 8785 canonicalisation', () => {
  it('gives the RFC\'s §3.2.2 example output', () => {
    const input = '{\n  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}';
    expect(canonicalJson(parseStrictJson(input, 8))).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });
  it('sorts members by UTF-16 code units as §3.2.3 shows', () => {
    const input = '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}';
    // (read back with a regex: JSON.parse would move the integer-like key "1" first)
    const keys = [...canonicalJson(parseStrictJson(input, 8)).matchAll(/"([^"]*)":"[^"]*"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(keys.map((k) => k.codePointAt(0)!.toString(16))).toEqual(['d', '31', '80', 'f6', '20ac', '1f600', 'fb33']);
  });
  it('serialises numbers as RFC 8785 Appendix B lists them', () => {
    const cases: [string, string][] = [['0000000000000000', '0'], ['8000000000000000', '0'], ['0000000000000001', '5e-324'], ['7fefffffffffffff', '1.7976931348623157e+308'], ['4340000000000000', '9007199254740992'], ['4430000000000000', '295147905179352830000'], ['44b52d02c7e14af6', '1e+23'], ['444b1ae4d6e2ef50', '1e+21'], ['3eb0c6f7a0b5ed8d', '0.000001'], ['41b3de4355555553', '333333333.3333332'], ['becbf647612f3696', '-0.0000033333333333333333'], ['43143ff3c1cb0959', '1424953923781206.2']];
    for (const [hex, out] of cases) expect(canonicalJson(new DataView(Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16))).buffer).getFloat64(0)), hex).toBe(out);
  });
  it.skipIf(!VDS_NC_SAMPLES)("reproduces DFAT's canonical form of Australia's specimen seal", () => {
    expect(canonicalJson(parseStrictJson(vector('aus-specimen-vacc-1.json'), 12))).toBe(vector('aus-specimen-vacc-1.canonical.json'));
  });
  it('refuses duplicate members, lone surrogates, deep nesting and non-finite numbers', () => {
    for (const bad of ['{"a":1,"a":2}', '{"a":"\\ud800"}', '[[[[[[[[[[[[[[1]]]]]]]]]]]]]]', '{"a":1e400}', '{"a":01}', '{"a":1,}']) expect(() => parseStrictJson(bad, 12), bad).toThrow();
  });
  it('the synchronous SHA-256 agrees with WebCrypto', async () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 1000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
      expect(sha256Sync(data)).toEqual(await sha256(data));
    }
  });
});

describe.skipIf(!VDS_NC_SAMPLES)('published specimens', () => {
  let aus: Trust;
  beforeAll(async () => {
    const csca = await keyFromCertificate(vector('aus-csca.pem'));
    if (!csca.ok) throw new Error(csca.reason.code);
    aus = bundleOf([{ issuer: 'AU', cert: csca.value, formats: ['vds-nc'], role: 'ca' }], ['AU']);
  });
  it("Australia's specimens verify through the AUS CSCA (RSA) to their holders", async () => {
    const v1 = await check(vector('aus-specimen-vacc-1.json'), aus);
    expect(v1.outcome).toBe('PASS');
    expect(v1.credential).toMatchObject({ issuer: { id: 'AU' }, codeId: 'VB0009990038', holder: { name: 'CITIZEN, JANE CATHERINE', birthDate: '1977-05-16' } });
    expect(v1.credential!.vaccinations).toEqual([{ dose: 1, of: 2, date: '2021-06-13', product: 'Pfizer Comirnaty' }, { dose: 2, of: 2, date: '2021-07-01', product: 'Pfizer Comirnaty' }]);
    const v2 = await check(vector('aus-specimen-vacc-2.json'), aus);
    expect(v2.outcome).toBe('PASS');
    expect(v2.credential!.holder.name).toBe('CITIZEN, JANE SUE');
  });
  it('a changed name in a specimen fails its signature', async () => {
    const v = await check(vector('aus-specimen-vacc-1.json').replace('JANE CATHERINE', 'JANEX CATHERINE'), aus);
    expect(codes(v)).toEqual(['SIGNATURE_INVALID']);
  });
  it("the report's Utopia specimen (members not in canonical order) verifies when its signer certificate is listed", async () => {
    const text = vector('icao-specimen-vacc-uto.json');
    const cer = JSON.parse(text).sig.cer as string;
    const listed = bundleOf([await sealTrustKey('UT', fromBase64Url(cer), 'signer')]);
    const v = await check(text, listed);
    expect(v.outcome, JSON.stringify(v.reasons)).toBe('PASS');
    expect(v.credential).toMatchObject({ issuer: { id: 'UT' }, codeId: 'U32870', holder: { name: 'Smith Bill' } });
  });
  it('the Utopia specimen is UNKNOWN_KEY when its CA is not in the bundle', async () => {
    expect(codes(await check(vector('icao-specimen-vacc-uto.json')))).toEqual(['UNKNOWN_KEY']);
  });
});

describe('round trips with a CSCA of our own', () => {
  it('a negative PCR test seal passes, normalised', async () => {
    const v = await check(await signSeal(testData(), ut.signer));
    expect(v.outcome, JSON.stringify(v.reasons)).toBe('PASS');
    expect(v.credential).toMatchObject({ format: 'vds-nc', issuer: { id: 'UT', kind: 'country' }, codeId: 'U01932', holder: { name: 'COOK, GERALD', idTail: '567P' }, kinds: ['test'] });
    expect(v.credential!.tests).toEqual([{ type: 'NAT', result: 'negative', sampledAt: new Date(NOW.getTime() - 6 * HOUR).toISOString() }]);
  });
  it('a vaccination seal passes with its doses', async () => {
    const v = await check(await signSeal(vaccData(), ut.signer));
    expect(v.outcome, JSON.stringify(v.reasons)).toBe('PASS');
    expect(v.credential!.vaccinations.map((x) => [x.dose, x.of, x.date, x.product])).toEqual([[1, 2, '2026-01-03', 'Comirnaty'], [2, 2, '2026-01-24', 'Comirnaty']]);
  });
  it('antigen tests are RAT; a positive result fails TEST_POSITIVE; an antibody test is no qualifying evidence', async () => {
    expect((await check(await signSeal(testData('UTO', { tc: 'antigen' }), ut.signer))).credential!.tests[0]!.type).toBe('RAT');
    expect(codes(await check(await signSeal(testData('UTO', { r: 'positive' }), ut.signer)))).toEqual(['TEST_POSITIVE']);
    expect(codes(await check(await signSeal(testData('UTO', { tc: 'antibody' }), ut.signer)))).toEqual(['NO_QUALIFYING_EVIDENCE']);
  });
  it('the signer certificate itself listed in the bundle is trusted without a CA', async () => {
    const listed = bundleOf([await sealTrustKey('UT', ut.bsc.der, 'signer')]);
    expect((await check(await signSeal(testData(), ut.signer), listed)).outcome).toBe('PASS');
  });
  it('a repeat scan uses the cached signer key (same verdict, the CA entry is not needed twice)', async () => {
    const text = await signSeal(vaccData(), ut.signer);
    expect((await check(text)).outcome).toBe('PASS');
    expect((await check(text)).outcome).toBe('PASS');
  });
});

describe('refusals, each with its reason', () => {
  it('changed data: SIGNATURE_INVALID', async () => {
    const text = (await signSeal(testData(), ut.signer)).replace('"negative"', '"positive"');
    expect(codes(await check(text))[0]).toBe('SIGNATURE_INVALID');
  });
  it('a signature over the non-canonical (as written) form: SIGNATURE_INVALID', async () => {
    const data = vaccData();
    const written = JSON.stringify(data); // hdr as {t, v, is}: not the sorted form
    const sig = await signSealData(data, ut.signer);
    const { sign } = await import('../../crypto/verify-signature.ts');
    const wrong = toBase64Url(await sign('ES256', ut.signer.privateJwk, utf8(written)));
    expect(codes(await check(sealText(data, { ...sig, sigvl: wrong })))).toEqual(['SIGNATURE_INVALID']);
  });
  it('a CA of the same name but another key: CERT_CHAIN_INVALID; a CA the bundle lacks: UNKNOWN_KEY', async () => {
    const other = await makeSealIssuer({ country: 'UT', now: NOW });
    // same country and CA name, but a different CA key: the name matches, the signature does not
    expect(codes(await check(await signSeal(testData(), other.signer)))).toEqual(['CERT_CHAIN_INVALID']);
    const foreign = await makeSealIssuer({ country: 'ZZ', now: NOW });
    expect(codes(await check(await signSeal(testData(), foreign.signer)))).toEqual(['UNKNOWN_KEY']);
  });
  it('a signer certificate issued by another CA than the one it names: CERT_CHAIN_INVALID', async () => {
    const rogue = await makeSealIssuer({ country: 'UT', now: NOW, issuedBy: (await makeSealIssuer({ country: 'UT', now: NOW })).csca });
    expect(codes(await check(await signSeal(testData(), rogue.signer)))).toEqual(['CERT_CHAIN_INVALID']);
  });
  it('a signer certificate expired when the seal was signed: KEY_EXPIRED', async () => {
    const old = await makeSealIssuer({ country: 'UT', now: NOW, issuedBy: ut.csca, bscFrom: new Date(NOW.getTime() - 400 * 24 * HOUR), bscUntil: new Date(NOW.getTime() - 24 * HOUR) });
    expect(codes(await check(await signSeal(testData(), old.signer)))).toEqual(['KEY_EXPIRED']);
  });
  it('a seal naming another state than its certificate chain: ISSUER_MISMATCH', async () => {
    expect(codes(await check(await signSeal(testData('AUS'), ut.signer)))).toEqual(['ISSUER_MISMATCH']);
  });
  it('unknown type, unknown version, missing fields: MALFORMED_CLAIMS', async () => {
    const t1 = testData();
    (t1.hdr as JsonObject).t = 'icao.recovery';
    expect(codes(await check(await signSeal(t1, ut.signer)))).toEqual(['MALFORMED_CLAIMS']);
    const t2 = testData();
    (t2.hdr as JsonObject).v = 2;
    expect(codes(await check(await signSeal(t2, ut.signer)))).toEqual(['MALFORMED_CLAIMS']);
    const t3 = testData();
    delete (t3.msg as JsonObject).dat;
    expect(codes(await check(await signSeal(t3, ut.signer)))).toEqual(['MALFORMED_CLAIMS']);
    const t4 = vaccData();
    (t4.msg as JsonObject).ve = [];
    expect(codes(await check(await signSeal(t4, ut.signer)))).toEqual(['MALFORMED_CLAIMS']);
  });
  it('malformed, duplicate-member and deeply nested JSON: MALFORMED_JSON', async () => {
    const good = await signSeal(testData(), ut.signer);
    expect(codes(await check(good.slice(0, -1)))).toEqual(['MALFORMED_JSON']);
    expect(codes(await check(good.replace('"data":{', '"data":{"hdr":{},')))).toEqual(['MALFORMED_JSON']);
    expect(codes(await check(`{"data":${'['.repeat(3000)}${']'.repeat(3000)},"sig":{}}`))).toEqual(['MALFORMED_JSON']);
  });
  it('a huge seal: INPUT_TOO_LARGE before any parsing', async () => {
    expect(codes(await check(`{"data":{"x":"${'a'.repeat(9000)}"},"sig":{}}`))).toEqual(['INPUT_TOO_LARGE']);
  });
  it('an algorithm the report does not allow: UNSUPPORTED_ALGORITHM; a key for another curve: SIGNATURE_INVALID', async () => {
    const data = testData();
    const sig = await signSealData(data, ut.signer);
    expect(codes(await check(sealText(data, { ...sig, alg: 'RS256' })))).toEqual(['UNSUPPORTED_ALGORITHM']);
    expect(codes(await check(sealText(data, { ...sig, alg: 'ES384', sigvl: toBase64Url(new Uint8Array(96)) })))).toEqual(['SIGNATURE_INVALID']);
  });
  it('bad base64url in sigvl or cer, a signature of the wrong length: MALFORMED_CLAIMS', async () => {
    const data = testData();
    const sig = await signSealData(data, ut.signer);
    for (const bad of [{ ...sig, sigvl: sig.sigvl.replace(/^./, '+') }, { ...sig, cer: `${sig.cer}!` }, { ...sig, sigvl: `${sig.sigvl}===` }, { ...sig, sigvl: sig.sigvl.slice(4) }])
      expect(codes(await check(sealText(data, bad)))).toEqual(['MALFORMED_CLAIMS']);
  });
  it('unsigned members beside data and sig: MALFORMED_CLAIMS', async () => {
    const good = await signSeal(testData(), ut.signer);
    expect(codes(await check(`${good.slice(0, -1)},"note":"trust me"}`))).toEqual(['MALFORMED_CLAIMS']);
  });
  it('detect takes JSON seals only', () => {
    expect(vdsNc.detect('{"data":{},"sig":{}}')).toBe(true);
    expect(vdsNc.detect(' \n{"sig":1,"data":2}')).toBe(true);
    expect(vdsNc.detect('HC1:{"data":1,"sig":2}')).toBe(false);
    expect(vdsNc.detect('{"payload":1}')).toBe(false);
  });
});
