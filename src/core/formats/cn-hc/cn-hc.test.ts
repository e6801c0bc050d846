import { beforeAll, describe, expect, it } from 'vitest';
import type { AlgName } from '../../crypto/algorithms.ts';
import { verifySignature } from '../../crypto/verify-signature.ts';
import { encodeCbor } from '../../encoding/cbor.ts';
import { decodeBase45, encodeBase45 } from '../../encoding/base45.ts';
import { concatBytes } from '../../encoding/bytes.ts';
import { generateKeyPair, type KeyPair } from '../../../issuer/keys.ts';
import type { Credential } from '../../model/credential.ts';
import { cnHealthCode } from './index.ts';
import { encodeCnCode, encodeLayers, type CnCodeInput, type SigningKey } from '../../../issuer/formats/cn-hc/encode.ts';

const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
const signer = (k: KeyPair): SigningKey => ({ alg: k.alg, kid: k.kid, privateJwk: k.privateJwk });
// Whole seconds, since CWT times are integer seconds.
const T0 = Date.UTC(2025, 2, 1, 8, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const secs = (d: Date) => d.getTime() / 1000;

const keys = {} as Record<AlgName, KeyPair>;
beforeAll(async () => {
  keys.ES256 = await generateKeyPair('ES256');
  keys['SM2-SM3'] = await generateKeyPair('SM2-SM3');
});

function decodeOk(text: string) {
  const d = cnHealthCode.decode(text);
  if (!d.ok) throw new Error(`decode failed: ${d.reason.code} ${d.reason.detail}`);
  return d.value;
}

function normaliseOk(text: string): Credential {
  const n = cnHealthCode.normalise(decodeOk(text), { valueSets: {} });
  if (!n.ok) throw new Error(`normalise failed: ${n.reason.code} ${n.reason.detail}`);
  return n.value;
}

describe('CN health code: encode -> decode -> normalise', () => {
  const full: CnCodeInput = {
    issuer: '440000',
    codeId: Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i),
    issuedAt: at(0),
    expiresAt: at(24 * 60),
    status: 'green',
    holder: { name: '张小三', birthDate: '1990-05-17', idTail: '123X' },
    tests: [
      { type: 'NAT', result: 'negative', sampledAt: at(-20 * 60) },
      { type: 'RAT', result: 'positive', sampledAt: at(-3 * 60) },
    ],
    vaccinations: [
      { dose: 1, of: 3, date: '2022-02-15', product: 'CoronaVac' },
      { dose: 3, of: 3, date: '2022-06', product: 'BBIBP-CorV' },
    ],
  };

  for (const alg of ['ES256', 'SM2-SM3'] as const) {
    it(`preserves every field (${alg})`, async () => {
      const code = await encodeCnCode(full, signer(keys[alg]));
      expect(code.text.startsWith('CNHC1:')).toBe(true);
      expect(cnHealthCode.detect(code.text)).toBe(true);

      const decoded = decodeOk(code.text);
      expect(decoded.format).toBe('cn-hc');
      expect(decoded.alg).toBe(alg);
      expect(decoded.kid).toBe(keys[alg].kid);
      // The decoded signature really verifies over the decoded signed bytes with the public key.
      expect(await verifySignature(alg, keys[alg].publicJwk, decoded.signedBytes, decoded.signature)).toBe(true);

      const c = normaliseOk(code.text);
      expect(c).toEqual({
        format: 'cn-hc',
        issuer: { id: '440000', kind: 'province' },
        keyId: keys[alg].kid,
        codeId: hexOf(full.codeId),
        issuedAt: full.issuedAt.toISOString(),
        expiresAt: full.expiresAt.toISOString(),
        holder: { name: '张小三', birthDate: '1990-05-17', idTail: '123X' },
        healthStatus: 'green',
        tests: [
          { type: 'NAT', result: 'negative', sampledAt: at(-20 * 60).toISOString() },
          { type: 'RAT', result: 'positive', sampledAt: at(-3 * 60).toISOString() },
        ],
        vaccinations: [
          { dose: 1, of: 3, date: '2022-02-15', product: 'CoronaVac' },
          { dose: 3, of: 3, date: '2022-06', product: 'BBIBP-CorV' },
        ],
        recoveries: [],
        kinds: ['health-status', 'test', 'vaccination'],
      } satisfies Credential);
    });
  }

  it('maps each status colour and keeps a minimal code minimal', async () => {
    for (const status of ['green', 'yellow', 'red'] as const) {
      const c = normaliseOk(
        (await encodeCnCode({ issuer: '310000', codeId: new Uint8Array(8).fill(1), issuedAt: at(0), expiresAt: at(60), status, holder: { name: 'Li Si' } }, signer(keys['SM2-SM3']))).text,
      );
      expect(c.healthStatus).toBe(status);
      expect(c.holder).toEqual({ name: 'Li Si' });
      expect(c.tests).toEqual([]);
      expect(c.vaccinations).toEqual([]);
      expect(c.kinds).toEqual(['health-status']);
      expect(c.issuer.id).toBe('310000');
      expect(c.codeId).toBe('0101010101010101');
    }
  });

  it('detects only its own prefix', () => {
    for (const t of ['HC1:ABC', 'cnhc1:ABC', 'CNHC2:ABC', ' CNHC1:ABC', 'CNHC1', '']) expect(cnHealthCode.detect(t), t).toBe(false);
  });
});

/** A valid claims set built by hand (independently of encodeClaims), for tests to break one piece. */
function validClaims(): Map<number, unknown> {
  return new Map<number, unknown>([
    [1, '440000'], // iss
    [4, secs(at(60))], // exp
    [6, secs(at(0))], // iat
    [7, new Uint8Array(16).fill(7)], // cti
    [
      -65537,
      new Map<number, unknown>([
        [1, 1], // payload version
        [2, 0], // status green
        [3, new Map<number, unknown>([[1, '张小三'], [2, '1990-05-17'], [3, '123X']])],
        [4, [new Map<number, unknown>([[1, 1], [2, 0], [3, secs(at(-60))]])]],
        [5, [new Map<number, unknown>([[1, 1], [2, 2], [3, '2022-01-01'], [4, 'CoronaVac']])]],
      ]),
    ],
  ]);
}
const hc = (m: Map<number, unknown>) => m.get(-65537) as Map<number, unknown>;
const holderOf = (m: Map<number, unknown>) => hc(m).get(3) as Map<number, unknown>;
const testOf = (m: Map<number, unknown>) => (hc(m).get(4) as Map<number, unknown>[])[0]!;
const vaccOf = (m: Map<number, unknown>) => (hc(m).get(5) as Map<number, unknown>[])[0]!;

async function normaliseClaims(claims: unknown, alg: AlgName = 'ES256') {
  const { text } = await encodeLayers(encodeCbor(claims), signer(keys[alg]));
  const d = cnHealthCode.decode(text);
  return d.ok ? cnHealthCode.normalise(d.value, { valueSets: {} }) : d;
}

async function expectMalformed(mutate: (m: Map<number, unknown>) => void, why: string) {
  const m = validClaims();
  mutate(m);
  const r = await normaliseClaims(m);
  expect(r.ok, `${why} must be rejected`).toBe(false);
  if (!r.ok) expect(r.reason.code, why).toBe('MALFORMED_CLAIMS');
}

describe('CN health code: normalise rejects malformed claims (validly signed) with MALFORMED_CLAIMS', () => {
  it('control: the hand-built claims normalise for both algorithms', async () => {
    for (const alg of ['ES256', 'SM2-SM3'] as const) {
      const r = await normaliseClaims(validClaims(), alg);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.value.holder).toEqual({ name: '张小三', birthDate: '1990-05-17', idTail: '123X' });
        expect(r.value.kinds).toEqual(['health-status', 'test', 'vaccination']);
      }
    }
  });

  it('missing iss, exp, iat, cti or the health code claim', async () => {
    for (const [key, name] of [[1, 'iss'], [4, 'exp'], [6, 'iat'], [7, 'cti'], [-65537, 'health code claim']] as const)
      await expectMalformed((m) => m.delete(key), `missing ${name}`);
  });

  it('missing payload version, status, holder or holder name', async () => {
    await expectMalformed((m) => hc(m).delete(1), 'missing version');
    await expectMalformed((m) => hc(m).delete(2), 'missing status');
    await expectMalformed((m) => hc(m).delete(3), 'missing holder');
    await expectMalformed((m) => holderOf(m).delete(1), 'missing name');
  });

  it('wrong types of the top-level claims', async () => {
    await expectMalformed((m) => m.set(1, 440000), 'integer iss');
    await expectMalformed((m) => m.set(6, String(secs(at(0)))), 'string iat');
    await expectMalformed((m) => m.set(4, true), 'boolean exp');
    await expectMalformed((m) => m.set(6, secs(at(0)) + 0.5), 'fractional iat');
    await expectMalformed((m) => m.set(7, 'abcdefghijklmnop'), 'text cti');
    await expectMalformed((m) => m.set(-65537, [1, 0]), 'health code claim as array');
    await expectMalformed((m) => m.set(-65537, encodeCbor(hc(m))), 'health code claim as byte string');
  });

  it('wrong types inside the health code claim', async () => {
    await expectMalformed((m) => hc(m).set(3, ['张小三']), 'holder as array');
    await expectMalformed((m) => holderOf(m).set(1, 42), 'numeric name');
    await expectMalformed((m) => holderOf(m).set(1, ''), 'empty name');
    await expectMalformed((m) => holderOf(m).set(1, 'x'.repeat(65)), 'overlong name');
    await expectMalformed((m) => hc(m).set(4, new Map([[0, testOf(m)]])), 'tests as map');
    await expectMalformed((m) => hc(m).set(4, [[1, 0, secs(at(-60))]]), 'test as array');
    await expectMalformed((m) => hc(m).set(5, 'CoronaVac'), 'vaccinations as text');
    await expectMalformed((m) => vaccOf(m).set(4, 7), 'numeric product');
  });

  it('string "1" where integer 1 is required', async () => {
    await expectMalformed((m) => hc(m).set(1, '1'), 'payload version "1"');
    await expectMalformed((m) => hc(m).set(2, '1'), 'status "1"');
    await expectMalformed((m) => testOf(m).set(1, '1'), 'test type "1"');
    await expectMalformed((m) => testOf(m).set(2, '0'), 'test result "0"');
    await expectMalformed((m) => vaccOf(m).set(1, '1'), 'dose "1"');
    await expectMalformed((m) => vaccOf(m).set(2, '2'), 'dose total "2"');
  });

  it('exp not after iat', async () => {
    await expectMalformed((m) => m.set(4, m.get(6)), 'exp == iat');
    await expectMalformed((m) => m.set(4, (m.get(6) as number) - 1), 'exp one second before iat');
  });

  it('times outside 2000..2200', async () => {
    await expectMalformed((m) => m.set(6, 0), 'iat 1970');
    await expectMalformed((m) => m.set(6, -1), 'negative iat');
    await expectMalformed((m) => m.set(4, 8_000_000_000), 'exp in 2223');
    await expectMalformed((m) => testOf(m).set(3, 123), 'sample time 1970');
  });

  it('bad region codes', async () => {
    for (const iss of ['44000', '4400000', '044000', '44000A', ' 440000', 'CN', '', 'https://example.org'])
      await expectMalformed((m) => m.set(1, iss), `iss ${JSON.stringify(iss)}`);
  });

  it('unsupported payload versions', async () => {
    for (const v of [0, 2, 255, -1, null]) await expectMalformed((m) => hc(m).set(1, v), `version ${v}`);
  });

  it('status out of range', async () => {
    for (const s of [3, 4, -1, 1.5, null, true]) await expectMalformed((m) => hc(m).set(2, s), `status ${s}`);
  });

  it('test type or result out of range', async () => {
    await expectMalformed((m) => testOf(m).set(1, 3), 'test type 3');
    await expectMalformed((m) => testOf(m).set(1, 0), 'test type 0');
    await expectMalformed((m) => testOf(m).set(2, 2), 'test result 2');
    await expectMalformed((m) => testOf(m).delete(3), 'test without sample time');
  });

  it('too many tests', async () => {
    const many = (n: number) => Array.from({ length: n }, () => new Map<number, unknown>([[1, 1], [2, 0], [3, secs(at(-60))]]));
    // Control at the documented maximum of 16, then one more.
    const ok16 = validClaims();
    hc(ok16).set(4, many(16));
    const r16 = await normaliseClaims(ok16);
    expect(r16.ok && r16.value.tests.length).toBe(16);
    await expectMalformed((m) => hc(m).set(4, many(17)), '17 tests');
    await expectMalformed((m) => hc(m).set(4, many(200)), '200 tests');
  });

  it('bad code ids, dates, ID tails and dose numbers', async () => {
    await expectMalformed((m) => m.set(7, new Uint8Array(7)), 'cti of 7 bytes');
    await expectMalformed((m) => m.set(7, new Uint8Array(33)), 'cti of 33 bytes');
    await expectMalformed((m) => holderOf(m).set(2, '1990/05/17'), 'birth date with slashes');
    await expectMalformed((m) => holderOf(m).set(3, '12345'), 'ID tail of 5');
    await expectMalformed((m) => holderOf(m).set(3, '123x'), 'lowercase ID tail');
    await expectMalformed((m) => vaccOf(m).set(1, 0), 'dose 0');
    await expectMalformed((m) => vaccOf(m).set(2, 21), 'dose total 21');
    await expectMalformed((m) => vaccOf(m).set(3, 'yesterday'), 'vaccination date');
  });

  it('claims that are not a map at all', async () => {
    for (const claims of [[1, 2, 3], 'claims', 42, null]) {
      const r = await normaliseClaims(claims);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.code).toBe('MALFORMED_CLAIMS');
    }
  });

  it('claims whose CBOR is not deterministic are refused before normalising', async () => {
    // exp as a 4-byte integer is fine; the same value in 8 bytes is not preferred encoding.
    const good = encodeCbor(validClaims());
    const expSecs = secs(at(60));
    const preferred = Buffer.from([0x04, 0x1a, ...Buffer.from(new Uint32Array([expSecs]).buffer).reverse()]);
    const idx = Buffer.from(good).indexOf(preferred);
    expect(idx).toBeGreaterThan(0);
    const long = Buffer.concat([
      Buffer.from(good.subarray(0, idx)),
      Buffer.from([0x04, 0x1b, 0, 0, 0, 0]),
      preferred.subarray(2),
      Buffer.from(good.subarray(idx + preferred.length)),
    ]);
    const { text } = await encodeLayers(new Uint8Array(long), signer(keys.ES256));
    const d = cnHealthCode.decode(text);
    expect(!d.ok && d.reason.code).toBe('MALFORMED_CBOR');
  });
});

describe('CN health code: the spec tightened (issue 17, item 8)', () => {
  it('dates are calendar dates, years 1900..2199: impossible days, month 00/13 and year 0000 are MALFORMED_CLAIMS', async () => {
    for (const d of ['2021-02-30', '2023-02-29', '2021-04-31', '0000-01-01', '0000', '1990-13-01', '1990-00-10', '1990-01-00', '1990-00', '1990-13', '1899-12-31', '2200-01-01', '9999'])
      for (const [where, set] of [
        ['vaccination date', (m: Map<number, unknown>) => vaccOf(m).set(3, d)],
        ['birth date', (m: Map<number, unknown>) => holderOf(m).set(2, d)],
      ] as const)
        await expectMalformed(set, `${where} ${d}`);
    // controls: a leap day, the bounds, partial dates
    for (const d of ['2024-02-29', '2000-02-29', '1900-01-01', '2199-12-31', '1990', '1990-05', '2199']) {
      const m = validClaims();
      vaccOf(m).set(3, d);
      holderOf(m).set(2, d);
      const r = await normaliseClaims(m);
      expect(r.ok, d).toBe(true);
    }
  });

  it('a dose is at most the doses in its series (dose ≤ of); 3 of 3 is fine, 3 of 2 is MALFORMED_CLAIMS', async () => {
    await expectMalformed((m) => (vaccOf(m).set(1, 3), vaccOf(m).set(2, 2)), 'dose 3 of 2');
    await expectMalformed((m) => (vaccOf(m).set(1, 20), vaccOf(m).set(2, 1)), 'dose 20 of 1');
    const m = validClaims();
    vaccOf(m).set(1, 3);
    vaccOf(m).set(2, 3);
    const r = await normaliseClaims(m);
    expect(r.ok && r.value.vaccinations[0]).toMatchObject({ dose: 3, of: 3 });
  });

  it('the kid is exactly 8 bytes: a validly signed code with a kid of 1, 7, 9 or 32 bytes is MALFORMED_COSE', async () => {
    const claims = encodeCbor(validClaims());
    for (const n of [1, 7, 9, 32]) {
      const kid = Buffer.from(Uint8Array.from({ length: n }, (_, i) => i + 1)).toString('base64url');
      const { text } = await encodeLayers(claims, { ...signer(keys.ES256), kid });
      const d = cnHealthCode.decode(text);
      expect(!d.ok && d.reason, `${n}-byte kid`).toMatchObject({ code: 'MALFORMED_COSE' });
    }
    const { text } = await encodeLayers(claims, signer(keys.ES256));
    expect(cnHealthCode.decode(text).ok).toBe(true);
  });

  it('claim and health-code map keys are integers (CDDL): a text, byte-string or boolean key anywhere in them is MALFORMED_CLAIMS', async () => {
    const put = (m: Map<unknown, unknown>, k: unknown) => m.set(k, 'x');
    for (const key of ['x', '1', new Uint8Array([1]), true]) {
      const label = typeof key === 'string' ? JSON.stringify(key) : String(key);
      await expectMalformed((m) => put(m as Map<unknown, unknown>, key), `claims key ${label}`);
      await expectMalformed((m) => put(hc(m) as Map<unknown, unknown>, key), `health code key ${label}`);
      await expectMalformed((m) => put(holderOf(m) as Map<unknown, unknown>, key), `holder key ${label}`);
      await expectMalformed((m) => put(testOf(m) as Map<unknown, unknown>, key), `test key ${label}`);
      await expectMalformed((m) => put(vaccOf(m) as Map<unknown, unknown>, key), `vaccination key ${label}`);
    }
    // control: integer keys the format does not define are ignored (`* int => any`)
    const m = validClaims();
    m.set(99, 'x');
    hc(m).set(-9, [1, 2]);
    vaccOf(m).set(70000, 'x');
    expect((await normaliseClaims(m)).ok).toBe(true);
  });

  it('a code whose zlib layer is two concatenated copies of its stream is MALFORMED_COMPRESSION (one code has one text)', async () => {
    const { text } = await encodeLayers(encodeCbor(validClaims()), signer(keys.ES256));
    const z = decodeBase45(text.slice('CNHC1:'.length));
    if (!z.ok) throw new Error('base45');
    const twice = `CNHC1:${encodeBase45(concatBytes(z.value, z.value))}`;
    const d = cnHealthCode.decode(twice);
    expect(!d.ok && d.reason.code).toBe('MALFORMED_COMPRESSION');
    expect(cnHealthCode.decode(text).ok).toBe(true);
  });

  it('map keys in bytewise order of their encodings (RFC 8949 §4.2.1): {24, -1} is accepted as 24 first, refused in length-first order (RFC 8949 §4.2.3)', async () => {
    const m = validClaims();
    m.set(24, 'a');
    m.set(-1, 'b');
    const bytewise = encodeCbor(m);
    // 24 is 0x18 0x18, -1 is 0x20: bytewise 24 first, length-first -1 first
    const i24 = Buffer.from(bytewise).indexOf(Buffer.from([0x18, 0x18, 0x61, 0x61]));
    const iNeg1 = Buffer.from(bytewise).indexOf(Buffer.from([0x20, 0x61, 0x62]));
    expect(i24).toBeGreaterThan(0);
    expect(iNeg1).toBe(i24 + 4);
    const ok = await encodeLayers(bytewise, signer(keys.ES256));
    expect(cnHealthCode.decode(ok.text).ok).toBe(true);
    const lengthFirst = Buffer.concat([bytewise.subarray(0, i24), Buffer.from([0x20, 0x61, 0x62]), Buffer.from([0x18, 0x18, 0x61, 0x61]), bytewise.subarray(iNeg1 + 3)]);
    expect(lengthFirst.length).toBe(bytewise.length);
    const bad = await encodeLayers(new Uint8Array(lengthFirst), signer(keys.ES256));
    const d = cnHealthCode.decode(bad.text);
    expect(!d.ok && d.reason.code).toBe('MALFORMED_CBOR');
  });

  it('a map with array or map keys inside an extension value has no deterministic key order here: MALFORMED_CBOR in either order (one code, one byte form)', async () => {
    const good = encodeCbor(validClaims());
    expect(good[0]).toBe(0xa5);
    // {..., 99: {[1]: 0, [2]: 0}} and the same map with its two entries swapped: claims map of 6
    for (const ext of [[0x18, 0x63, 0xa2, 0x81, 0x01, 0x00, 0x81, 0x02, 0x00], [0x18, 0x63, 0xa2, 0x81, 0x02, 0x00, 0x81, 0x01, 0x00]]) {
      // key 99 sorts after 7 and before -65537 (0x3a…): insert it before the health code claim
      const at = Buffer.from(good).indexOf(Buffer.from([0x3a, 0x00, 0x01, 0x00, 0x00]));
      const claims = Uint8Array.from([0xa6, ...good.subarray(1, at), ...ext, ...good.subarray(at)]);
      const { text } = await encodeLayers(claims, signer(keys.ES256));
      const d = cnHealthCode.decode(text);
      expect(!d.ok && d.reason.code, Buffer.from(ext).toString('hex')).toBe('MALFORMED_CBOR');
    }
  });
});
