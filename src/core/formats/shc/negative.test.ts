/** Bad SMART Health Cards, made by mutating the spec's examples or signing our own: each fails with its specific reason. */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEs256 } from '../../crypto/webcrypto.ts';
import { jwkThumbprint } from '../../crypto/jwk.ts';
import { fromBase64Url, toBase64Url, utf8 } from '../../encoding/bytes.ts';
import { inflateRaw } from '../../encoding/zlib.ts';
import type { ReasonCode } from '../../model/reasons.ts';
import { reasonClass } from '../../model/reason-class.ts';
import { verifyCode } from '../../pipeline/run.ts';
import type { Trust } from '../../trust/trust-index.ts';
import { EXAMPLE_NOW, exampleFile, exampleJson, exampleTrust } from '../../../../test/support/shc-examples.ts';
import { shcText, signShcJws, type ShcSigningKey } from '../../../issuer/formats/shc/encode.ts';
import { deflateSync } from 'fflate';

const JWS = exampleFile('example-00-d-jws.txt').trim();
const [H, P, S] = JWS.split('.') as [string, string, string];
const PAYLOAD = exampleJson('example-00-c-jws-payload-minified.json');

let trust: Trust;
let own: ShcSigningKey;
beforeAll(async () => {
  trust = await exampleTrust();
  const privateJwk = await generateEs256();
  own = { kid: toBase64Url(await jwkThumbprint(privateJwk)), privateJwk };
});

async function codes(text: string): Promise<ReasonCode[]> {
  const v = await verifyCode(text, { trust, now: EXAMPLE_NOW });
  // Never a PASS; a damaged structure is NOT_READ (scan again), a refused code FAIL (reason-class.ts).
  expect(v.outcome).toBe(v.reasons.some((r) => reasonClass(r.code) === 'not-read') ? 'NOT_READ' : 'FAIL');
  return v.reasons.map((r) => r.code);
}
const flip = (b64: string, at: number) => {
  const bytes = fromBase64Url(b64);
  bytes[at] = bytes[at]! ^ 0x01;
  return toBase64Url(bytes);
};
const header = (h: unknown) => toBase64Url(utf8(JSON.stringify(h)));

describe('SHC negative cases', () => {
  it('tampered signature: SIGNATURE_INVALID', async () => {
    expect(await codes(shcText(`${H}.${P}.${flip(S, 10)}`))).toContain('SIGNATURE_INVALID');
  });

  it('changed payload (still a valid DEFLATE stream of a valid card): SIGNATURE_INVALID', async () => {
    const changed = { ...PAYLOAD, nbf: PAYLOAD.nbf - 1 };
    const p = toBase64Url(deflateSync(utf8(JSON.stringify(changed))));
    expect(await codes(shcText(`${H}.${p}.${S}`))).toEqual(['SIGNATURE_INVALID']);
  });

  it('wrong kid (another thumbprint): UNKNOWN_KEY', async () => {
    const h = header({ zip: 'DEF', alg: 'ES256', kid: own.kid });
    expect(await codes(shcText(`${h}.${P}.${S}`))).toContain('UNKNOWN_KEY');
  });

  it('the same iss re-signed with an untrusted key: UNKNOWN_KEY', async () => {
    expect(await codes(shcText(await signShcJws(PAYLOAD, own)))).toEqual(['UNKNOWN_KEY']);
  });

  it('another issuer whose key is trusted for it, claiming the example iss: ISSUER_MISMATCH', async () => {
    const other = 'https://other.example/issuer';
    const t = await exampleTrust({
      extraIssuers: [{ id: other, kind: 'url', names: { 'zh-CN': 'other', en: 'other' } }],
      extraKeys: [
        { kid: own.kid, issuer: other, formats: ['shc'], alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256', x: own.privateJwk.x, y: own.privateJwk.y }, validFrom: '2020-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z', kinds: ['vaccination'] },
      ],
    });
    const v = await verifyCode(shcText(await signShcJws(PAYLOAD, own)), { trust: t, now: EXAMPLE_NOW });
    expect(v.signatureVerified).toBe(true);
    expect(v.reasons.map((r) => r.code)).toEqual(['ISSUER_MISMATCH']);
  });

  it.each([
    ['none', { alg: 'none', zip: 'DEF', kid: 'x' }],
    ['HS256', { zip: 'DEF', alg: 'HS256', kid: 'x' }],
    ['RS256', { zip: 'DEF', alg: 'RS256' }],
  ])('header alg %s: UNSUPPORTED_ALGORITHM', async (_, h) => {
    expect(await codes(shcText(`${header(h)}.${P}.${S}`))).toEqual(['UNSUPPORTED_ALGORITHM']);
  });

  it.each([
    ['no zip', { alg: 'ES256', kid: 'A'.repeat(43) }],
    ['zip other than DEF', { zip: 'GZIP', alg: 'ES256', kid: 'A'.repeat(43) }],
    ['kid not a thumbprint', { zip: 'DEF', alg: 'ES256', kid: 'short' }],
    ['crit extension', { zip: 'DEF', alg: 'ES256', kid: 'A'.repeat(43), crit: ['b64'], b64: false }],
  ])('header with %s: MALFORMED_JWS', async (_, h) => {
    expect(await codes(shcText(`${header(h)}.${P}.${S}`))).toEqual(['MALFORMED_JWS']);
  });

  it.each([
    ['two parts', `${H}.${P}`],
    ['four parts', `${H}.${P}.${S}.${S}`],
    ['a base64url length of 1 mod 4', `${H}.${P}.${S}AAA`],
  ])('JWS with %s: MALFORMED_JWS', async (_, jws) => {
    expect(await codes(shcText(jws))).toEqual(['MALFORMED_JWS']);
  });

  it('header that is not JSON: MALFORMED_JSON', async () => {
    expect(await codes(shcText(`${toBase64Url(utf8('{"alg":'))}.${P}.${S}`))).toEqual(['MALFORMED_JSON']);
  });

  it.each([
    ['odd digit count', 'shc:/567'],
    ['a pair above 77', 'shc:/5678'],
    ['a non-digit', 'shc:/56a6'],
    ['no digits', 'shc:/'],
    ['part index 0', 'shc:/0/2/5676'],
    ['part index above total', 'shc:/3/2/5676'],
    ['part header without digits', 'shc:/1/x/5676'],
  ])('numeric text with %s: MALFORMED_NUMERIC', async (_, text) => {
    expect(await codes(text)).toEqual(['MALFORMED_NUMERIC']);
  });

  it('payload that is not raw DEFLATE: MALFORMED_COMPRESSION', async () => {
    expect(await codes(shcText(await signShcJws(PAYLOAD, own, { payloadBytes: new Uint8Array([0xff, 0xff, 0xff, 0x00]) })))).toEqual(['MALFORMED_COMPRESSION']);
  });

  it('a DEFLATE bomb: PAYLOAD_TOO_LARGE', async () => {
    const bomb = deflateSync(new Uint8Array(1_000_000).fill(0x20), { level: 9 });
    expect(inflateRaw(bomb).ok).toBe(false);
    expect(await codes(shcText(await signShcJws(PAYLOAD, own, { payloadBytes: bomb })))).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it.each([
    ['iss missing', { ...PAYLOAD, iss: undefined }],
    ['iss with a trailing slash', { ...PAYLOAD, iss: `${PAYLOAD.iss}/` }],
    ['iss over http', { ...PAYLOAD, iss: 'http://spec.smarthealth.cards/examples/issuer' }],
    ['nbf in milliseconds', { ...PAYLOAD, nbf: PAYLOAD.nbf * 1000 }],
    ['exp before nbf', { ...PAYLOAD, exp: PAYLOAD.nbf - 10 }],
    ['no health-card type', { ...PAYLOAD, vc: { ...PAYLOAD.vc, type: ['https://smarthealth.cards#immunization'] } }],
    ['a rid too long', { ...PAYLOAD, vc: { ...PAYLOAD.vc, rid: 'A'.repeat(25) } }],
    ['a FHIR bundle that is not a Bundle', { ...PAYLOAD, vc: { ...PAYLOAD.vc, credentialSubject: { fhirVersion: '4.0.1', fhirBundle: { resourceType: 'Patient' } } } }],
  ])('claims with %s (validly signed): MALFORMED_CLAIMS', async (_, claims) => {
    expect(await codes(shcText(await signShcJws(claims, own)))).toContain('MALFORMED_CLAIMS');
  });

  it('an Immunization without a date (under the example signature): MALFORMED_CLAIMS and SIGNATURE_INVALID', async () => {
    const bad = structuredClone(PAYLOAD);
    delete bad.vc.credentialSubject.fhirBundle.entry[1].resource.occurrenceDateTime;
    const jws = `${H}.${toBase64Url(deflateSync(utf8(JSON.stringify(bad))))}.${S}`;
    expect(await codes(shcText(jws))).toEqual(['MALFORMED_CLAIMS', 'SIGNATURE_INVALID']);
  });

  it('payload that inflates to something other than JSON: MALFORMED_JSON', async () => {
    expect(await codes(shcText(await signShcJws(PAYLOAD, own, { payloadBytes: deflateSync(utf8('not json')) })))).toEqual(['MALFORMED_JSON']);
  });
});
