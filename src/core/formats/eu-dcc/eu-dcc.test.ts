/**
 * EU DCC plug-in: normalise on suite vectors, hand-built codes for every layer's failure, the
 * value-set helper, version matching and the generated schema module (CSP: no code from strings).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateValidatorsModule } from '../../../../test/support/dcc-schema-module.ts';
import { generateKeyPair, type KeyPair } from '../../../issuer/keys.ts';
import { buildBundle } from '../../../issuer/sign-bundle.ts';
import { sign } from '../../crypto/verify-signature.ts';
import { encodeBase45 } from '../../encoding/base45.ts';
import { concatBytes, fromBase64Url, fromHex, toHex } from '../../encoding/bytes.ts';
import { encodeCbor } from '../../encoding/cbor.ts';
import { sigStructure } from '../../encoding/cose-sign1.ts';
import { deflateZlib } from '../../encoding/zlib.ts';
import type { Credential } from '../../model/credential.ts';
import type { ReasonCode } from '../../model/reasons.ts';
import { verifyCode } from '../../pipeline/run.ts';
import type { Result } from '../../result.ts';
import { indexBundle, type Trust } from '../../trust/trust-index.ts';
import { detectFormat } from '../registry.ts';
import type { ValueSets } from '../format.ts';
import { calendarDate, parseDateTime } from '../../encoding/rfc3339.ts';
import { hcertFromClaims } from './hcert.ts';
import { readValueSets } from './value-sets.ts';
import { decode, decompress, euDcc, isZlibHeader, pickSchemaVersion, SCHEMA_VERSIONS, unprefix, validateDcc, valueSetsFromFiles } from './index.ts';
import { makeDccValidator, type GeneratedValidators } from './schema/validate.ts';
import { requireShared } from '../../../../test/support/shared.ts';

const SUITE = requireShared('vectors/eu-dcc', 'the EU DCC test suite');
const VALUE_SET_DIR = requireShared('vectors/eu-dcc-valuesets', 'the EU DCC value sets');
const SCHEMA_DIR = requireShared('vectors/eu-dcc-schema', 'the EU DCC JSON schema project');

const vector = (id: string): Record<string, any> => JSON.parse(readFileSync(join(SUITE, id), 'utf8'));
const suiteValueSets = (): ValueSets =>
  valueSetsFromFiles(
    readdirSync(VALUE_SET_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(VALUE_SET_DIR, f), 'utf8'))),
  );

function normaliseText(text: string, valueSets: ValueSets = {}): Result<Credential> {
  const d = euDcc.decode(text);
  return d.ok ? euDcc.normalise(d.value, { valueSets }) : d;
}
/** The plug-in's content check (one event, JSON schema, value sets) on a code's text: problems, then notes. */
function checkText(text: string, valueSets: ValueSets = {}): ReasonCode[] {
  const d = euDcc.decode(text);
  if (!d.ok) throw new Error(`expected a decodable code, got ${d.reason.code}`);
  const found = euDcc.check?.(d.value, { valueSets });
  return found ? [...found.problems, ...found.notes].map((r) => r.code) : [];
}
function credentialOf(text: string, valueSets: ValueSets = {}): Credential {
  const r = normaliseText(text, valueSets);
  if (!r.ok) throw new Error(`expected a credential, got ${r.reason.code}: ${r.reason.detail}`);
  return r.value;
}

// ---------------------------------------------------------------------------------------------
// Hand-built codes (unsigned unless a key is given: decode and normalise never look at signatures).

const IAT = Date.UTC(2021, 5, 1) / 1000;
const EXP = Date.UTC(2022, 5, 1) / 1000;
const KID = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);

const vaccinationDcc = () => ({
  ver: '1.3.0',
  nam: { fn: 'Dupont-Müller', fnt: 'DUPONT<MUELLER', gn: 'Anne Marie', gnt: 'ANNE<MARIE' },
  dob: '1980-02-29',
  v: [{ tg: '840539006', vp: '1119349007', mp: 'EU/1/20/1507', ma: 'ORG-100031184', dn: 3, sd: 3, dt: '2021-12-01', co: 'FR', is: 'Issuer', ci: 'URN:UVCI:01:FR:TEST0001#1' }],
});
const testDcc = () => ({
  ver: '1.3.0',
  nam: { fnt: 'DOE', gnt: 'JOHN<PAUL' },
  dob: '1975',
  t: [{ tg: '840539006', tt: 'LP217198-3', ma: '1232', sc: '2021-06-01T10:30:00+02:00', tr: '260373001', tc: 'Centre', co: 'FR', is: 'Issuer', ci: 'URN:UVCI:01:FR:TEST0002#2' }],
});
const recoveryDcc = () => ({
  ver: '1.3.0',
  nam: { fn: 'Doe', fnt: 'DOE' },
  dob: '',
  r: [{ tg: '840539006', fr: '2021-05-01', co: 'FR', is: 'Issuer', df: '2021-05-12', du: '2021-11-01', ci: 'URN:UVCI:01:FR:TEST0003#3' }],
});

function claimsMap(dcc: unknown, over: Partial<Record<'iss' | 'iat' | 'exp', unknown>> = {}): Map<number, unknown> {
  const m = new Map<number, unknown>([
    [1, 'FR'],
    [6, IAT],
    [4, EXP],
    [-260, new Map([[1, dcc]])],
  ]);
  for (const [k, key] of [['iss', 1], ['iat', 6], ['exp', 4]] as const) {
    if (!(k in over)) continue;
    if (over[k] === undefined) m.delete(key);
    else m.set(key, over[k]);
  }
  return m;
}

interface CoseOptions {
  alg?: number | undefined;
  kid?: Uint8Array | undefined;
  /** Put kid (and alg) into the unprotected header instead. */
  unprotected?: boolean;
  tag?: 'none' | 'cose' | 'cwt+cose';
  signature?: Uint8Array;
}

function protectedOf(o: CoseOptions): { protectedBytes: Uint8Array; unprotected: Map<number, unknown> } {
  const alg = 'alg' in o ? o.alg : -7;
  const kid = 'kid' in o ? o.kid : KID;
  const p = new Map<number, unknown>();
  const u = new Map<number, unknown>();
  const target = o.unprotected ? u : p;
  if (alg !== undefined) target.set(1, alg);
  if (kid !== undefined) target.set(4, kid);
  return { protectedBytes: p.size ? encodeCbor(p) : new Uint8Array(0), unprotected: u };
}

function coseBytes(payload: Uint8Array, o: CoseOptions = {}): Uint8Array {
  const { protectedBytes, unprotected } = protectedOf(o);
  const body = encodeCbor([protectedBytes, unprotected, payload, o.signature ?? new Uint8Array(64)]);
  const tag = o.tag ?? 'cose';
  if (tag === 'none') return body;
  if (tag === 'cose') return concatBytes(Uint8Array.of(0xd2), body);
  return concatBytes(Uint8Array.of(0xd8, 0x3d, 0xd2), body);
}

const textOf = (bytes: Uint8Array, compress = true) => 'HC1:' + encodeBase45(compress ? deflateZlib(bytes) : bytes);
const codeOf = (claims: unknown, o: CoseOptions = {}) => textOf(coseBytes(encodeCbor(claims), o));
const codeOfDcc = (dcc: unknown, over: Parameters<typeof claimsMap>[1] = {}) => codeOf(claimsMap(dcc, over));

function expectReason(r: Result<unknown>, code: ReasonCode, detail?: RegExp) {
  expect(r.ok, `expected ${code}`).toBe(false);
  if (!r.ok) {
    expect(r.reason.code).toBe(code);
    if (detail) expect(r.reason.detail ?? '').toMatch(detail);
  }
}

// ---------------------------------------------------------------------------------------------

describe('EU DCC: normalise suite vectors', () => {
  const valueSets = suiteValueSets();

  it('vaccination: printed name, birth date, dose n of m, product display name, code id, times', () => {
    const v = vector('AT/2DCode/raw/1.json');
    const c = credentialOf(v.PREFIX, valueSets);
    const entry = v.JSON.v[0];
    expect(c).toEqual({
      format: 'eu-dcc',
      issuer: { id: 'AT', kind: 'country' },
      keyId: expect.any(String),
      codeId: entry.ci,
      issuedAt: '2021-05-06T18:00:00.000Z',
      // exp is 2021-11-02T18:00:00Z; the DCC is still valid at that second, so the exclusive end is 1 s later.
      expiresAt: '2021-11-02T18:00:01.000Z',
      holder: { name: `${v.JSON.nam.fn}, ${v.JSON.nam.gn}`, birthDate: v.JSON.dob },
      tests: [],
      vaccinations: [{ dose: entry.dn, of: entry.sd, date: entry.dt, product: 'Comirnaty' }],
      recoveries: [],
      kinds: ['vaccination'],
    } satisfies Credential);
    expect(entry.mp).toBe('EU/1/20/1528');
  });

  it('falls back to the product code without value sets, and with a value set that lacks the code', () => {
    const v = vector('AT/2DCode/raw/1.json');
    expect(credentialOf(v.PREFIX).vaccinations[0]!.product).toBe('EU/1/20/1528');
    expect(credentialOf(v.PREFIX, { 'vaccines-covid-19-names': { 'EU/1/20/1507': 'Spikevax' } }).vaccinations[0]!.product).toBe('EU/1/20/1528');
  });

  it('tests: NAAT and RAT types, result and sample time as an instant', () => {
    const naat = credentialOf(vector('AT/2DCode/raw/3.json').PREFIX);
    expect(naat.tests).toEqual([{ type: 'NAT', result: 'negative', sampledAt: '2021-02-20T12:34:56.000Z' }]);
    expect(naat.kinds).toEqual(['test']);
    const rat = credentialOf(vector('AT/2DCode/raw/4.json').PREFIX);
    expect(rat.tests[0]!.type).toBe('RAT');
  });

  it('recovery: valid from / until', () => {
    const v = vector('AT/2DCode/raw/2.json');
    const c = credentialOf(v.PREFIX);
    expect(c.recoveries).toEqual([{ validFrom: v.JSON.r[0].df, validUntil: v.JSON.r[0].du }]);
    expect(c.kinds).toEqual(['recovery']);
    expect(c.codeId).toBe(v.JSON.r[0].ci);
  });

  it('a sample time tagged with CBOR tag 0 reads like an untagged one', () => {
    const tagged = credentialOf(vector('SE/2DCode/raw/2.json').PREFIX);
    const plain = credentialOf(vector('SE/2DCode/raw/3.json').PREFIX);
    expect(tagged.tests).toEqual(plain.tests);
  });

  it('dates written with the CBOR date tags 1004, 100 and 1 read like their text', () => {
    // Placeholders in the payload are replaced by the tagged items' bytes: c1 = tag 1, d864 = tag 100, d903ec = tag 1004.
    const tagged = (dcc: unknown, swaps: [string, string][]) => {
      let h = toHex(encodeCbor(claimsMap(dcc)));
      for (const [placeholder, bytes] of swaps) h = h.replace(toHex(encodeCbor(placeholder)), bytes);
      return textOf(coseBytes(fromHex(h)));
    };
    const dcc = { ...testDcc(), dob: 'DOB' } as any;
    dcc.t[0].sc = 'SC';
    const c = credentialOf(tagged(dcc, [['DOB', 'd903ec' + toHex(encodeCbor('1975-04-02'))], ['SC', 'c1' + toHex(encodeCbor(Date.UTC(2021, 5, 1, 8, 30) / 1000))]]));
    expect(c.holder.birthDate).toBe('1975-04-02');
    expect(c.tests[0]!.sampledAt).toBe('2021-06-01T08:30:00.000Z');
    const days = vaccinationDcc() as any;
    days.v[0].dt = 'DT';
    expect(credentialOf(tagged(days, [['DT', 'd864' + toHex(encodeCbor(Date.UTC(2021, 11, 1) / 86_400_000))]])).vaccinations[0]!.date).toBe('2021-12-01');
    // A date tag around what is not a date is not JSON (the DCC cannot be read); any other tag is no CBOR we take.
    expect(checkText(tagged(days, [['DT', 'd903ec' + toHex(encodeCbor(20211201))]]))).toEqual(['MALFORMED_CLAIMS']);
    expect(euDcc.decode(tagged(days, [['DT', 'd820' + toHex(encodeCbor('https://example.org'))]])).ok).toBe(false);
  });

  it('issuer encodings: untagged COSE, CWT tag 61, kid or alg only in the unprotected header, fractional times, no compression', () => {
    for (const id of ['ES/2DCode/raw/1501.json', 'common/2DCode/raw/CO28.json', 'common/2DCode/raw/CO19.json', 'common/2DCode/raw/CO20.json', 'ES/2DCode/raw/1001.json', 'common/2DCode/raw/Z2.json'])
      expect(normaliseText(vector(id).PREFIX).ok, id).toBe(true);
    // iat 1621262460.78 s keeps its milliseconds.
    expect(credentialOf(vector('ES/2DCode/raw/1001.json').PREFIX).issuedAt).toBe('2021-05-17T14:41:00.780Z');
  });

  it('a partial date of birth stays partial', () => {
    expect(credentialOf(vector('BE/2DCode/raw/4.json').PREFIX).holder.birthDate).toBe('1992');
  });

  it('no suite vector makes decode or normalise throw', () => {
    const files = (readdirSync(SUITE, { recursive: true }) as string[]).filter((p) => p.endsWith('.json') && p.includes('raw'));
    let normalised = 0;
    for (const f of files) {
      const v = JSON.parse(readFileSync(join(SUITE, f), 'utf8'));
      if (typeof v.PREFIX !== 'string') continue;
      let r: Result<Credential> | undefined;
      expect(() => (r = normaliseText(v.PREFIX, valueSets)), f).not.toThrow();
      if (r?.ok) normalised++;
    }
    expect(normalised).toBeGreaterThan(100);
  });
});

describe('EU DCC: hand-built certificates', () => {
  it('80 characters in code points pass the schema (an emoji is one character, not two UTF-16 units)', () => {
    const d = vaccinationDcc() as any;
    d.v[0].is = '\u{1F600}'.repeat(80);
    expect(normaliseText(codeOfDcc(d)).ok).toBe(true);
  });

  it('vaccination with value sets; surname first; booster dose 3 of 3', () => {
    const c = credentialOf(codeOfDcc(vaccinationDcc()), { 'vaccines-covid-19-names': { 'EU/1/20/1507': 'Spikevax' } });
    expect(c.holder).toEqual({ name: 'Dupont-Müller, Anne Marie', birthDate: '1980-02-29' });
    expect(c.vaccinations).toEqual([{ dose: 3, of: 3, date: '2021-12-01', product: 'Spikevax' }]);
    expect(c.issuer).toEqual({ id: 'FR', kind: 'country' });
    expect(c.issuedAt).toBe('2021-06-01T00:00:00.000Z');
    expect(c.expiresAt).toBe('2022-06-01T00:00:01.000Z'); // exp inclusive: first invalid instant
    expect(c.codeId).toBe('URN:UVCI:01:FR:TEST0001#1');
    expect(c.healthStatus).toBeUndefined();
  });

  it('transliterated names when the printed ones are missing; positive RAT; sample time with offset', () => {
    const c = credentialOf(codeOfDcc(testDcc()));
    expect(c.holder).toEqual({ name: 'DOE, JOHN PAUL', birthDate: '1975' });
    expect(c.tests).toEqual([{ type: 'RAT', result: 'positive', sampledAt: '2021-06-01T08:30:00.000Z' }]);
  });

  it('recovery with an empty date of birth and only a surname', () => {
    const c = credentialOf(codeOfDcc(recoveryDcc()));
    expect(c.holder).toEqual({ name: 'Doe' });
    expect(c.recoveries).toEqual([{ validFrom: '2021-05-12', validUntil: '2021-11-01' }]);
  });

  it('dates written as date-times keep their calendar date', () => {
    const dcc = vaccinationDcc();
    dcc.v[0]!.dt = '2021-12-01T23:30:00+02:00';
    expect(credentialOf(codeOfDcc(dcc)).vaccinations[0]!.date).toBe('2021-12-01');
  });

  it('accepts what issuers vary: untagged, CWT-tagged, uncompressed, kid and alg unprotected, lax integer widths', () => {
    const payload = encodeCbor(claimsMap(vaccinationDcc()));
    for (const [what, text] of [
      ['untagged', textOf(coseBytes(payload, { tag: 'none' }))],
      ['CWT tag 61', textOf(coseBytes(payload, { tag: 'cwt+cose' }))],
      ['not compressed', textOf(coseBytes(payload), false)],
      ['unprotected kid and alg', textOf(coseBytes(payload, { unprotected: true }))],
      ['ES384', textOf(coseBytes(payload, { alg: -35 }))],
      ['PS256', textOf(coseBytes(payload, { alg: -37 }))],
    ] as const) {
      const d = decode(text);
      expect(d.ok, what).toBe(true);
    }
    // iat as an 8-byte integer (non-preferred): strict CBOR would refuse it, issuers write it.
    const m = claimsMap(vaccinationDcc());
    m.delete(6);
    const rest = encodeCbor(m);
    const lax = concatBytes(Uint8Array.of(0xa4, 0x06, 0x1b, 0, 0, 0, 0), encodeCbor(IAT).subarray(1), rest.subarray(1));
    expect(normaliseText(textOf(coseBytes(lax))).ok).toBe(true);
  });

  it('signed bytes are the Sig_structure of the bytes as sent, kid is base64url', () => {
    const payload = encodeCbor(claimsMap(vaccinationDcc()));
    const d = decode(textOf(coseBytes(payload)));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.signedBytes).toEqual(sigStructure(encodeCbor(new Map<number, unknown>([[1, -7], [4, KID]])), payload));
    expect(d.value.kid).toBe('AQIDBAUGBwg');
    expect(d.value.alg).toBe('ES256');
  });
});

describe('EU DCC: the hcert as JSON', () => {
  it('keeps a "__proto__" name as data, never as the prototype', () => {
    const dcc = new Map<unknown, unknown>([['__proto__', new Map([['polluted', true]])], ['ver', '1.3.0']]);
    const json = hcertFromClaims(new Map([[-260, new Map([[1, dcc]])]]));
    expect(json.ok).toBe(true);
    if (!json.ok) return;
    expect(Object.getPrototypeOf(json.value)).toBe(Object.prototype);
    expect(Object.hasOwn(json.value, '__proto__')).toBe(true);
    expect(JSON.stringify(json.value)).toBe('{"__proto__":{"polluted":true},"ver":"1.3.0"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses what JSON cannot say: byte strings, integer keys, big integers', () => {
    for (const bad of [new Map([['x', new Uint8Array(1)]]), new Map([[1, 'a']]), new Map([['n', 2n ** 64n]])]) {
      const r = hcertFromClaims(new Map([[-260, new Map([[1, bad]])]]));
      expect(r.ok ? 'ok' : r.reason.code).toBe('MALFORMED_CLAIMS');
    }
  });
});

describe('EU DCC: bad inputs give specific reasons and never throw', () => {
  it('wrong prefix', () => {
    for (const t of ['HC2:6BF', 'HL0:6BF', 'hc1:6BF', ' HC1:6BF', '6BFOXN']) {
      expect(euDcc.detect(t), t).toBe(false);
      expectReason(decode(t), 'UNSUPPORTED_FORMAT');
    }
    expect(euDcc.detect('HC1:')).toBe(true);
    expect(unprefix('HC1:ABC')).toEqual({ ok: true, value: 'ABC' });
  });

  it('bad base45', () => {
    for (const t of ['HC1:abc', 'HC1:A', 'HC1:GGW', 'HC1:BB\n']) expectReason(decode(t), 'MALFORMED_BASE45');
  });

  it('non-zlib garbage, broken zlib and a zlib bomb', () => {
    expectReason(decode(textOf(Uint8Array.of(0x01, 0x02, 0x03, 0x04), false)), 'MALFORMED_COMPRESSION', /neither/);
    expectReason(decode('HC1:'), 'MALFORMED_COMPRESSION');
    const z = deflateZlib(coseBytes(encodeCbor(claimsMap(vaccinationDcc()))));
    const broken = z.slice();
    broken[broken.length - 1]! ^= 0xff; // Adler-32
    expectReason(decode(textOf(broken, false)), 'MALFORMED_COMPRESSION');
    expectReason(decode(textOf(z.subarray(0, z.length - 10), false)), 'MALFORMED_COMPRESSION');
    expectReason(decode(textOf(deflateZlib(new Uint8Array(200_000)), false)), 'PAYLOAD_TOO_LARGE');
  });

  it('decides compression from the zlib header', () => {
    expect(isZlibHeader(Uint8Array.of(0x78, 0x9c))).toBe(true);
    expect(isZlibHeader(Uint8Array.of(0x78, 0xda))).toBe(true);
    expect(isZlibHeader(Uint8Array.of(0x78, 0x9d))).toBe(false); // check bits wrong
    for (const first of [0xd2, 0x84, 0xd8]) expect(isZlibHeader(Uint8Array.of(first, 0x3d))).toBe(false);
    const cose = coseBytes(encodeCbor(claimsMap(vaccinationDcc())));
    expect(decompress(cose)).toEqual({ ok: true, value: { bytes: cose, compressed: false } });
    const z = decompress(deflateZlib(cose));
    expect(z.ok && z.value.compressed && z.value.bytes).toEqual(cose);
  });

  it('CBOR that is not COSE_Sign1', () => {
    expectReason(decode(textOf(encodeCbor([1, 2, 3]))), 'MALFORMED_COSE');
    expectReason(decode(textOf(encodeCbor(new Map([[1, 2]])))), 'MALFORMED_COSE');
    expectReason(decode(textOf(concatBytes(Uint8Array.of(0xd3), encodeCbor([new Uint8Array(0), new Map(), new Uint8Array(1), new Uint8Array(1)])))), 'MALFORMED_CBOR'); // tag 19
    expectReason(decode(textOf(Uint8Array.of(0x84, 0x40, 0xa0))), 'MALFORMED_CBOR'); // truncated
  });

  it('algorithm and key id', () => {
    expectReason(decode(codeOf(claimsMap(vaccinationDcc()), { alg: -999 })), 'UNSUPPORTED_ALGORITHM');
    expectReason(decode(codeOf(claimsMap(vaccinationDcc()), { alg: -65537 })), 'UNSUPPORTED_ALGORITHM'); // SM2: CN only
    expectReason(decode(codeOf(claimsMap(vaccinationDcc()), { alg: undefined })), 'MALFORMED_COSE', /alg/);
    expectReason(decode(codeOf(claimsMap(vaccinationDcc()), { kid: undefined })), 'MALFORMED_COSE', /kid/);
    expectReason(decode(codeOf(claimsMap(vaccinationDcc()), { kid: new Uint8Array(0) })), 'MALFORMED_COSE', /kid/);
  });

  it('claims CBOR: not a map, duplicate keys, unknown tags', () => {
    expectReason(decode(codeOf([1, 2, 3])), 'MALFORMED_CLAIMS');
    expectReason(decode(textOf(coseBytes(fromHex('a2 01 62 4154 01 62 4245')))), 'MALFORMED_CBOR'); // {1:"AT", 1:"BE"}
    // iat in tag 1: a CWT NumericDate omits the tag (RFC 8392 §2).
    expectReason(normaliseText(textOf(coseBytes(fromHex('a1 06 c1 1a 608f3d00')))), 'MALFORMED_CLAIMS', /iat/);
  });

  it('hcert missing or not JSON: a content problem, while validity is still read from the CWT', () => {
    const m = claimsMap(vaccinationDcc());
    m.delete(-260);
    const problem = (text: string, detail: RegExp) => {
      const d = euDcc.decode(text);
      if (!d.ok) throw new Error(d.reason.code);
      const found = euDcc.check!(d.value, { valueSets: {} });
      expect(found.problems.map((r) => r.code)).toEqual(['MALFORMED_CLAIMS']);
      expect(found.problems[0]!.detail).toMatch(detail);
      const c = credentialOf(text);
      expect(c.expiresAt).toBe(new Date(EXP * 1000 + 1000).toISOString());
    };
    problem(codeOf(m), /-260/);
    problem(codeOf(new Map<number, unknown>([...claimsMap(null)].map(([k, v]) => [k, k === -260 ? new Map([[2, vaccinationDcc()]]) : v]))), /-260\/1/);
    problem(codeOf(new Map<number, unknown>([...claimsMap(null)].map(([k, v]) => [k, k === -260 ? [vaccinationDcc()] : v]))), /-260/);
    problem(codeOfDcc({ ...vaccinationDcc(), dob: new Uint8Array(4) }), /byte string/);
    problem(codeOfDcc(new Map<unknown, unknown>([[1, 'x']])), /key/);
    const deep: unknown[] = [];
    let cur = deep;
    for (let i = 0; i < 50; i++) cur.push((cur = []));
    problem(codeOfDcc({ ...vaccinationDcc(), x: deep }), /deep/);
  });

  it('JSON with wrong types fails its schema', () => {
    const cases: [string, (d: any) => void][] = [
      ['dose as text', (d) => (d.v[0].dn = '1')],
      ['name as a list', (d) => (d.nam = ['Doe'])],
      ['no date of birth', (d) => delete d.dob],
      ['birth date out of range', (d) => (d.dob = '1850-01-01')],
      ['lowercase transliteration', (d) => (d.nam.fnt = 'dupont')],
      ['surname of 81 characters', (d) => (d.nam.fn = 'é'.repeat(81))],
      ['issuer of 81 characters (astral plane, counted in code points)', (d) => (d.v[0].is = '\u{1F600}'.repeat(81))],
      ['two vaccinations in 1.3.0', (d) => d.v.push(d.v[0])],
      ['empty vaccination group', (d) => (d.v = [])],
      ['vaccination and test together', (d) => (d.t = testDcc().t)],
      ['ver as a number', (d) => (d.ver = 130)],
      ['ver not a version', (d) => (d.ver = '1.3')],
    ];
    for (const [what, mutate] of cases) {
      const dcc = vaccinationDcc();
      mutate(dcc);
      expect(checkText(codeOfDcc(dcc)), what).toContain('SCHEMA_INVALID');
    }
  });

  it('versions without a schema are noted; a newer patch uses the newest schema of its minor', () => {
    for (const ver of ['2.0.0', '1.4.0', '0.9.0', '1.99.0']) expect(checkText(codeOfDcc({ ...vaccinationDcc(), ver })), ver).toEqual(['SCHEMA_UNAVAILABLE']);
    expect(checkText(codeOfDcc({ ...vaccinationDcc(), ver: '1.3.7' }))).toEqual([]);
  });

  it('huge, negative, fractional-overflow and millisecond times', () => {
    for (const iat of [1e300, -1, 0, IAT * 1000, 2 ** 64, 7258118400.5, '1622505600', true, null])
      expectReason(normaliseText(codeOfDcc(vaccinationDcc(), { iat })), 'MALFORMED_CLAIMS', /iat/);
    expectReason(normaliseText(codeOfDcc(vaccinationDcc(), { exp: 2n ** 64n - 1n })), 'MALFORMED_CLAIMS');
    // exp not after iat is no structure problem: such a code is simply never valid (CODE_EXPIRED).
    expect(credentialOf(codeOfDcc(vaccinationDcc(), { exp: IAT })).expiresAt).toBe(new Date(IAT * 1000 + 1000).toISOString());
    expectReason(normaliseText(codeOfDcc(vaccinationDcc(), { exp: undefined })), 'MALFORMED_CLAIMS', /exp/);
  });

  it('huge numbers inside the certificate', () => {
    const bigDose = vaccinationDcc() as any;
    bigDose.v[0].dn = 1e300;
    const c = credentialOf(codeOfDcc(bigDose));
    expect(c.vaccinations[0]!.dose).toBeUndefined();
    expect(c.unknown).toContainEqual({ field: 'v[0].dn', value: '1e+300' });
    const bigint = vaccinationDcc() as any;
    bigint.v[0].sd = 2n ** 64n - 1n;
    expect(checkText(codeOfDcc(bigint))).toEqual(['MALFORMED_CLAIMS']);
  });

  it('several events in one certificate are refused (the specification allows one), whatever the schema version', () => {
    const d = { ...vaccinationDcc(), ver: '1.2.1' } as any;
    d.v = Array.from({ length: 17 }, () => ({ ...d.v[0] }));
    expect(checkText(codeOfDcc(d))[0]).toBe('MULTIPLE_EVENTS');
    d.v = d.v.slice(0, 2);
    expect(checkText(codeOfDcc(d))).toEqual(['MULTIPLE_EVENTS']);
    expect(credentialOf(codeOfDcc(d)).vaccinations).toHaveLength(2);
    expect(checkText(codeOfDcc({ ...vaccinationDcc(), t: testDcc().t }))[0]).toBe('MULTIPLE_EVENTS');
    // A null or empty group is absent, not a second event.
    expect(checkText(codeOfDcc({ ...vaccinationDcc(), t: null, r: [] }))).not.toContain('MULTIPLE_EVENTS');
  });

  it('an issuer, test type, result or date we do not recognise is unknown, not malformed', () => {
    for (const iss of [undefined, 'FRA', 'F', 250, '', 'BMSGPK']) {
      const c = credentialOf(codeOfDcc(vaccinationDcc(), { iss }));
      expect(c.issuer.kind, String(iss)).toBe('unknown');
      expect(c.unknown?.[0]?.field).toBe('iss');
    }
    expect(credentialOf(codeOfDcc(vaccinationDcc(), { iss: ' fr ' })).issuer).toEqual({ id: 'FR', kind: 'country' });
    const tt = testDcc() as any;
    tt.t[0].tt = 'PCR';
    expect(credentialOf(codeOfDcc(tt)).tests[0]!.type).toBe('unknown');
    expect(credentialOf(codeOfDcc(tt)).unknown).toEqual([{ field: 't[0].tt', value: 'PCR' }]);
    const tr = testDcc() as any;
    tr.t[0].tr = 'NEGATIVE';
    expect(credentialOf(codeOfDcc(tr)).tests[0]!.result).toBe('unknown');
    for (const sc of ['2021-02-30T10:00:00Z', 'yesterday', '01/06/2021 10:30']) {
      const d = testDcc() as any;
      d.t[0].sc = sc;
      const c = credentialOf(codeOfDcc(d));
      expect(c.tests[0]!.sampledAt, sc).toBeUndefined();
      expect(c.unknown).toEqual([{ field: 't[0].sc', value: sc }]);
    }
    const dt = vaccinationDcc() as any;
    dt.v[0].dt = '2021-13-01';
    expect(credentialOf(codeOfDcc(dt)).vaccinations[0]!.date).toBeUndefined();
  });

  it('sample times in other forms read as early as they can mean, never fresher', () => {
    const at = (sc: string) => {
      const d = testDcc() as any;
      d.t[0].sc = sc;
      return credentialOf(codeOfDcc(d)).tests[0]!.sampledAt;
    };
    expect(at('2021-06-01')).toBe('2021-06-01T00:00:00.000Z');
    expect(at('2021-06-01T10:30:00')).toBe('2021-05-31T20:30:00.000Z');
    expect(at('2021-06-01 10:30')).toBe('2021-05-31T20:30:00.000Z');
    expect(at('1999-12-31T23:59:59Z')).toBe('1999-12-31T23:59:59.000Z');
  });

  it('a tag 0 anywhere but around text is refused', () => {
    const c = claimsMap(vaccinationDcc());
    c.delete(6);
    const body = encodeCbor(c);
    const tagged = concatBytes(Uint8Array.of(0xa4, 0x06, 0xc0), encodeCbor(IAT), body.subarray(1));
    expectReason(normaliseText(textOf(coseBytes(tagged))), 'MALFORMED_CLAIMS', /iat/);
  });
});

describe('EU DCC: through the pipeline', () => {
  let key: KeyPair;
  let trust: Trust;
  const now = new Date(Date.UTC(2021, 6, 1));

  beforeAll(async () => {
    key = await generateKeyPair('ES256');
    trust = indexBundle(
      buildBundle({
        version: 1,
        issuedAt: new Date(Date.UTC(2021, 5, 1)),
        expiresAt: new Date(Date.UTC(2031, 5, 1)),
        issuers: [{ id: 'FR', kind: 'country', names: { 'zh-CN': '法国', en: 'France' } }],
        keys: [
          {
            issuer: 'FR',
            jwk: key.publicJwk,
            validFrom: new Date(Date.UTC(2021, 0, 1)),
            validUntil: new Date(Date.UTC(2023, 0, 1)),
            kinds: ['vaccination', 'test', 'recovery'],
            formats: ['eu-dcc'],
          },
        ],
      }),
    );
  });

  async function signed(dcc: unknown, over: Parameters<typeof claimsMap>[1] = {}): Promise<string> {
    const payload = encodeCbor(claimsMap(dcc, over));
    const kid = fromBase64Url(key.kid);
    const protectedBytes = encodeCbor(new Map<number, unknown>([[1, -7], [4, kid]]));
    const signature = await sign('ES256', key.privateJwk, sigStructure(protectedBytes, payload));
    return textOf(concatBytes(Uint8Array.of(0xd2), encodeCbor([protectedBytes, new Map(), payload, signature])));
  }

  it('a vaccination signed by a test-only key FAILs with KEY_USAGE; a test from the same key passes that check', async () => {
    const testOnly = indexBundle({ ...trust.bundle, keys: trust.bundle.keys.map((k) => ({ ...k, kinds: ['test' as const] })) });
    const vacc = await verifyCode(await signed(vaccinationDcc()), { trust: testOnly, now });
    expect(vacc.signatureVerified).toBe(true);
    expect(vacc.outcome).toBe('FAIL');
    expect(vacc.reasons.map((r) => r.code)).toContain('KEY_USAGE');
    const test = await verifyCode(await signed(testDcc()), { trust: testOnly, now });
    expect(test.reasons.map((r) => r.code)).not.toContain('KEY_USAGE');
  });

  it('the registry routes HC1: to this plug-in, and a signed DCC verifies', async () => {
    const text = await signed(vaccinationDcc());
    expect(detectFormat(text)?.id).toBe('eu-dcc');
    const v = await verifyCode(text, { trust, now });
    expect(v.format).toBe('eu-dcc');
    expect(v.signatureVerified).toBe(true);
    expect(v.credential?.vaccinations).toHaveLength(1);
    const structural: ReasonCode[] = ['MALFORMED_CLAIMS', 'SCHEMA_INVALID', 'SCHEMA_UNAVAILABLE', 'UNKNOWN_KEY', 'SIGNATURE_INVALID', 'KEY_USAGE', 'ISSUER_MISMATCH', 'INTERNAL_ERROR'];
    expect(v.reasons.map((r) => r.code).filter((c) => structural.includes(c))).toEqual([]);
  });

  it('every bad input is refused with its reason first (a misread NOT_READ, the rest FAIL), never INTERNAL_ERROR, never PASS', async () => {
    const dn = vaccinationDcc() as any;
    dn.v[0].dn = '1';
    const cases: [string, ReasonCode][] = [
      ['HC2:6BF', 'UNSUPPORTED_FORMAT'],
      ['HC1:abc', 'MALFORMED_BASE45'],
      [textOf(Uint8Array.of(1, 2, 3, 4), false), 'MALFORMED_COMPRESSION'],
      [textOf(encodeCbor([1, 2, 3])), 'MALFORMED_COSE'],
      [codeOf(claimsMap(vaccinationDcc()), { alg: -999 }), 'UNSUPPORTED_ALGORITHM'],
      // A dose as text is not understood: the vaccination cannot count as evidence.
      [await signed(dn), 'NO_QUALIFYING_EVIDENCE'],
      [await signed({ ...vaccinationDcc(), v: [vaccinationDcc().v[0], vaccinationDcc().v[0]] }), 'MULTIPLE_EVENTS'],
      [await signed(vaccinationDcc(), { iat: 1e300 }), 'MALFORMED_CLAIMS'],
      [await signed(vaccinationDcc(), { iss: 'de' }), 'ISSUER_MISMATCH'],
    ];
    for (const [text, code] of cases) {
      const v = await verifyCode(text, { trust, now });
      expect(v.outcome, code).toBe(['UNSUPPORTED_FORMAT', 'MALFORMED_BASE45', 'MALFORMED_COMPRESSION', 'MALFORMED_COSE'].includes(code) ? 'NOT_READ' : 'FAIL');
      // The bundle here is older than its freshness window: TRUST_STALE joins every verdict.
      expect(v.reasons.filter((r) => r.code !== 'TRUST_STALE')[0]?.code, text.slice(0, 20)).toBe(code);
      expect(v.reasons.some((r) => r.code === 'INTERNAL_ERROR')).toBe(false);
    }
    // A schema-invalid but validly signed DCC: the schema finding is a note, the signature verified.
    const v = await verifyCode(await signed(dn), { trust, now });
    expect(v.warnings.map((r) => r.code)).toContain('SCHEMA_INVALID');
    expect(v.signatureVerified).toBe(true);
    expect(v.reasons.map((r) => r.code).filter((c) => c !== 'TRUST_STALE')).toEqual(['NO_QUALIFYING_EVIDENCE']);
    expect(v.credential?.unknown).toEqual([{ field: 'v[0].dn', value: '1' }]);
  });
});

describe('EU DCC: value sets', () => {
  it('turns the EU value set files into display tables', () => {
    const sets = suiteValueSets();
    expect(sets['vaccines-covid-19-names']?.['EU/1/20/1528']).toBe('Comirnaty');
    expect(sets['covid-19-lab-result']?.['260415000']).toMatch(/not detected/i);
    expect(Object.keys(sets).length).toBeGreaterThanOrEqual(5);
  });

  it('keeps odd codes as data and refuses malformed files', () => {
    const sets = valueSetsFromFiles([{ valueSetId: 'x', valueSetValues: { a: { display: 'A', active: false } } }]);
    expect(sets.x).toEqual({ a: 'A' }); // inactive codes are kept
    const withProto = valueSetsFromFiles([JSON.parse('{"valueSetId":"y","valueSetValues":{"__proto__":{"display":"P"}}}')]);
    expect(Object.hasOwn(withProto.y!, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(withProto.y)).toBe(Object.prototype);
    for (const bad of [null, [], {}, { valueSetId: 'z' }, { valueSetId: 'z', valueSetValues: { a: {} } }, { valueSetId: 'z', valueSetValues: { a: { display: 7 } } }])
      expect(() => valueSetsFromFiles([bad]), JSON.stringify(bad)).toThrow(TypeError);
    expect(() => valueSetsFromFiles([{ valueSetId: 'z', valueSetValues: {} }, { valueSetId: 'z', valueSetValues: {} }])).toThrow(/twice/);
  });

  it('says what is wrong with a value set file as a value (readValueSets)', () => {
    expect(readValueSets([{ valueSetId: 'x', valueSetValues: { a: { display: 'A' } } }])).toEqual({ ok: true, value: { x: { a: 'A' } } });
    expect(readValueSets([{ valueSetId: 'z', valueSetValues: { a: {} } }])).toEqual({ ok: false, reason: { code: 'VALUE_SETS_INVALID', detail: 'value set z: code a has no display name' } });
    // The first problem in file order, a repeated id before what the repeat holds.
    expect(readValueSets([{ valueSetId: 'z', valueSetValues: {} }, { valueSetId: 'z' }, null])).toEqual({ ok: false, reason: { code: 'VALUE_SETS_INVALID', detail: 'value set z is given twice' } });
  });

  it('a code named like an Object.prototype member is not a display name', () => {
    const d = vaccinationDcc() as any;
    d.v[0].mp = 'constructor';
    expect(credentialOf(codeOfDcc(d), { 'vaccines-covid-19-names': {} }).vaccinations[0]!.product).toBe('constructor');
  });
});

describe('EU DCC: schema versions', () => {
  it('picks the exact version, else the newest patch of the same minor, else none', () => {
    const have = ['1.0.0', '1.0.1', '1.2.1', '1.3.0', '1.3.2'];
    expect(pickSchemaVersion('1.3.0', have)).toBe('1.3.0');
    expect(pickSchemaVersion('1.3.1', have)).toBe('1.3.2');
    expect(pickSchemaVersion('1.3.9', have)).toBe('1.3.2');
    expect(pickSchemaVersion('1.2.0', have)).toBe('1.2.1');
    expect(pickSchemaVersion('1.0.5', have)).toBe('1.0.1');
    expect(pickSchemaVersion('1.1.0', have)).toBeUndefined();
    expect(pickSchemaVersion('2.3.0', have)).toBeUndefined();
    expect(pickSchemaVersion('1.3', have)).toBeUndefined();
    expect(pickSchemaVersion('01.3.0', have)).toBe('1.3.2'); // numerically the same version line
    expect(pickSchemaVersion('1.3.0', [])).toBeUndefined();
  });

  it('this build has every schema in the schema directory', () => {
    const files = readdirSync(join(SCHEMA_DIR, 'by-version')).filter((f) => f.endsWith('.combined-schema.json'));
    expect([...SCHEMA_VERSIONS].sort()).toEqual(files.map((f) => f.replace('.combined-schema.json', '')).sort());
  });

  // The schema project ships valid examples only (examples/<type>/*.json; no invalid ones): every
  // folder must be there, so the test cannot pass having read nothing.
  it("accepts the schema project's own examples (vaccination, test, recovery)", () => {
    let checked = 0;
    for (const kind of ['vaccination', 'test', 'recovery'] as const) {
      const dir = requireShared(join(SCHEMA_DIR, 'examples', kind), `the EU DCC schema project's ${kind} examples`);
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
        const r = validateDcc(JSON.parse(readFileSync(join(dir, f), 'utf8')));
        expect(r.ok, `${kind}/${f}: ${r.ok ? '' : r.reason.detail}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('EU DCC: generated schema module', () => {
  /** Runs generated source the way a CSP without 'unsafe-eval' would: strings may not become code. */
  function load(source: string): GeneratedValidators {
    const script = source.replace(/^export const /gm, 'const ') + '\n;({ schemaVersions, validators });';
    const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
    return vm.runInContext(script, context) as GeneratedValidators;
  }

  it('imports nothing, evaluates no strings, and validates inside a no-eval context', () => {
    const { source, versions } = generateValidatorsModule(join(SCHEMA_DIR, 'by-version'));
    expect(versions.length).toBeGreaterThan(0);
    expect(source).not.toMatch(/\brequire\s*\(|^\s*import\b|\beval\s*\(|new\s+Function|\bFunction\s*\(/m);
    const validate = makeDccValidator(load(source));
    expect(validate(vaccinationDcc()).ok).toBe(true);
    expectReason(validate({ ...vaccinationDcc(), dob: 1980 }), 'SCHEMA_INVALID');
    // The no-eval context really refuses code from strings.
    expect(() => vm.runInContext('eval("1")', vm.createContext({}, { codeGeneration: { strings: false } }))).toThrow();
  });

  it('without a schema directory the module exports no validators and every DCC is SCHEMA_UNAVAILABLE', () => {
    const { source, versions } = generateValidatorsModule(join(SCHEMA_DIR, 'no-such-directory'));
    expect(versions).toEqual([]);
    const validate = makeDccValidator(load(source));
    expectReason(validate(vaccinationDcc()), 'SCHEMA_UNAVAILABLE');
  });
});

describe('EU DCC: dates', () => {
  it('parses RFC 3339 date-times as the schemas allow them', () => {
    expect(parseDateTime('2021-06-01T10:30:00Z')).toBe(Date.UTC(2021, 5, 1, 10, 30));
    expect(parseDateTime('2021-06-01t10:30:00.123456z')).toBe(Date.UTC(2021, 5, 1, 10, 30, 0, 123));
    expect(parseDateTime('2021-06-01 10:30:00+0200')).toBe(Date.UTC(2021, 5, 1, 8, 30));
    expect(parseDateTime('2021-06-01T10:30:00-05')).toBe(Date.UTC(2021, 5, 1, 15, 30));
    expect(parseDateTime('2020-02-29T00:00:00Z')).toBe(Date.UTC(2020, 1, 29));
    for (const bad of ['2021-02-29T00:00:00Z', '2021-06-01T24:00:00Z', '2021-06-01T10:30:00', '2021-06-01', '2021-06-01T10:30Z', ' 2021-06-01T10:30:00Z'])
      expect(parseDateTime(bad), bad).toBeUndefined();
  });

  it('takes the calendar date as written', () => {
    expect(calendarDate('2021-06-01')).toBe('2021-06-01');
    expect(calendarDate('2021-06-01T23:59:00-10:00')).toBe('2021-06-01');
    expect(calendarDate('2021-06-01T00:00:00')).toBe('2021-06-01');
    for (const bad of ['2021-6-1', '2021-06-31', '2021-06-01Tnoon', '20210601']) expect(calendarDate(bad), bad).toBeUndefined();
  });
});
