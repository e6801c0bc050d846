import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, toBase64, utf8 } from '../core/encoding/bytes.ts';
import { FORMAT_ID as EU_DCC } from '../core/formats/eu-dcc/constants.ts';
import type { TrustBundle } from '../core/trust/bundle.ts';
import { validateBundle } from '../core/trust/validate-bundle.ts';
import { checkDscCandidates, detectDscFile, isCountryCode, mergeDscKeys, readDscFile } from './import-dcc.ts';
import { buildBundle } from './sign-bundle.ts';
import { requireShared } from '../../test/support/shared.ts';

/** EU DCC test suite certificates, read at test time (never copied into the repo). */
const SUITE = requireShared('vectors/eu-dcc', 'the EU DCC test suite (its document signer certificates)') + '/';
const certOf = async (path: string): Promise<string> => JSON.parse(await readFile(SUITE + path, 'utf8')).TESTCTX.CERTIFICATE;

let de: string; // DE DSC, kid DEsVUSvpFAE, subject C=DE
let at: string; // AT DSC, kid 2Rk3X8HntrI
let us: string; // in the ES folder, but its subject says C=US
let noCountry: string; // a suite DSC without a subject country
const DE_KID = 'DEsVUSvpFAE';

beforeAll(async () => {
  [de, at, us, noCountry] = await Promise.all([certOf('DE/2DCode/raw/1.json'), certOf('AT/2DCode/raw/3.json'), certOf('ES/2DCode/raw/1001.json'), certOf('common/2DCode/raw/CO13.json')]);
});

const pem = (b64: string) => `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
const json = (v: unknown) => utf8(JSON.stringify(v));
const b64urlKid = (kid: string) => kid.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function emptyBundle(): TrustBundle {
  const now = new Date();
  return buildBundle({ version: 1, issuedAt: now, expiresAt: new Date(now.getTime() + 86400_000), issuers: [], keys: [] });
}

describe('detectDscFile / readDscFile', () => {
  it('tells trust lists, PEM and DER apart', () => {
    expect(detectDscFile(json([]))).toBe('json');
    expect(detectDscFile(utf8(`c2lnbmF0dXJl\n{"certificates":[]}`))).toBe('json');
    expect(detectDscFile(utf8(pem(de)))).toBe('pem');
    expect(detectDscFile(fromBase64(de))).toBe('der');
    expect(detectDscFile(utf8('hello'))).toBe('unknown');
  });

  it('PEM and DER files need a country; a PEM may hold several certificates', () => {
    expect(() => readDscFile('x.pem', utf8(pem(de)), undefined)).toThrow(/country/);
    const r = readDscFile('x.pem', utf8(pem(de) + pem(at)), 'de');
    expect(r.candidates.map((c) => [c.index, c.country])).toEqual([
      [0, 'DE'],
      [1, 'DE'],
    ]);
    expect(readDscFile('x.der', fromBase64(de), 'DE').candidates).toHaveLength(1);
  });

  it('reads the gateway shape, a national { certificates } file after a signature line, and alternative field names', () => {
    const entry = { kid: 'DEsVUSvpFAE=', country: 'DE', certificateType: 'DSC', rawData: de };
    expect(readDscFile('l.json', json([entry]), undefined).candidates).toHaveLength(1);
    const national = utf8(`MEUCIQDsignature==\n${JSON.stringify({ certificates: [entry, { ...entry, rawData: undefined, certificate: at, country: 'AT', kid: undefined }] })}`);
    const r = readDscFile('n.json', national, undefined);
    expect(r.candidates.map((c) => c.country)).toEqual(['DE', 'AT']);
    expect(r.candidates[1]!.listKid).toBeUndefined();
    expect(readDscFile('d.json', json([{ country: 'DE', der: de }]), undefined).candidates).toHaveLength(1);
  });

  it('skips entries it cannot use, with the reason', () => {
    const r = readDscFile(
      'l.json',
      json([{ country: 'DE', certificateType: 'CSCA', rawData: de }, { country: 'DE' }, 'x', { country: 'DE', rawData: '***' }, { rawData: de }, { country: 'AT', rawData: at }]),
      'DE',
    );
    // Only the entry without a country of its own is a candidate: --country DE applies to it.
    expect(r.candidates.map((c) => [c.index, c.country])).toEqual([[4, 'DE']]);
    expect(r.skipped.map((s) => [s.index, s.why])).toEqual([
      [0, expect.stringMatching(/CSCA is not a document signer/)],
      [1, expect.stringMatching(/no certificate/)],
      [2, expect.stringMatching(/not an object/)],
      [3, expect.stringMatching(/not base64/)],
      [5, expect.stringMatching(/AT is not --country DE/)],
    ]);
    expect(readDscFile('x.json', json({ nope: 1 }), undefined).skipped[0]!.why).toMatch(/not a trust list/);
  });
});

describe('checkDscCandidates', () => {
  it('accepts a kid in base64 or base64url and rejects a kid that is not the certificate\'s', async () => {
    const base = { file: 'f', der: fromBase64(de), country: 'DE' };
    const r = await checkDscCandidates([
      { ...base, index: 0, listKid: 'DEsVUSvpFAE=' },
      { ...base, index: 1, listKid: 'AAAAAAAAAAA=' },
      { ...base, index: 2, listKid: b64urlKid('DEsVUSvpFAE=') },
    ]);
    expect(r.accepted.map((a) => [a.index, a.cert.kid])).toEqual([[0, DE_KID]]);
    expect(r.skipped).toEqual([
      { file: 'f', index: 1, why: expect.stringMatching(/kid AAAAAAAAAAA= does not match.*DEsVUSvpFAE/) },
      { file: 'f', index: 2, why: expect.stringMatching(/same certificate as f entry 0/) },
    ]);
  });

  it('checks the country: ISO alpha-2, and the same as the certificate subject when it names one', async () => {
    const r = await checkDscCandidates([
      { file: 'f', index: 0, der: fromBase64(us), country: 'ES' },
      { file: 'f', index: 1, der: fromBase64(noCountry), country: 'XX' },
      { file: 'f', index: 2, der: fromBase64(noCountry), country: 'FR' },
      { file: 'f', index: 3, der: utf8('garbage'), country: 'FR' },
    ]);
    expect(r.accepted.map((a) => a.index)).toEqual([2]);
    expect(r.skipped.map((s) => s.why)).toEqual([
      expect.stringMatching(/subject country US is not ES/),
      expect.stringMatching(/XX is not an ISO 3166/),
      expect.stringMatching(/^CERT_INVALID/),
    ]);
    expect(['DE', 'XK', 'GR'].every(isCountryCode)).toBe(true);
    expect(['XX', 'EU', 'UK', 'ZZ', 'de', 'DEU', 'EL'].some(isCountryCode)).toBe(false);
  });
});

describe('mergeDscKeys', () => {
  it('adds country issuers and keys, and replaces a key with the same issuer and kid', async () => {
    const b = emptyBundle();
    const { accepted } = await checkDscCandidates([
      { file: 'f', index: 0, der: fromBase64(de), country: 'DE' },
      { file: 'f', index: 1, der: fromBase64(at), country: 'AT' },
    ]);
    expect(mergeDscKeys(b, accepted)).toEqual({ added: 2, replaced: 0, issuersAdded: ['DE', 'AT'] });
    expect(b.issuers.find((i) => i.id === 'DE')).toEqual({ id: 'DE', kind: 'country', names: { 'zh-CN': '德国', en: 'Germany' } });
    const key = b.keys.find((k) => k.kid === DE_KID)!;
    expect(key).toMatchObject({ issuer: 'DE', formats: [EU_DCC], alg: 'ES256', x5c: toBase64(fromBase64(de)) });
    expect(validateBundle(b).ok).toBe(true);

    b.keys[0]!.validUntil = '2000-01-01T00:00:00.000Z';
    expect(mergeDscKeys(b, accepted.slice(0, 1))).toEqual({ added: 0, replaced: 1, issuersAdded: [] });
    expect(b.keys).toHaveLength(2);
    expect(b.keys[0]!.validUntil).not.toBe('2000-01-01T00:00:00.000Z');
  });

  it('refuses to put a country key under an issuer of another kind', async () => {
    const b = emptyBundle();
    b.issuers.push({ id: 'DE', kind: 'url', names: { 'zh-CN': 'x', en: 'x' } });
    const { accepted } = await checkDscCandidates([{ file: 'f', index: 0, der: fromBase64(de), country: 'DE' }]);
    expect(() => mergeDscKeys(b, accepted)).toThrow(/not a country/);
  });
});
