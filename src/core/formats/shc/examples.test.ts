/** The SMART Health Cards specification's published examples, through the whole pipeline. */
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../registry.ts';
import { assembleTexts, ChunkAssembler } from '../../pipeline/assemble.ts';
import { verifyCode } from '../../pipeline/run.ts';
import { EXAMPLE_NOW, EXAMPLES, exampleFile, exampleJson, exampleQrTexts, exampleTrust } from '../../../../test/support/shc-examples.ts';
import { rasteriseQrSvg } from '../../../../test/support/qr-svg-raster.ts';
import { qrDecoder } from '../../../../test/support/zxing-library.node.ts';
import { decodeJws, jwsOf } from './index.ts';

type Resource = Record<string, any>;
const resources = (n: string): Resource[] => exampleJson(`example-${n}-a-fhirBundle.json`).entry.map((e: { resource: Resource }) => e.resource);

/** What the FHIR bundle file says the card shows, read with the spec's field meanings. */
function expected(n: string) {
  const rs = resources(n);
  const patient = rs.find((r) => r.resourceType === 'Patient');
  const doses = rs.filter((r) => r.resourceType === 'Immunization' && r.status === 'completed').map((r) => r.occurrenceDateTime.slice(0, 10) as string);
  return { patient, dates: doses.sort() };
}

/** The one whole code of an example (its parts assembled). */
function wholeText(n: string): string {
  const r = assembleTexts(FORMATS, exampleQrTexts(n));
  if (r.kind !== 'whole') throw new Error(`example ${n} does not assemble`);
  return r.text;
}

describe('SHC spec examples', () => {
  it.each(EXAMPLES)('example-%s: the numeric QR text decodes to the example JWS', (n) => {
    const jws = jwsOf(wholeText(n));
    expect(jws.ok && jws.value).toBe(exampleFile(`example-${n}-d-jws.txt`).trim());
  });

  it.each(EXAMPLES)('example-%s: the payload is the minified payload file', (n) => {
    const d = decodeJws(exampleFile(`example-${n}-d-jws.txt`).trim());
    expect(d.ok).toBe(true);
    const payload = exampleJson(`example-${n}-c-jws-payload-minified.json`);
    if (d.ok) {
      expect(d.value.claims.iss).toBe(payload.iss);
      expect(d.value.claims.nbf).toBe(payload.nbf);
      expect(d.value.claims.fhirBundle).toEqual(exampleJson(`example-${n}-a-fhirBundle.json`));
    }
  });

  it.each(EXAMPLES)('example-%s verifies with the imported issuer JWKS to the holder and immunizations of its FHIR bundle', async (n) => {
    const trust = await exampleTrust();
    const v = await verifyCode(wholeText(n), { trust, now: EXAMPLE_NOW });
    expect(v.signatureVerified).toBe(true);
    expect(v.format).toBe('shc');
    const trustProblems = ['UNKNOWN_KEY', 'SIGNATURE_INVALID', 'ISSUER_MISMATCH', 'KEY_USAGE', 'KEY_EXPIRED', 'NOT_YET_VALID', 'CODE_EXPIRED', 'MALFORMED_CLAIMS'];
    expect(v.reasons.filter((r) => trustProblems.includes(r.code))).toEqual([]);
    const { patient, dates } = expected(n);
    const c = v.credential!;
    expect(c.issuer).toEqual({ id: exampleJson(`example-${n}-c-jws-payload-minified.json`).iss, kind: 'url' });
    if (patient) {
      expect(c.holder.birthDate).toBe(patient.birthDate);
      for (const part of [patient.name[0].family, ...patient.name[0].given]) expect(c.holder.name).toContain(part);
    } else expect(c.holder).toEqual({});
    expect(c.vaccinations.map((x) => x.date)).toEqual(dates);
    expect(c.vaccinations.map((x) => x.dose)).toEqual(dates.map((_, i) => i + 1));
    expect(c.kinds).toEqual(dates.length ? ['vaccination'] : []);
  });

  it('example-00 names its CVX products and passes the default policy', async () => {
    const v = await verifyCode(wholeText('00'), { trust: await exampleTrust(), now: EXAMPLE_NOW });
    expect(v.outcome).toBe('PASS');
    expect(v.credential!.vaccinations[0]!.product).toMatch(/Moderna/);
    expect(v.credential!.codeId).toBe(exampleJson('example-00-c-jws-payload-minified.json').vc.rid);
  });

  it('example-02 (a general lab report, no SARS-CoV-2 test) verifies but is no evidence for the gate', async () => {
    const v = await verifyCode(wholeText('02'), { trust: await exampleTrust() , now: EXAMPLE_NOW });
    expect(v.signatureVerified).toBe(true);
    expect(v.credential!.tests).toEqual([]);
    expect(v.outcome).toBe('FAIL');
    expect(v.reasons.map((r) => r.code)).toEqual(['NO_QUALIFYING_EVIDENCE']);
  });

  it('example-03 is REVOKED by its issuer\'s CRL as published: an entry rid.TIMESTAMP revokes cards with that rid issued (nbf) before it', async () => {
    const crl = exampleJson(`issuer/.well-known/crl/${exampleJson('issuer/.well-known/jwks.json').keys[0].kid}.json`);
    expect(crl.rids).toContain(`${exampleJson('example-03-c-jws-payload-minified.json').vc.rid}.1687450765`);
    const trust = await exampleTrust({ crlEntries: crl.rids });
    const v = await verifyCode(wholeText('03'), { trust, now: EXAMPLE_NOW });
    expect(v.outcome).toBe('FAIL');
    expect(v.reasons.map((r) => r.code)).toContain('REVOKED');
    const ok = await verifyCode(wholeText('00'), { trust, now: EXAMPLE_NOW });
    expect(ok.outcome).toBe('PASS');
  });

  it('a timed entry spares a card issued at or after its time (example-00: nbf 1687450764.656)', async () => {
    const at = async (entry: string) => (await verifyCode(wholeText('00'), { trust: await exampleTrust({ crlEntries: [entry] }), now: EXAMPLE_NOW })).reasons.map((r) => r.code);
    expect(await at('MKyCxh7p6uQ.1687450764')).toEqual([]);
    expect(await at('MKyCxh7p6uQ.1687450765')).toEqual(['REVOKED']);
    expect(await at('MKyCxh7p6uQ')).toEqual(['REVOKED']);
    expect(await at('MKyCxh7p6uq.1687450765')).toEqual([]); // a rid is case-sensitive
  });

  it('example-03 has expired after its exp', async () => {
    const v = await verifyCode(wholeText('03'), { trust: await exampleTrust(), now: new Date('2024-07-01T00:00:00Z') });
    expect(v.reasons.map((r) => r.code)).toContain('CODE_EXPIRED');
  });

  it('an example is NOT_YET_VALID before its nbf', async () => {
    const v = await verifyCode(wholeText('00'), { trust: await exampleTrust(), now: new Date('2023-06-01T00:00:00Z') });
    expect(v.reasons.map((r) => r.code)).toContain('NOT_YET_VALID');
  });

  it('keys imported under another issuer than iss: ISSUER_MISMATCH', async () => {
    const v = await verifyCode(wholeText('00'), { trust: await exampleTrust({ issuer: 'https://other.example/issuer' }), now: EXAMPLE_NOW });
    expect(v.reasons.map((r) => r.code)).toContain('ISSUER_MISMATCH');
    expect(v.outcome).toBe('FAIL');
  });
});

describe('example-02 chunks', () => {
  it('the three parts assemble in any order; fewer say what is missing', () => {
    const [a, b, c] = exampleQrTexts('02') as [string, string, string];
    const asm = new ChunkAssembler(FORMATS);
    expect(asm.add(c, 0)).toEqual({ kind: 'partial', format: 'shc', have: [3], total: 3 });
    expect(asm.add(a, 1000)).toEqual({ kind: 'partial', format: 'shc', have: [1, 3], total: 3 });
    const whole = asm.add(b, 2000);
    expect(whole.kind).toBe('whole');
    expect(whole.kind === 'whole' && jwsOf(whole.text)).toEqual({ ok: true, value: exampleFile('example-02-d-jws.txt').trim() });
    expect(assembleTexts(FORMATS, [a, c])).toEqual({ kind: 'partial', format: 'shc', have: [1, 3], total: 3 });
  });

  it('parts expire after the time-to-live', () => {
    const [a, b] = exampleQrTexts('02') as [string, string];
    const asm = new ChunkAssembler(FORMATS, { ttlMs: 60_000 });
    asm.add(a, 0);
    expect(asm.add(b, 120_000)).toEqual({ kind: 'partial', format: 'shc', have: [2], total: 3 });
  });

  it('one part alone never passes: CODE_INCOMPLETE with the missing parts', async () => {
    const v = await verifyCode(exampleQrTexts('02')[0]!, { trust: await exampleTrust(), now: EXAMPLE_NOW });
    expect(v.outcome).toBe('NOT_READ');
    expect(v.reasons).toEqual([{ code: 'CODE_INCOMPLETE', detail: 'part 1 alone: parts 2, 3 of 3 missing' }]);
  });
});

describe('example QR SVGs', () => {
  const svgs = EXAMPLES.flatMap((n) => exampleQrTexts(n).map((_, i) => [n, i] as const));
  it.each(svgs)('example-%s-g-qr-code-%i.svg reads back as its numeric value file', (n, i) => {
    const image = rasteriseQrSvg(exampleFile(`example-${n}-g-qr-code-${i}.svg`), 4);
    expect(qrDecoder.decodeStill(image)).toBe(exampleQrTexts(n)[i]);
  });
});
