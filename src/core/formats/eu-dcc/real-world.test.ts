/**
 * Issue 16's rule classes, each on certificates signed here with a test document signer
 * certificate (X.509 with the DCC's extended key usage): real issuers' quirks as the EU's DCC
 * quality-assurance programme tells verifiers to read them, content we do not recognise (unknown,
 * judged by the policy, never MALFORMED_*), and validity and key usage judged from the CWT and
 * the certificate alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, type KeyPair } from '../../../issuer/keys.ts';
import { makeCertificate } from '../../../issuer/make-certificate.ts';
import { buildBundle } from '../../../issuer/sign-bundle.ts';
import { sign } from '../../crypto/verify-signature.ts';
import { encodeBase45 } from '../../encoding/base45.ts';
import { concatBytes, fromBase64Url, toHex, fromHex } from '../../encoding/bytes.ts';
import { encodeCbor } from '../../encoding/cbor.ts';
import { sigStructure } from '../../encoding/cose-sign1.ts';
import { deflateZlib } from '../../encoding/zlib.ts';
import type { ReasonCode } from '../../model/reasons.ts';
import type { Verdict } from '../../model/verdict.ts';
import { verifyCode } from '../../pipeline/run.ts';
import { BUILTIN_POLICIES, GREEN_OR_FOREIGN } from '../../policy/builtin-policies.ts';
import type { Policy } from '../../policy/policy.ts';
import { indexBundle, type Trust } from '../../trust/trust-index.ts';
import { keyFromCertificate } from '../../trust/x509.ts';
import { valueSetsFromFiles } from './index.ts';
import { requireShared } from '../../../../test/support/shared.ts';

const VALUE_SETS = requireShared('vectors/eu-dcc-valuesets', 'the EU DCC value sets (display names)');
const EKU = { test: '1.3.6.1.4.1.1847.2021.1.1', vaccination: '1.3.6.1.4.1.1847.2021.1.2', recovery: '1.3.6.1.4.1.1847.2021.1.3' };
const NOW = new Date('2026-12-06T09:00:00Z');
const IAT = Date.parse('2026-11-01T00:00:00Z') / 1000;
const EXP = Date.parse('2027-11-01T00:00:00Z') / 1000;
const INTERNATIONAL = BUILTIN_POLICIES.find((p) => p.id === 'international')!;

const vaccination = (over: Record<string, unknown> = {}) => ({
  ver: '1.3.0',
  nam: { fn: 'Musterfrau', fnt: 'MUSTERFRAU', gn: 'Erika', gnt: 'ERIKA' },
  dob: '1964-08-12',
  v: [{ tg: '840539006', vp: '1119349007', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 2, sd: 2, dt: '2026-06-01', co: 'AT', is: 'Ministry of Health, Austria', ci: 'URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B', ...over }],
});
const test = (over: Record<string, unknown> = {}) => ({
  ver: '1.3.0',
  nam: { fn: 'Musterfrau', fnt: 'MUSTERFRAU', gn: 'Erika', gnt: 'ERIKA' },
  dob: '1964-08-12',
  t: [{ tg: '840539006', tt: 'LP6464-4', nm: 'PCR', sc: '2026-12-05T18:00:00Z', tr: '260415000', tc: 'Test centre', co: 'AT', is: 'Ministry of Health, Austria', ci: 'URN:UVCI:01:AT:71EE2559DE38C6BF7304FB65A1A451EC#3', ...over }],
});

interface Signer {
  keys: KeyPair;
  kid: Uint8Array;
  trust: Trust;
}

/** A DSC for AT with the given key usage OIDs (none: may sign every kind), and a bundle trusting it. */
async function signer(eku: string[]): Promise<Signer> {
  const keys = await generateKeyPair('ES256');
  const ca = await generateKeyPair('ES256');
  const der = await makeCertificate(
    { subject: { country: 'AT', commonName: 'DSC test' }, publicJwk: keys.publicJwk, notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2028-01-01T00:00:00Z'), extKeyUsage: eku },
    { subject: { country: 'AT', commonName: 'CSCA test' }, privateJwk: ca.privateJwk, publicJwk: ca.publicJwk },
  );
  const cert = await keyFromCertificate(der);
  if (!cert.ok) throw new Error(cert.reason.code);
  const valueSets = valueSetsFromFiles(readdirSync(VALUE_SETS).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(VALUE_SETS, f), 'utf8'))));
  const bundle = buildBundle({
    version: 1,
    issuedAt: new Date(NOW.getTime() - 3600_000),
    expiresAt: new Date(NOW.getTime() + 30 * 86400_000),
    issuers: [{ id: 'AT', kind: 'country', names: { 'zh-CN': '奥地利', en: 'Austria' } }],
    keys: [{ issuer: 'AT', cert: cert.value }],
    valueSets,
  });
  return { keys, kid: fromBase64Url(cert.value.kid), trust: indexBundle(bundle) };
}

/** CWT claims with the DCC (or any hcert value) as given; `patch` rewrites the payload bytes before signing. */
async function signed(s: Signer, dcc: unknown, o: { iss?: unknown; exp?: number; hcert?: unknown; patch?: (hex: string) => string } = {}): Promise<string> {
  const claims = new Map<number, unknown>([[1, 'iss' in o ? o.iss : 'AT'], [6, IAT], [4, o.exp ?? EXP]]);
  if (!('hcert' in o)) claims.set(-260, new Map([[1, dcc]]));
  else if (o.hcert !== undefined) claims.set(-260, o.hcert);
  let payload = encodeCbor(claims);
  if (o.patch) payload = fromHex(o.patch(toHex(payload)));
  const protectedBytes = encodeCbor(new Map<number, unknown>([[1, -7], [4, s.kid]]));
  const signature = await sign('ES256', s.keys.privateJwk, sigStructure(protectedBytes, payload));
  return 'HC1:' + encodeBase45(deflateZlib(concatBytes(Uint8Array.of(0xd2), encodeCbor([protectedBytes, new Map(), payload, signature]))));
}

const codes = (v: Verdict) => v.reasons.map((r) => r.code);
const verify = (s: Signer, text: string, policy: Policy = GREEN_OR_FOREIGN, now = NOW) => verifyCode(text, { trust: s.trust, now, policy });
const NEVER_FOR_CONTENT: ReasonCode[] = ['MALFORMED_CLAIMS', 'SCHEMA_INVALID', 'SCHEMA_UNAVAILABLE', 'INTERNAL_ERROR'];
function judgedOnContent(v: Verdict) {
  expect(v.signatureVerified).toBe(true);
  expect(codes(v).filter((c) => NEVER_FOR_CONTENT.includes(c))).toEqual([]);
}

let all: Signer;
let testOnly: Signer;
let vaccinationOnly: Signer;
beforeAll(async () => {
  [all, testOnly, vaccinationOnly] = await Promise.all([signer([]), signer([EKU.test]), signer([EKU.vaccination])]);
});

describe('the EU DCC quality-assurance rules for real issuers', () => {
  it('trims whitespace around field values', async () => {
    const v = await verify(all, await signed(all, test({ tt: ' LP6464-4 ', tr: '260415000 ', co: ' AT', sc: ' 2026-12-05T18:00:00Z', ci: ' URN:UVCI:01:AT:X#1 ' })), INTERNATIONAL);
    judgedOnContent(v);
    expect(v.outcome).toBe('PASS');
    expect(v.credential?.tests[0]).toEqual({ type: 'NAT', result: 'negative', sampledAt: '2026-12-05T18:00:00.000Z' });
    expect(v.credential?.codeId).toBe('URN:UVCI:01:AT:X#1');
  });

  it('treats null values as absent: a null group is no second event, a null field no value', async () => {
    const dcc = { ...vaccination({ ma: null }), t: null, r: null, nam: { fn: 'Musterfrau', fnt: 'MUSTERFRAU', gn: null, gnt: null } };
    const v = await verify(all, await signed(all, dcc));
    judgedOnContent(v);
    expect(v.outcome).toBe('PASS');
    expect(v.credential?.holder.name).toBe('Musterfrau');
    expect(v.credential?.kinds).toEqual(['vaccination']);
  });

  it('does not enforce date patterns: a readable date is read, an unreadable one cannot qualify', async () => {
    const odd = await verify(all, await signed(all, { ...vaccination({ dt: '2026-06-01T00:00:00' }), dob: '1964-8-12' }), INTERNATIONAL);
    judgedOnContent(odd);
    expect(odd.outcome).toBe('PASS');
    expect(odd.credential?.vaccinations[0]?.date).toBe('2026-06-01');
    expect(odd.credential?.unknown).toEqual([{ field: 'dob', value: '1964-8-12' }]);
    const unreadable = await verify(all, await signed(all, vaccination({ dt: '01.06.2026' })), INTERNATIONAL);
    judgedOnContent(unreadable);
    expect(codes(unreadable)).toEqual(['NO_QUALIFYING_EVIDENCE']);
    expect(unreadable.credential?.unknown).toEqual([{ field: 'v[0].dt', value: '01.06.2026' }]);
  });

  it('accepts dose numbers written as whole-number floats (1.0)', async () => {
    // dn 1.5 and sd 2.5 are encoded as half-precision floats, then rewritten to 2.0 inside the signed payload.
    const patch = (h: string) => {
      const out = h.replace('62646ef93e00', '62646ef94000').replace('627364f94100', '627364f94000');
      expect(out.match(/f94000/g)).toHaveLength(2);
      return out;
    };
    const text = await signed(all, vaccination({ dn: 1.5, sd: 2.5 }), { patch });
    const v = await verify(all, text, INTERNATIONAL);
    judgedOnContent(v);
    expect(v.credential?.vaccinations[0]).toMatchObject({ dose: 2, of: 2 });
    expect(v.outcome).toBe('PASS');
  });

  it('leaves unusual dose numbers to the policy', async () => {
    const booster = await verify(all, await signed(all, vaccination({ dn: 3, sd: 2 })), INTERNATIONAL);
    expect(booster.outcome).toBe('PASS');
    const first = await verify(all, await signed(all, vaccination({ dn: 1, sd: 2 })), INTERNATIONAL);
    judgedOnContent(first);
    expect(codes(first)).toEqual(['NO_QUALIFYING_EVIDENCE']);
    const half = await verify(all, await signed(all, vaccination({ dn: 1.5 })), INTERNATIONAL);
    judgedOnContent(half);
    expect(codes(half)).toEqual(['NO_QUALIFYING_EVIDENCE']);
    expect(half.credential?.unknown).toEqual([{ field: 'v[0].dn', value: '1.5' }]);
  });

  it('accepts any characters in the standardised names', async () => {
    const v = await verify(all, await signed(all, { ...vaccination(), nam: { fn: 'Müller', fnt: 'müller-ß 2', gnt: 'Érika' } }));
    judgedOnContent(v);
    expect(v.outcome).toBe('PASS');
    expect(v.warnings.map((r) => r.code)).toContain('SCHEMA_INVALID');
    expect(v.credential?.holder.name).toBe('Müller, Érika');
  });

  it('decodes JSON special characters inside strings', async () => {
    const fn = 'O"Brien \\ / \u0008\f\n\r\t \u0001 \u2028';
    const v = await verify(all, await signed(all, { ...vaccination(), nam: { fn, fnt: 'OBRIEN', gn: '{"x":[1]}', gnt: 'X' } }));
    judgedOnContent(v);
    expect(v.outcome).toBe('PASS');
    expect(v.credential?.holder.name).toBe(`${fn.trim()}, {"x":[1]}`);
  });

  it('accepts empty optional strings', async () => {
    const v = await verify(all, await signed(all, test({ dr: '', tc: '', nm: '', ma: '' })), INTERNATIONAL);
    judgedOnContent(v);
    expect(v.outcome).toBe('PASS');
  });

  it('refuses several events in one certificate, signature verified', async () => {
    const two = await verify(all, await signed(all, { ...vaccination(), v: [vaccination().v[0], { ...vaccination().v[0], dn: 1 }] }));
    expect(two.signatureVerified).toBe(true);
    expect(two.outcome).toBe('FAIL');
    expect(codes(two)).toContain('MULTIPLE_EVENTS');
    const mixed = await verify(all, await signed(all, { ...vaccination(), t: test().t }));
    expect(codes(mixed)).toContain('MULTIPLE_EVENTS');
  });
});

describe('content we do not recognise is unknown, shown with its value and judged by the policy', () => {
  it('a free-text test type: never a qualifying test, never MALFORMED', async () => {
    const v = await verify(all, await signed(all, test({ tt: 'PCR nasal swab' })), INTERNATIONAL);
    judgedOnContent(v);
    expect(codes(v)).toEqual(['NO_QUALIFYING_EVIDENCE']);
    expect(v.credential?.tests[0]?.type).toBe('unknown');
    expect(v.credential?.unknown).toEqual([{ field: 't[0].tt', value: 'PCR nasal swab' }]);
  });

  it('a test result outside the two codes we know', async () => {
    const v = await verify(all, await signed(all, test({ tr: 'NEGATIVO' })));
    judgedOnContent(v);
    expect(codes(v)).toEqual(['NO_QUALIFYING_EVIDENCE']);
    expect(v.credential?.tests[0]?.result).toBe('unknown');
    expect(v.warnings.map((r) => r.code)).toContain('VALUE_NOT_IN_VALUE_SET');
  });

  it('a sample time in another format', async () => {
    const v = await verify(all, await signed(all, test({ sc: '05.12.2026 18:00' })), INTERNATIONAL);
    judgedOnContent(v);
    expect(codes(v)).toEqual(['NO_QUALIFYING_EVIDENCE']);
    expect(v.credential?.unknown).toEqual([{ field: 't[0].sc', value: '05.12.2026 18:00' }]);
  });

  it('an iss that is not a country code: the signing key stands for the issuer', async () => {
    const v = await verify(all, await signed(all, vaccination(), { iss: 'BMSGPK' }));
    judgedOnContent(v);
    expect(v.outcome).toBe('PASS');
    expect(v.issuerName?.en).toBe('Austria');
    expect(v.credential?.issuer).toEqual({ id: 'BMSGPK', kind: 'unknown' });
    expect(v.credential?.unknown).toEqual([{ field: 'iss', value: 'BMSGPK' }]);
    // A real country code that is not the key's is still a mismatch.
    expect(codes(await verify(all, await signed(all, vaccination(), { iss: 'DE' })))).toContain('ISSUER_MISMATCH');
  });

  it('a product outside the value set is shown as unknown and noted; the vaccination still counts', async () => {
    const v = await verify(all, await signed(all, vaccination({ mp: 'NATIONAL-VACCINE-X' })), INTERNATIONAL);
    judgedOnContent(v);
    expect(v.outcome).toBe('PASS');
    expect(v.warnings.map((r) => r.code)).toContain('VALUE_NOT_IN_VALUE_SET');
    expect(v.credential?.unknown).toEqual([{ field: 'v[0].mp', value: 'NATIONAL-VACCINE-X' }]);
  });

  it('no built-in policy counts unknown evidence: each FAILs it with a policy reason', async () => {
    const texts = await Promise.all([
      signed(all, test({ tt: 'PCR' })),
      signed(all, test({ tr: 'NEGATIVO' })),
      signed(all, vaccination({ dn: 'two' })),
      signed(all, vaccination({ dt: 'June 2026' })),
      signed(all, { ...vaccination(), v: 'fully vaccinated' }),
    ]);
    for (const policy of BUILTIN_POLICIES)
      for (const text of texts) {
        const v = await verify(all, text, policy);
        judgedOnContent(v);
        expect(v.outcome, policy.id).toBe('FAIL');
        expect(v.reasons[0]?.rule, `${policy.id}: ${codes(v)}`).toBeDefined();
      }
  });
});

describe('validity and key usage never depend on understanding the content', () => {
  it('an unreadable vaccination group signed by a test-only DSC: KEY_USAGE, and CODE_EXPIRED once expired', async () => {
    const text = await signed(testOnly, { ...vaccination(), v: 'garbage' }, { exp: Date.parse('2026-12-01T00:00:00Z') / 1000 });
    const v = await verify(testOnly, text);
    expect(v.signatureVerified).toBe(true);
    expect(codes(v)).toEqual(expect.arrayContaining(['KEY_USAGE', 'CODE_EXPIRED']));
    expect(v.credential?.kinds).toEqual(['vaccination']);
  });

  it('a DCC that is not JSON at all (a byte string inside): MALFORMED_CLAIMS with KEY_USAGE and CODE_EXPIRED still judged', async () => {
    const text = await signed(vaccinationOnly, null, { hcert: new Map([[1, new Map<string, unknown>([['ver', '1.3.0'], ['t', [new Map([['tt', Uint8Array.of(1, 2)]])]]])]]), exp: IAT + 3600 });
    const v = await verify(vaccinationOnly, text);
    expect(v.signatureVerified).toBe(true);
    expect(codes(v)).toEqual(expect.arrayContaining(['MALFORMED_CLAIMS', 'KEY_USAGE', 'CODE_EXPIRED']));
  });

  it('no hcert claim: validity from the CWT still decides', async () => {
    const text = await signed(all, null, { hcert: undefined, exp: IAT + 60 });
    const v = await verify(all, text);
    expect(codes(v)).toEqual(expect.arrayContaining(['MALFORMED_CLAIMS', 'CODE_EXPIRED']));
    const fresh = await verify(all, await signed(all, null, { hcert: undefined }), GREEN_OR_FOREIGN, new Date((IAT - 86400) * 1000));
    expect(codes(fresh)).toEqual(expect.arrayContaining(['MALFORMED_CLAIMS', 'NOT_YET_VALID']));
  });

  it('a DSC whose key usage fits the content passes that check whatever else the content holds', async () => {
    const v = await verify(testOnly, await signed(testOnly, test({ tt: 'antigen' })));
    expect(codes(v)).not.toContain('KEY_USAGE');
    expect(v.signatureVerified).toBe(true);
  });
});
