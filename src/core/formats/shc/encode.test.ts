/** Our own signed cards: numeric round trip, FHIR normalisation (tests, dose numbering), parts. */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEs256 } from '../../crypto/webcrypto.ts';
import { jwkThumbprint } from '../../crypto/jwk.ts';
import { toBase64Url } from '../../encoding/bytes.ts';
import { assembleTexts } from '../../pipeline/assemble.ts';
import { verifyCode } from '../../pipeline/run.ts';
import { indexBundle, type Trust } from '../../trust/trust-index.ts';
import { buildBundle } from '../../../issuer/sign-bundle.ts';
import { FORMATS } from '../registry.ts';
import { healthCardClaims, shcParts, shcText, signShcJws, type ShcSigningKey } from './encode.ts';
import { numericToText, textToNumeric } from './numeric.ts';

const ISS = 'https://demo.gatecheck.invalid/test';
const NOW = new Date('2025-03-01T12:00:00Z');
const nbf = NOW.getTime() / 1000 - 3600;
const patient = { resourceType: 'Patient', name: [{ family: 'Zhang', given: ['San'] }], birthDate: '1990-02-03' };
const imm = (cvx: string, date: string, status = 'completed') => ({ resourceType: 'Immunization', status, vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: cvx }] }, patient: { reference: 'resource:0' }, occurrenceDateTime: date });
const obs = (loinc: string, result: string, at: string) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: loinc }] },
  effectiveDateTime: at,
  valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: result }] },
});

let key: ShcSigningKey;
let trust: Trust;
beforeAll(async () => {
  const privateJwk = await generateEs256();
  key = { kid: toBase64Url(await jwkThumbprint(privateJwk)), privateJwk };
  trust = indexBundle(
    buildBundle({
      version: 1,
      issuedAt: new Date(NOW.getTime() - 86_400_000),
      expiresAt: new Date(NOW.getTime() + 86_400_000),
      issuers: [{ id: ISS, kind: 'url', names: { 'zh-CN': 'test', en: 'test' } }],
      keys: [{ issuer: ISS, jwk: { kty: 'EC', crv: 'P-256', x: privateJwk.x, y: privateJwk.y, kid: key.kid, alg: 'ES256' }, validFrom: new Date('2020-01-01'), validUntil: new Date('2030-01-01'), kinds: ['vaccination', 'test'], formats: ['shc'] }],
    }),
  );
});

describe('numeric encoding', () => {
  it('round-trips every base64url and "." character', () => {
    const all = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    expect(numericToText(textToNumeric(all))).toEqual({ ok: true, value: all });
    expect(textToNumeric('-z')).toBe('0077');
  });
});

describe('own cards', () => {
  it('doses are numbered by date; a one-dose product completes its series; revoked entries are no dose', async () => {
    const jws = await signShcJws(healthCardClaims(ISS, nbf, [patient, imm('212', '2024-06-01'), imm('207', '2024-01-01', 'entered-in-error')]), key);
    const v = await verifyCode(shcText(jws), { trust, now: NOW });
    expect(v.outcome).toBe('PASS');
    expect(v.credential!.holder).toEqual({ name: 'Zhang, San', birthDate: '1990-02-03' });
    expect(v.credential!.vaccinations).toEqual([{ dose: 1, of: 1, date: '2024-06-01', product: 'Janssen COVID-19 (Jcovden)' }]);
  });

  it('out-of-order doses are sorted; an unknown product cannot complete a series', async () => {
    const jws = await signShcJws(healthCardClaims(ISS, nbf, [patient, imm('999', '2024-05-01T10:00:00Z'), imm('999', '2024-02-01')]), key);
    const v = await verifyCode(shcText(jws), { trust, now: NOW });
    expect(v.credential!.vaccinations).toEqual([
      { dose: 1, of: 3, date: '2024-02-01', product: 'CVX 999' },
      { dose: 2, of: 3, date: '2024-05-01', product: 'CVX 999' },
    ]);
  });

  it('SARS-CoV-2 lab results become tests (NAT/RAT, negative/positive); other observations are skipped', async () => {
    const jws = await signShcJws(
      healthCardClaims(ISS, nbf, [patient, obs('94500-6', '260415000', '2025-03-01T06:00:00Z'), obs('94558-4', '10828004', '2025-02-28T06:00:00+08:00'), obs('718-7', '260385009', '2025-03-01T06:00:00Z')]),
      key,
    );
    const v = await verifyCode(shcText(jws), { trust, now: NOW });
    expect(v.credential!.tests).toEqual([
      { type: 'NAT', result: 'negative', sampledAt: '2025-03-01T06:00:00.000Z' },
      { type: 'RAT', result: 'positive', sampledAt: '2025-02-27T22:00:00.000Z' },
    ]);
    expect(v.credential!.kinds).toEqual(['test']);
    expect(v.reasons.map((r) => r.code)).toContain('TEST_POSITIVE');
  });

  it('a card with nbf in the future is NOT_YET_VALID', async () => {
    const jws = await signShcJws(healthCardClaims(ISS, NOW.getTime() / 1000 + 3600, [patient, imm('212', '2024-06-01')]), key);
    const v = await verifyCode(shcText(jws), { trust, now: NOW });
    expect(v.reasons.map((r) => r.code)).toEqual(['NOT_YET_VALID']);
  });

  it('a card split into parts assembles and passes; a missing part is CODE_INCOMPLETE', async () => {
    const jws = await signShcJws(healthCardClaims(ISS, nbf, [patient, imm('212', '2024-06-01')]), key);
    const parts = shcParts(jws, 3);
    const whole = assembleTexts(FORMATS, [parts[2]!, parts[0]!, parts[1]!]);
    expect(whole).toEqual({ kind: 'whole', text: shcText(jws) });
    expect(assembleTexts(FORMATS, [parts[0]!])).toEqual({ kind: 'partial', format: 'shc', have: [1], total: 3 });
    expect(assembleTexts(FORMATS, [shcText(jws), shcText(jws)])).toEqual({ kind: 'mixed', wholes: 2 });
    const v = await verifyCode(parts[1]!, { trust, now: NOW });
    expect(v.reasons).toEqual([{ code: 'CODE_INCOMPLETE', detail: 'part 2 alone: parts 1, 3 of 3 missing' }]);
  });

  it('a 1-of-1 part is a whole code', async () => {
    const jws = await signShcJws(healthCardClaims(ISS, nbf, [patient, imm('212', '2024-06-01')]), key);
    const v = await verifyCode(shcParts(jws, 1)[0]!, { trust, now: NOW });
    expect(v.outcome).toBe('PASS');
  });
});
