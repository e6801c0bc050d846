import { missingVdsNcSamples, VDS_NC_SAMPLES, vdsNcSample, type VdsNcSampleFile } from '../../../../test/support/vds-nc-samples.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, sha256, toBase64Url, utf8 } from '../../encoding/bytes.ts';
import { sha256Sync } from '../../encoding/sha256-sync.ts';
import { verifyCode } from '../../pipeline/run.ts';
import { BUILTIN_POLICIES } from '../../policy/builtin-policies.ts';
import type { ReasonCode } from '../../model/reasons.ts';
import { indexBundle, type Trust } from '../../trust/trust-index.ts';
import { keyFromCertificate } from '../../trust/x509.ts';
import { parseCertLink } from '../../trust/cert-chain.ts';
import { buildBundle, type BundleKeyInput } from '../../../issuer/sign-bundle.ts';
import { makeSealIssuer, sealTrustKey, type SealIssuer } from '../../../issuer/formats/vds-nc/issue.ts';
import { canonicalJson, parseStrictJson, vdsNc, type JsonObject } from './index.ts';
import { sealText, signSeal, signSealData } from '../../../issuer/formats/vds-nc/encode.ts';

const vector = (f: VdsNcSampleFile) => vdsNcSample(f);
const NOW = new Date('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
const NAMES = { 'zh-CN': '乌托邦', en: 'Utopia' };

function bundleOf(keys: BundleKeyInput[], issuers = ['UT'], now = NOW): Trust {
  return indexBundle(
    buildBundle({ version: 1, issuedAt: new Date(now.getTime() - HOUR), expiresAt: new Date(now.getTime() + 30 * 24 * HOUR), issuers: issuers.map((id) => ({ id, kind: 'country', names: NAMES })), keys }),
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
/** Strict JSON the test knows is valid. */
const strictJson = (text: string, depth: number) => {
  const r = parseStrictJson(text, depth);
  if (!r.ok) throw new Error(r.reason.detail);
  return r.value;
};

beforeAll(async () => {
  ut = await makeSealIssuer({ country: 'UT', now: NOW });
  trust = bundleOf([await sealTrustKey('UT', ut.csca.der, 'ca')]);
});

describe('RFC 8785 canonicalisation', () => {
  it('gives the RFC\'s §3.2.2 example output', () => {
    const input = '{\n  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}';
    expect(canonicalJson(strictJson(input, 8))).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });
  it('sorts members by UTF-16 code units as §3.2.3 shows', () => {
    const input = '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}';
    // (read back with a regex: JSON.parse would move the integer-like key "1" first)
    const keys = [...canonicalJson(strictJson(input, 8)).matchAll(/"([^"]*)":"[^"]*"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(keys.map((k) => k.codePointAt(0)!.toString(16))).toEqual(['d', '31', '80', 'f6', '20ac', '1f600', 'fb33']);
  });
  it('serialises numbers as RFC 8785 Appendix B lists them', () => {
    const cases: [string, string][] = [['0000000000000000', '0'], ['8000000000000000', '0'], ['0000000000000001', '5e-324'], ['7fefffffffffffff', '1.7976931348623157e+308'], ['4340000000000000', '9007199254740992'], ['4430000000000000', '295147905179352830000'], ['44b52d02c7e14af6', '1e+23'], ['444b1ae4d6e2ef50', '1e+21'], ['3eb0c6f7a0b5ed8d', '0.000001'], ['41b3de4355555553', '333333333.3333332'], ['becbf647612f3696', '-0.0000033333333333333333'], ['43143ff3c1cb0959', '1424953923781206.2']];
    for (const [hex, out] of cases) expect(canonicalJson(new DataView(Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16))).buffer).getFloat64(0)), hex).toBe(out);
  });
  it('refuses duplicate members, lone surrogates, deep nesting and non-finite numbers', () => {
    for (const bad of ['{"a":1,"a":2}', '{"a":"\\ud800"}', '[[[[[[[[[[[[[[1]]]]]]]]]]]]]]', '{"a":1e400}', '{"a":01}', '{"a":1,}'])
      expect(parseStrictJson(bad, 12), bad).toMatchObject({ ok: false, reason: { code: 'MALFORMED_JSON' } });
  });
  it('the synchronous SHA-256 agrees with WebCrypto', async () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 1000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
      expect(sha256Sync(data)).toEqual(await sha256(data));
    }
  });
});

const UTO_VALID = NOW; // inside the Utopia signer certificates' validity (2021-04-07 .. 2026-10-07)
const TODAY = new Date('2026-12-06T12:00:00Z'); // after it

describe('published specimens (../shared/vectors/vds-nc, never skipped)', () => {
  // Each CSCA as `bundle import-csca` enters it (a CA entry of its country), and Utopia's two signer
  // certificates listed (the "UT CA" certificate is not published). Read inside each test, so a
  // missing specimen fails every test that needs it (never a skip).
  const at = (now: Date, keys: BundleKeyInput[], issuers: string[]) => bundleOf(keys, issuers, now);
  const cerOf = (text: string) => {
    const j = JSON.parse(text);
    return fromBase64Url((Array.isArray(j) ? j[0] : j).sig.cer as string);
  };
  let loaded: Promise<{ cas: BundleKeyInput[]; utoSigners: BundleKeyInput[] }> | undefined;
  const keys = () =>
    (loaded ??= (async () => {
      const cas: BundleKeyInput[] = [];
      for (const [issuer, file] of [['AU', 'aus-csca.pem'], ['JP', 'jpn-csca.pem']] as const) {
        const k = await keyFromCertificate(vector(file));
        if (!k.ok) throw new Error(`${file}: ${k.reason.code} ${k.reason.detail ?? ''}`);
        cas.push({ issuer, cert: k.value, formats: ['vds-nc'], role: 'ca' });
      }
      const utoSigners = [await sealTrustKey('UT', cerOf(vector('icao-specimen-vacc-uto.json')), 'signer'), await sealTrustKey('UT', cerOf(vector('icao-specimen-test-uto.json')), 'signer')];
      return { cas, utoSigners };
    })());
  const all = async (now = NOW) => {
    const k = await keys();
    return at(now, [...k.cas, ...k.utoSigners], ['AU', 'JP', 'UT']);
  };

  it('the specimen folder holds every published specimen', () => {
    expect(missingVdsNcSamples(), `missing in ${VDS_NC_SAMPLES} (see ../shared/vectors/vds-nc/README.md)`).toEqual([]);
  });

  it("reproduces DFAT's canonical form of Australia's specimen seal", () => {
    expect(canonicalJson(strictJson(vector('aus-specimen-vacc-1.json'), 12))).toBe(vector('aus-specimen-vacc-1.canonical.json'));
  });

  it("Australia's three specimens verify through the AUS CSCA (RSA-4096, sha256WithRSA) to what each seal says", async () => {
    // The seals state no series length: a dose followed by a later one of its series was not the
    // last (1/2); the last dose's series is unknown (no `of`, no evidence). So the one-dose seal
    // (-2) has no understood vaccination: NO_QUALIFYING_EVIDENCE even under the default policy.
    const expected = [
      ['aus-specimen-vacc-1.json', 'VB0009990038', { name: 'CITIZEN, JANE CATHERINE', birthDate: '1977-05-16', idTail: '1009' }, [[1, 2, '2021-06-13', 'Pfizer Comirnaty'], [2, undefined, '2021-07-01', 'Pfizer Comirnaty']], []],
      ['aus-specimen-vacc-2.json', 'VB0009990012', { name: 'CITIZEN, JANE SUE', birthDate: '1961-05-15', idTail: '1262' }, [[1, undefined, '2021-09-15', 'AstraZeneca Vaxzevria']], ['NO_QUALIFYING_EVIDENCE']],
      // a mixed course: AstraZeneca then Moderna, one series for the one disease (dis RA01.0)
      ['aus-specimen-vacc-3.json', 'VB0009990025', { name: 'CITIZEN, JOHN', birthDate: '2004-03-20', idTail: '0385' }, [[1, 2, '2021-04-02', 'AstraZeneca Vaxzevria'], [2, undefined, '2021-10-03', 'Moderna Spikevax']], []],
    ] as const;
    for (const [file, codeId, holder, doses, reasons] of expected) {
      const v = await check(vector(file), await all());
      expect(v, file).toMatchObject({ outcome: reasons.length ? 'FAIL' : 'PASS', signatureVerified: true, format: 'vds-nc' });
      expect(codes(v), file).toEqual(reasons);
      expect(v.credential, file).toMatchObject({ issuer: { id: 'AU', kind: 'country' }, codeId, holder, kinds: ['vaccination'], expiresAt: '2031-09-30T13:59:59.000Z' });
      expect(v.credential!.holder, file).toEqual(holder);
      expect(v.credential!.unknown, file).toBeUndefined();
      expect(v.credential!.vaccinations.map((x) => [x.dose, x.of, x.date, x.product]), file).toEqual(doses);
      // signed no earlier than the last dose and the signer certificate (2021-08-31T14:00Z)
      const last = doses.at(-1)![2];
      expect(v.credential!.issuedAt, file).toBe(last > '2021-08-31' ? `${last}T00:00:00.000Z` : '2021-08-31T14:00:00.000Z');
    }
  });

  it("Japan's specimen, published wrapped in a one-element array and unwrapped, verifies through the JPN CSCA (explicit P-384, ecdsa-with-SHA384)", async () => {
    const wrapped = vector('jpn-specimen-vacc-1.json');
    expect(JSON.parse(wrapped)).toHaveLength(1);
    const verdicts = [await check(wrapped, await all()), await check(vector('jpn-specimen-vacc-1.object.json'), await all())];
    for (const v of verdicts) {
      expect(v).toMatchObject({ outcome: 'PASS', signatureVerified: true, reasons: [], format: 'vds-nc' });
      expect(v.credential).toMatchObject({ issuer: { id: 'JP', kind: 'country' }, codeId: '6U5RSWMBASG2', issuedAt: '2021-12-01T00:00:00.000Z', expiresAt: '2031-11-16T02:49:59.000Z' });
      expect(v.credential!.holder).toEqual({ name: 'MIYAKE SHOTA', birthDate: '1991-02-18', idTail: '0000' });
      // three ve entries of one dose each: one series of three
      expect(v.credential!.vaccinations).toEqual([
        { dose: 1, of: 3, date: '2021-03-01', product: 'COMIRNATY' },
        { dose: 2, of: 3, date: '2021-03-23', product: 'COMIRNATY' },
        { dose: 3, date: '2021-12-01', product: 'COMIRNATY' }, // the last: series length not stated
      ]);
    }
    expect(verdicts[0]!.credential).toEqual(verdicts[1]!.credential);
    // the same seal with Australia's CSCA only: no CA of Japan issued it
    expect(codes(await check(wrapped, at(NOW, [(await keys()).cas[0]!], ['AU'])))).toEqual(['UNKNOWN_KEY']);
  });

  it("the report's Utopia seals (vaccination, its second version, test) verify with their listed signer certificates inside the certificates' validity", async () => {
    const vacc = await check(vector('icao-specimen-vacc-uto.json'), await all(UTO_VALID), UTO_VALID);
    expect(vacc).toMatchObject({ outcome: 'PASS', signatureVerified: true, reasons: [] });
    expect(vacc.credential).toMatchObject({ issuer: { id: 'UT', kind: 'country' }, codeId: 'U32870', kinds: ['vaccination'], issuedAt: '2021-04-07T04:30:26.000Z', expiresAt: '2026-10-07T04:30:26.000Z' });
    expect(vacc.credential!.holder).toEqual({ name: 'Smith Bill', birthDate: '1990-01-02', idTail: '567Z' });
    // dose 1 has dvn (next dose 2021-03-24) and a later dose; dose 2 is the last and states no series length
    const doses = [
      { dose: 1, of: 2, date: '2021-03-03', product: 'Comirnaty' },
      { dose: 2, date: '2021-03-24', product: 'Comirnaty' },
    ];
    expect(vacc.credential!.vaccinations).toEqual(doses);

    const v2 = await check(vector('icao-specimen-vacc-uto-v2.json'), await all(UTO_VALID), UTO_VALID);
    expect(v2).toMatchObject({ outcome: 'PASS', signatureVerified: true, reasons: [] });
    expect(v2.credential!.holder).toEqual({ name: 'Smith Bill', idTail: '567Z' }); // no dob in this one
    expect(v2.credential!.vaccinations).toEqual(doses);

    // Reported 2021-02-11, signed by a certificate valid from 2021-04-07: signed after both.
    const test = await check(vector('icao-specimen-test-uto.json'), await all(UTO_VALID), UTO_VALID);
    expect(test).toMatchObject({ outcome: 'PASS', signatureVerified: true, reasons: [] });
    expect(test.credential).toMatchObject({ issuer: { id: 'UT' }, codeId: 'U01932', kinds: ['test'], issuedAt: '2021-04-07T04:26:15.000Z', expiresAt: '2026-10-07T04:26:15.000Z' });
    expect(test.credential!.holder).toEqual({ name: 'Cook Gerald', birthDate: '1990-01-29', idTail: '567P' });
    expect(test.credential!.tests).toEqual([{ type: 'NAT', result: 'negative', sampledAt: '2020-12-12T04:00:00.000Z' }]);
    // a test sampled in 2020 is no 72-hour NAT
    const intl = BUILTIN_POLICIES.find((p) => p.id === 'international')!;
    expect(codes(await verifyCode(vector('icao-specimen-test-uto.json'), { trust: await all(UTO_VALID), now: UTO_VALID, policy: intl }))).toEqual(['NO_QUALIFYING_EVIDENCE']);
  });

  it('at today\'s date the Utopia seals fail because their signer certificates expired (2026-10-07); the others still pass', async () => {
    for (const [file, end] of [['icao-specimen-vacc-uto.json', '2026-10-07T04:30:26.000Z'], ['icao-specimen-vacc-uto-v2.json', '2026-10-07T04:30:26.000Z'], ['icao-specimen-test-uto.json', '2026-10-07T04:26:15.000Z']] as const) {
      const v = await check(vector(file), await all(TODAY), TODAY);
      expect(v, file).toMatchObject({ outcome: 'FAIL', signatureVerified: true, reasons: [{ code: 'CODE_EXPIRED', detail: `expired at ${end}` }] });
    }
    for (const file of ['aus-specimen-vacc-1.json', 'aus-specimen-vacc-3.json', 'jpn-specimen-vacc-1.json', 'jpn-specimen-vacc-1.object.json'] as const)
      expect((await check(vector(file), await all(TODAY), TODAY)).outcome, file).toBe('PASS');
    // (the one-dose seal verifies as well, but is no evidence: see above)
    expect(await check(vector('aus-specimen-vacc-2.json'), await all(TODAY), TODAY)).toMatchObject({ signatureVerified: true, reasons: [{ code: 'NO_QUALIFYING_EVIDENCE' }] });
  });

  it('a changed name in a specimen fails its signature', async () => {
    const v = await check(vector('aus-specimen-vacc-1.json').replace('JANE CATHERINE', 'JANEX CATHERINE'), await all());
    expect(codes(v)).toEqual(['SIGNATURE_INVALID']);
    const j = await check(vector('jpn-specimen-vacc-1.json').replace('MIYAKE SHOTA', 'MIYAKE SHOTO'), await all());
    expect(codes(j)).toEqual(['SIGNATURE_INVALID']);
  });

  it('the Utopia specimen is UNKNOWN_KEY when neither its signer nor its CA is in the bundle', async () => {
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
    expect(v.credential!.vaccinations.map((x) => [x.dose, x.of, x.date, x.product])).toEqual([[1, 2, '2026-01-03', 'Comirnaty'], [2, undefined, '2026-01-24', 'Comirnaty']]);
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

describe('dose series: complete only when the seal or the product says so (issue 17, item 7)', () => {
  const intl = BUILTIN_POLICIES.find((p) => p.id === 'international')!;
  const LATER = new Date('2026-03-20T12:00:00Z'); // more than 14 days after every dose below
  let t: Trust;
  beforeAll(async () => {
    t = bundleOf([await sealTrustKey('UT', ut.csca.der, 'ca')], ['UT'], LATER);
  });
  /** A vaccination seal of Utopia with one ve entry holding these doses. */
  const seal = (ve: JsonObject[]): JsonObject => ({ hdr: { t: 'icao.vacc', v: 1, is: 'UTO' }, msg: { uvci: 'U40001', pid: { n: 'Smith Bill', dob: '1990-01-02' }, ve } });
  const dose = (seq: number, dvc: string, extra: JsonObject = {}): JsonObject => ({ dvc, seq, ctr: 'UTO', lot: 'L1', ...extra });
  const judge = async (data: JsonObject, policy = intl) => verifyCode(await signSeal(data, ut.signer), { trust: t, now: LATER, policy });

  it("Australia's specimen with one AstraZeneca dose (aus-specimen-vacc-2) is no complete vaccination under `international`: the seal does not say the series is done", async () => {
    const k = await keyFromCertificate(vector('aus-csca.pem'));
    if (!k.ok) throw new Error(k.reason.detail);
    const aus = bundleOf([{ issuer: 'AU', cert: k.value, formats: ['vds-nc'], role: 'ca' }], ['AU']);
    const v = await verifyCode(vector('aus-specimen-vacc-2.json'), { trust: aus, now: NOW, policy: intl });
    expect(v.signatureVerified).toBe(true);
    expect(v.outcome).toBe('FAIL');
    expect(codes(v)).toEqual(['NO_QUALIFYING_EVIDENCE']);
    // one dose, series length unknown: shown, but no evidence of a complete (or any known) series
    expect(v.credential!.vaccinations).toEqual([{ dose: 1, date: '2021-09-15', product: 'AstraZeneca Vaxzevria' }]);
  });

  it('the last recorded dose of a series has no series length (the seal states none); earlier doses are known not to be the last', async () => {
    const v = await judge(seal([{ des: 'XM68M6', nam: 'Comirnaty', dis: 'RA01.0', vd: [dose(1, '2026-01-03'), dose(2, '2026-01-24')] }]));
    expect(v.credential!.vaccinations).toEqual([
      { dose: 1, of: 2, date: '2026-01-03', product: 'Comirnaty' },
      { dose: 2, date: '2026-01-24', product: 'Comirnaty' },
    ]);
    expect(codes(v)).toEqual(['NO_QUALIFYING_EVIDENCE']);
    // under the default policy an understood (incomplete) vaccination is still some evidence
    expect(codes(await judge(seal([{ des: 'XM68M6', nam: 'Comirnaty', dis: 'RA01.0', vd: [dose(1, '2026-01-03'), dose(2, '2026-01-24')] }]), BUILTIN_POLICIES.find((p) => p.id === 'green-or-foreign')!))).toEqual([]);
  });

  it('dvn (date of the next dose) means incomplete: that dose is dose/dose+1, evidence of a vaccination but never a complete one', async () => {
    const one = seal([{ des: 'XM68M6', nam: 'Comirnaty', vd: [dose(1, '2026-01-03', { dvn: '2026-01-24' })] }]);
    const v = await judge(one);
    expect(v.credential!.vaccinations).toEqual([{ dose: 1, of: 2, date: '2026-01-03', product: 'Comirnaty' }]);
    expect(v.credential!.unknown).toBeUndefined();
    expect(codes(v)).toEqual(['NO_QUALIFYING_EVIDENCE']);
    expect(codes(await judge(one, BUILTIN_POLICIES.find((p) => p.id === 'green-or-foreign')!))).toEqual([]);
    // a dose 3 with a further dose due: 3/4
    const third = await judge(seal([{ des: 'XM68M6', nam: 'Comirnaty', vd: [dose(3, '2026-01-03', { dvn: '2026-07-01' })] }]));
    expect(third.credential!.vaccinations).toEqual([{ dose: 3, of: 4, date: '2026-01-03', product: 'Comirnaty' }]);
  });

  it('a dvn that is not a date still says a dose is due (shown as unknown); one that is not a text is malformed', async () => {
    const v = await judge(seal([{ des: 'XM68M6', nam: 'Comirnaty', vd: [dose(1, '2026-01-03', { dvn: 'in 3 weeks' })] }]));
    expect(v.credential!.vaccinations).toEqual([{ dose: 1, of: 2, date: '2026-01-03', product: 'Comirnaty' }]);
    expect(v.credential!.unknown).toEqual([{ field: 've[0].vd[0].dvn', value: 'in 3 weeks' }]);
    expect(codes(await judge(seal([{ des: 'XM68M6', nam: 'Comirnaty', vd: [dose(1, '2026-01-03', { dvn: 20260124 })] }])))).toEqual(['MALFORMED_CLAIMS']);
  });

  it('a single-dose product (ICD-11 XM6QV1 COVID-19 Vaccine Janssen, XM1AG7 Convidecia, XM5QM6 Sputnik Light, or named so) is complete after one dose', async () => {
    for (const [des, nam] of [['XM6QV1', 'COVID-19 Vaccine Janssen'], ['XM1AG7', 'Convidecia'], ['XM5QM6', 'Sputnik Light'], ['XM68M6', 'Janssen COVID-19 Vaccine'], ['XM68M6', 'JCOVDEN'], ['XM9QW8', 'Sputnik-Light']] as const) {
      const v = await judge(seal([{ des, nam, dis: 'RA01.0', vd: [dose(1, '2026-01-03')] }]));
      expect(v.credential!.vaccinations, `${des} ${nam}`).toEqual([{ dose: 1, of: 1, date: '2026-01-03', product: nam }]);
      expect(v.outcome, `${des} ${nam}`).toBe('PASS');
    }
    // ...unless the seal says another dose is due
    const due = await judge(seal([{ des: 'XM6QV1', nam: 'COVID-19 Vaccine Janssen', vd: [dose(1, '2026-01-03', { dvn: '2026-03-01' })] }]));
    expect(due.credential!.vaccinations).toEqual([{ dose: 1, of: 2, date: '2026-01-03', product: 'COVID-19 Vaccine Janssen' }]);
    expect(codes(due)).toEqual(['NO_QUALIFYING_EVIDENCE']);
    // names that merely contain a single-dose product's letters are not it
    const other = await judge(seal([{ des: 'XM68M6', nam: 'Sputnik V', vd: [dose(1, '2026-01-03')] }]));
    expect(other.credential!.vaccinations).toEqual([{ dose: 1, date: '2026-01-03', product: 'Sputnik V' }]);
  });

  it('a single-dose product then a booster of another product: the single dose is complete, the booster\'s series unknown', async () => {
    const v = await judge(seal([
      { des: 'XM6QV1', nam: 'COVID-19 Vaccine Janssen', dis: 'RA01.0', vd: [dose(1, '2025-06-01')] },
      { des: 'XM68M6', nam: 'Comirnaty', dis: 'RA01.0', vd: [dose(2, '2026-01-03')] },
    ]));
    expect(v.credential!.vaccinations).toEqual([
      { dose: 1, of: 1, date: '2025-06-01', product: 'COVID-19 Vaccine Janssen' },
      { dose: 2, date: '2026-01-03', product: 'Comirnaty' },
    ]);
    expect(v.outcome).toBe('PASS');
  });
});

describe('unknown is not malformed: content we do not recognise is verified and judged', () => {
  it('a seal type or version we do not read: signature verified, no evidence, the header shown', async () => {
    for (const [t, v] of [['icao.dta', 1], ['icao.test', 2]] as const) {
      const data = testData();
      Object.assign(data.hdr as JsonObject, { t, v });
      const verdict = await check(await signSeal(data, ut.signer));
      expect(verdict).toMatchObject({ outcome: 'FAIL', signatureVerified: true, reasons: [{ code: 'NO_QUALIFYING_EVIDENCE' }] });
      expect(verdict.credential).toMatchObject({ issuer: { id: 'UT' }, kinds: [], tests: [], vaccinations: [], unknown: [{ field: 'hdr.t', value: `${t} v${v}` }] });
    }
  });
  it('an unknown test type or result: the test is shown but is no evidence', async () => {
    const lamp = await check(await signSeal(testData('UTO', { tc: 'molecular(LAMP)' }), ut.signer));
    expect(lamp).toMatchObject({ signatureVerified: true, reasons: [{ code: 'NO_QUALIFYING_EVIDENCE' }] });
    expect(lamp.credential!.tests).toEqual([{ type: 'unknown', result: 'negative', sampledAt: new Date(NOW.getTime() - 6 * HOUR).toISOString() }]);
    expect(lamp.credential!.unknown).toEqual([{ field: 'tr.tc', value: 'molecular(LAMP)' }]);
    const inconclusive = await check(await signSeal(testData('UTO', { r: 'inconclusive' }), ut.signer));
    expect(inconclusive.credential!.tests[0]).toMatchObject({ type: 'NAT', result: 'unknown' });
    expect(codes(inconclusive)).toEqual(['NO_QUALIFYING_EVIDENCE']);
  });
  it('an unreadable dose date or dose number, or birth date: shown, that dose is no evidence', async () => {
    const data = vaccData();
    const vd = ((data.msg as JsonObject).ve as JsonObject[])[0]!.vd as JsonObject[];
    vd[1]!.dvc = '24/01/2026';
    vd[0]!.seq = 1.5;
    ((data.msg as JsonObject).pid as JsonObject).dob = '02.01.1990';
    const v = await check(await signSeal(data, ut.signer));
    expect(v.signatureVerified).toBe(true);
    expect(v.credential!.vaccinations).toEqual([{ date: '2026-01-03', product: 'Comirnaty' }, { dose: 2, product: 'Comirnaty' }]);
    expect(v.credential!.holder).toEqual({ name: 'Smith Bill', idTail: '567Z' });
    expect(v.credential!.unknown!.map((u) => u.field).sort()).toEqual(['pid.dob', 've[0].vd[0].seq', 've[0].vd[1].dvc']);
  });
  it('Doc 9303 state codes with filler: "D<<" and "D" are Germany', async () => {
    const de = await makeSealIssuer({ country: 'DE', now: NOW });
    const t = bundleOf([await sealTrustKey('DE', de.csca.der, 'ca')], ['DE']);
    for (const is of ['D<<', 'D']) {
      const v = await check(await signSeal(testData(is), de.signer), t);
      expect(v.outcome, is).toBe('PASS');
      expect(v.credential!.issuer, is).toEqual({ id: 'DE', kind: 'country' });
    }
  });
  it('a state code we cannot map is shown as written and cannot match the signer\'s country (ISSUER_MISMATCH, not MALFORMED)', async () => {
    for (const is of ['XOM', 'UNO', 'XXA', 'uto', 'UTOO', '']) {
      const v = await check(await signSeal(testData(is), ut.signer));
      expect(v, is).toMatchObject({ signatureVerified: true, credential: { issuer: { id: is, kind: 'country' }, unknown: [{ field: 'hdr.is', value: is }] } });
      expect(codes(v), is).toEqual(['ISSUER_MISMATCH']);
    }
  });
  it('a seal wrapped in a one-element JSON array verifies; other arrays are refused with their length', async () => {
    const text = await signSeal(testData(), ut.signer);
    expect((await check(`[\n  ${text}\n]`)).outcome).toBe('PASS');
    expect(vdsNc.detect(`[ ${text}]`)).toBe(true);
    expect((await check(`[${text},${text}]`)).reasons).toEqual([{ code: 'MALFORMED_CLAIMS', detail: 'a JSON array of 2 elements: a seal may be wrapped in an array of exactly one' }]);
    expect(codes(await check('[]'))).toEqual(['UNSUPPORTED_FORMAT']);
    expect(codes(await check(`[${JSON.stringify([JSON.parse(text)])}]`))).toEqual(['UNSUPPORTED_FORMAT']); // arrays in arrays are no seal
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
  it('a signer certificate expired when the seal was signed: KEY_EXPIRED (and the seal expired with it: CODE_EXPIRED)', async () => {
    const old = await makeSealIssuer({ country: 'UT', now: NOW, issuedBy: ut.csca, bscFrom: new Date(NOW.getTime() - 400 * 24 * HOUR), bscUntil: new Date(NOW.getTime() - 24 * HOUR) });
    expect(codes(await check(await signSeal(testData(), old.signer)))).toEqual(['KEY_EXPIRED', 'CODE_EXPIRED']);
  });
  it('a seal verified after its signer certificate ended: CODE_EXPIRED, whenever it was signed', async () => {
    const later = new Date(NOW.getTime() + 400 * 24 * HOUR);
    const v = await check(await signSeal(vaccData(), ut.signer), bundleOf([await sealTrustKey('UT', ut.csca.der, 'ca')], ['UT'], later), later);
    expect(v.signatureVerified).toBe(true);
    expect(v.reasons).toEqual([{ code: 'CODE_EXPIRED', detail: `expired at ${v.credential!.expiresAt}` }]);
    expect(v.credential!.expiresAt).toBe(parseCertLink(ut.bsc.der)!.notAfter);
  });
  it('a seal naming another state than its certificate chain: ISSUER_MISMATCH', async () => {
    expect(codes(await check(await signSeal(testData('AUS'), ut.signer)))).toEqual(['ISSUER_MISMATCH']);
  });
  it('missing or mistyped members the use case requires: MALFORMED_CLAIMS', async () => {
    const t3 = testData();
    delete (t3.msg as JsonObject).dat;
    expect(codes(await check(await signSeal(t3, ut.signer)))).toEqual(['MALFORMED_CLAIMS']);
    const t4 = vaccData();
    (t4.msg as JsonObject).ve = [];
    expect(codes(await check(await signSeal(t4, ut.signer)))).toEqual(['MALFORMED_CLAIMS']);
    const t5 = vaccData();
    (((t5.msg as JsonObject).ve as JsonObject[])[0]!.vd as JsonObject[])[0]!.seq = '1';
    expect(codes(await check(await signSeal(t5, ut.signer)))).toEqual(['MALFORMED_CLAIMS']);
    const t6 = testData();
    (t6.hdr as JsonObject).v = '1';
    const v6 = await check(await signSeal(t6, ut.signer));
    expect(v6.reasons).toEqual([{ code: 'MALFORMED_CLAIMS', detail: 'hdr.v is not a number' }]);
    const t7 = testData();
    (t7.hdr as JsonObject).is = 276;
    expect(codes(await check(await signSeal(t7, ut.signer)))).toEqual(['MALFORMED_CLAIMS']);
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
