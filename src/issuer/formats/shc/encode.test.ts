/** Our own signed cards: numeric round trip, FHIR normalisation (tests, dose numbering, every dateTime precision, content we do not know), parts. */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEs256 } from '../../../core/crypto/webcrypto.ts';
import { jwkThumbprint } from '../../../core/crypto/jwk.ts';
import { toBase64Url } from '../../../core/encoding/bytes.ts';
import { assembleTexts } from '../../../core/pipeline/assemble.ts';
import { verifyCode } from '../../../core/pipeline/run.ts';
import { indexBundle, type Trust } from '../../../core/trust/trust-index.ts';
import { buildBundle } from '../../sign-bundle.ts';
import { FORMATS } from '../../../core/formats/registry.ts';
import { BUILTIN_POLICIES } from '../../../core/policy/builtin-policies.ts';
import type { Policy } from '../../../core/policy/policy.ts';
import { healthCardClaims, shcParts, shcText, signShcJws, type ShcSigningKey } from './encode.ts';
import { numericToText, textToNumeric } from '../../../core/formats/shc/numeric.ts';

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
    expect(assembleTexts(FORMATS, [shcText(jws), shcText(jws)])).toEqual({ kind: 'mixed', wholes: 2, incomplete: 0 });
    const v = await verifyCode(parts[1]!, { trust, now: NOW });
    expect(v.reasons).toEqual([{ code: 'CODE_INCOMPLETE', detail: 'part 2 alone: parts 1, 3 of 3 missing' }]);
  });

  it('a 1-of-1 part is a whole code', async () => {
    const jws = await signShcJws(healthCardClaims(ISS, nbf, [patient, imm('212', '2024-06-01')]), key);
    const v = await verifyCode(shcParts(jws, 1)[0]!, { trust, now: NOW });
    expect(v.outcome).toBe('PASS');
  });
});

describe('unknown is not malformed: valid FHIR the gate does not fully understand is verified and judged', () => {
  const sign = async (entries: unknown[]) => shcText(await signShcJws(healthCardClaims(ISS, nbf, entries), key));
  const verify = async (entries: unknown[], policy?: Policy) => verifyCode(await sign(entries), { trust, now: NOW, ...(policy ? { policy } : {}) });
  const codes = (v: { reasons: { code: string }[] }) => v.reasons.map((r) => r.code);
  const international = BUILTIN_POLICIES.find((p) => p.id === 'international')!;
  const withVaccine = (vaccineCode: unknown, extra: Record<string, unknown> = {}) => ({ ...imm('207', '2024-06-01'), vaccineCode, ...extra });

  it.each([
    ['2025-02-27', '2025-02-27T00:00:00.000Z'],
    ['2025-02', '2025-02-01T00:00:00.000Z'],
    ['2025', '2025-01-01T00:00:00.000Z'],
    ['2025-02-28T10:30:00.5+08:00', '2025-02-28T02:30:00.500Z'],
  ])('a test sampled at the FHIR dateTime "%s" is read as %s (a partial date: the start of its period)', async (at, sampledAt) => {
    const v = await verify([patient, obs('94500-6', '260385009', at)]);
    expect(v).toMatchObject({ outcome: 'PASS', signatureVerified: true, reasons: [] });
    expect(v.credential!.tests).toEqual([{ type: 'NAT', result: 'negative', sampledAt }]);
    expect(v.credential!.unknown).toBeUndefined();
  });

  it('vaccination dates at every FHIR precision: kept as written, doses ordered by the start of their period', async () => {
    const v = await verify([patient, imm('207', '2024-03-10'), imm('207', '2024-02'), imm('207', '2024'), imm('207', '2024-02-01T09:00:00-05:00')]);
    expect(v).toMatchObject({ outcome: 'PASS', signatureVerified: true, reasons: [] });
    expect(v.credential!.vaccinations.map((x) => [x.dose, x.of, x.date])).toEqual([
      [1, 2, '2024'],
      [2, 2, '2024-02'],
      [3, 2, '2024-02-01'],
      [4, 2, '2024-03-10'],
    ]);
  });

  it('a partial last-dose date never shortens the 14-day wait: "2025-02" counts from its last day', async () => {
    const early = await verify([patient, imm('207', '2025-01-05'), imm('207', '2025-02-10')], international);
    expect(early.outcome).toBe('PASS');
    const partial = await verify([patient, imm('207', '2025-01-05'), imm('207', '2025-02')], international);
    expect(partial).toMatchObject({ signatureVerified: true });
    expect(codes(partial)).toEqual(['NO_QUALIFYING_EVIDENCE']);
  });

  it('a date FHIR cannot mean (30 February) or an occurrenceString: the dose is shown without number or date, not counted', async () => {
    const v = await verify([patient, imm('212', '2024-02-30'), { ...imm('212', ''), occurrenceDateTime: undefined, occurrenceString: 'spring 2021' }, imm('207', '2024-06-01')]);
    expect(v.signatureVerified).toBe(true);
    expect(v.credential!.vaccinations).toEqual([
      // the series length is the first dated known product's (Moderna: 2)
      { dose: 1, of: 2, date: '2024-06-01', product: 'Moderna COVID-19 (Spikevax)' },
      { of: 2, product: 'Janssen COVID-19 (Jcovden)' },
      { of: 2, product: 'Janssen COVID-19 (Jcovden)' },
    ]);
    expect(v.credential!.unknown).toEqual([
      { field: 'Immunization.occurrenceDateTime', value: '2024-02-30' },
      { field: 'Immunization.occurrenceString', value: 'spring 2021' },
    ]);
  });

  it('unknown systems and codes, codings without system or code, a concept with text only: the card is read, the product shown', async () => {
    const national = { system: 'urn:oid:1.2.392.200119.4.403.1', code: '9999' };
    const v = await verify([
      patient,
      withVaccine({ coding: [national, { system: 'http://hl7.org/fhir/sid/cvx', code: '208' }] }, { occurrenceDateTime: '2024-01-01' }),
      withVaccine({ coding: [national] }, { occurrenceDateTime: '2024-02-01' }),
      withVaccine({ coding: [{ code: 'X1' }] }, { occurrenceDateTime: '2024-03-01' }),
      withVaccine({ coding: [{ display: 'COVID-19 vaccine' }], text: 'COVID-19 vaccine, brand not recorded' }, { occurrenceDateTime: '2024-04-01' }),
      withVaccine({ text: 'Impfstoff' }, { occurrenceDateTime: '2024-05-01' }),
    ]);
    expect(v).toMatchObject({ signatureVerified: true });
    expect(codes(v)).not.toContain('MALFORMED_CLAIMS');
    expect(v.credential!.vaccinations.map((x) => [x.dose, x.of, x.product])).toEqual([
      [1, 2, 'Pfizer-BioNTech COVID-19 (Comirnaty)'], // the known second coding, not the unknown first
      [2, 2, 'code 9999'],
      [3, 2, 'code X1'],
      [4, 2, 'COVID-19 vaccine, brand not recorded'],
      [5, 2, 'Impfstoff'],
    ]);
    expect(v.credential!.unknown!.map((u) => u.value)).toEqual(['urn:oid:1.2.392.200119.4.403.1|9999', 'X1', 'COVID-19 vaccine', 'Impfstoff']);
  });

  it('a SARS-CoV-2 test whose result or time we cannot read is shown as such and is no evidence; other lab values stay skipped', async () => {
    const unknownResult = obs('94500-6', '419984006', '2025-03-01T06:00:00Z'); // SNOMED "inconclusive"
    const textResult = { ...obs('94558-4', '260385009', '2025-03-01T06:00:00Z'), valueCodeableConcept: undefined, valueString: 'Negative' };
    const noTime = { ...obs('94309-2', '260385009', ''), effectiveDateTime: undefined };
    const otherLab = { ...obs('718-7', '260385009', '2025-03-01T06:00:00Z'), code: { coding: [{ system: 'urn:example:lab', code: 'HB' }] } };
    const v = await verify([patient, unknownResult, textResult, noTime, otherLab]);
    expect(v).toMatchObject({ signatureVerified: true, outcome: 'FAIL' });
    expect(codes(v)).toEqual(['NO_QUALIFYING_EVIDENCE']);
    expect(v.credential!.tests).toEqual([
      { type: 'NAT', result: 'unknown', sampledAt: '2025-03-01T06:00:00.000Z' },
      { type: 'RAT', result: 'unknown', sampledAt: '2025-03-01T06:00:00.000Z' },
      { type: 'NAT', result: 'negative' },
    ]);
    expect(v.credential!.unknown).toEqual([
      { field: 'Observation.valueCodeableConcept', value: 'http://snomed.info/sct|419984006' },
      { field: 'Observation.valueString', value: 'Negative' },
      { field: 'Observation.effective[x]', value: '(missing)' },
    ]);
  });

  it('effectiveInstant and effectivePeriod.start are sampling times too', async () => {
    const instant = { ...obs('94500-6', '260385009', ''), effectiveDateTime: undefined, effectiveInstant: '2025-03-01T05:00:00Z' };
    const period = { ...obs('94500-6', '260385009', ''), effectiveDateTime: undefined, effectivePeriod: { start: '2025-03-01', end: '2025-03-01T08:00:00Z' } };
    const v = await verify([patient, instant, period]);
    expect(v.outcome).toBe('PASS');
    expect(v.credential!.tests.map((t) => t.sampledAt)).toEqual(['2025-03-01T05:00:00.000Z', '2025-03-01T00:00:00.000Z']);
  });

  it('a birth date FHIR cannot mean is shown as not understood, not refused', async () => {
    const v = await verify([{ ...patient, birthDate: '1990-13-01' }, imm('212', '2024-06-01')]);
    expect(v.outcome).toBe('PASS');
    expect(v.credential!.holder).toEqual({ name: 'Zhang, San' });
    expect(v.credential!.unknown).toEqual([{ field: 'Patient.birthDate', value: '1990-13-01' }]);
  });

  it.each([
    ['an occurrenceDateTime that is a number', [imm('207', '')].map((r) => ({ ...r, occurrenceDateTime: 20240601 }))],
    ['an Immunization without vaccineCode', [{ ...imm('207', '2024-06-01'), vaccineCode: undefined }]],
    ['an Immunization with no occurrence[x]', [{ ...imm('207', ''), occurrenceDateTime: undefined }]],
    ['both occurrenceDateTime and occurrenceString', [{ ...imm('207', '2024-06-01'), occurrenceString: 'June' }]],
    ['a coding whose system is a number', [withVaccine({ coding: [{ system: 7, code: '207' }] })]],
    ['a coding list that is an object', [withVaccine({ coding: { system: 'http://hl7.org/fhir/sid/cvx', code: '207' } })]],
    ['an Observation without code', [{ ...obs('94500-6', '260385009', '2025-03-01'), code: undefined }]],
    ['two Patients', [patient, patient]],
  ])('structure that cannot be read, %s: MALFORMED_CLAIMS (signature still checked)', async (_what, entries) => {
    const v = await verify([...(entries.some((e) => (e as { resourceType: string }).resourceType === 'Patient') ? [] : [patient]), ...entries]);
    expect(v.signatureVerified).toBe(true);
    expect(codes(v)).toEqual(['MALFORMED_CLAIMS']);
  });
});
