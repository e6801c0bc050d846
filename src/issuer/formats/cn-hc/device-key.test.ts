/** Binding a code to a device (v1.1): which keys are accepted, and the exact `cnf` bytes in the claims. */
import { describe, expect, it } from 'vitest';
import { publicPart, type EcPublicJwk } from '../../../core/crypto/jwk.ts';
import { generateSm2 } from '../../../core/crypto/sm2.ts';
import { generateEs256 } from '../../../core/crypto/webcrypto.ts';
import { fromBase64Url, toBase64Url, toHex } from '../../../core/encoding/bytes.ts';
import { decodeCbor } from '../../../core/encoding/cbor.ts';
import { CLAIM_CNF } from '../../../core/formats/cn-hc/constants.ts';
import { generateKeyPair } from '../../keys.ts';
import { cnfClaim, deviceKeyFromJwk } from './device-key.ts';
import { encodeClaims, type CnCodeInput } from './encode.ts';

const INPUT: CnCodeInput = {
  issuer: '440000',
  codeId: new Uint8Array(16).fill(7),
  issuedAt: new Date('2022-06-01T00:00:00Z'),
  expiresAt: new Date('2022-06-02T00:00:00Z'),
  status: 'green',
  holder: { name: '张小三' },
};

describe('deviceKeyFromJwk', () => {
  it('accepts a P-256 public JWK, from keygen (kid, alg) or bare, and keeps only the key members', async () => {
    const pair = await generateKeyPair('ES256');
    const r = await deviceKeyFromJwk(pair.publicJwk);
    expect(r).toEqual({ ok: true, value: { kty: 'EC', crv: 'P-256', x: pair.publicJwk.x, y: pair.publicJwk.y } });
    const bare = await deviceKeyFromJwk({ kty: 'EC', crv: 'P-256', x: pair.publicJwk.x, y: pair.publicJwk.y });
    expect(bare.ok).toBe(true);
  });

  it('refuses every other key, naming the problem', async () => {
    const es = await generateEs256();
    const sm2 = generateSm2();
    const p384 = await crypto.subtle.exportKey('jwk', ((await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign'])) as CryptoKeyPair).publicKey);
    const offCurve = { kty: 'EC', crv: 'P-256', x: toBase64Url(new Uint8Array(32).fill(1)), y: toBase64Url(new Uint8Array(32).fill(2)) };
    const cases: [string, unknown, string][] = [
      ['private key', es, 'DEVICE_KEY_PRIVATE'],
      ['SM2 key', publicPart(sm2), 'DEVICE_KEY_NOT_P256'],
      ['P-384 key', p384, 'DEVICE_KEY_NOT_P256'],
      ['P-256 key labelled for another alg', { ...publicPart(es), alg: 'ES384' }, 'DEVICE_KEY_NOT_P256'],
      ['RSA key', { kty: 'RSA', n: 'AQAB', e: 'AQAB' }, 'DEVICE_KEY_NOT_P256'],
      ['short x', { ...publicPart(es), x: es.x.slice(0, 40) }, 'DEVICE_KEY_INVALID'],
      ['x not base64url', { ...publicPart(es), x: es.x.slice(0, 42) + '+' }, 'DEVICE_KEY_INVALID'],
      ['point off the curve', offCurve, 'DEVICE_KEY_INVALID'],
      ['not an object', 'P-256', 'DEVICE_KEY_INVALID'],
      ['null', null, 'DEVICE_KEY_INVALID'],
    ];
    for (const [what, jwk, code] of cases) {
      const r = await deviceKeyFromJwk(jwk);
      expect(r.ok ? 'accepted' : r.reason.code, what).toBe(code);
      if (!r.ok) expect(r.reason.detail, what).toMatch(/\S/);
    }
  });
});

describe('the cnf claim in the encoded claims', () => {
  it('is key 8 holding {1: COSE_Key {1: 2, -1: 1, -2: x, -3: y}}, deterministic, between cti and the health code', async () => {
    const key = (await deviceKeyFromJwk(publicPart(await generateEs256()))) as { ok: true; value: EcPublicJwk };
    const x = fromBase64Url(key.value.x);
    const y = fromBase64Url(key.value.y);
    const claims = encodeClaims({ ...INPUT, deviceKey: key.value });
    // a1 01 a4 | 01 02 | 20 01 | 21 5820 x | 22 5820 y : the COSE_Key's keys in RFC 8949 bytewise order.
    const cnfHex = '08a101a401022001215820' + toHex(x) + '225820' + toHex(y);
    expect(toHex(claims)).toContain(cnfHex);
    const bare = encodeClaims(INPUT);
    // The bound claims are the bare ones with one more entry: the map head a5 -> a6, and the cnf bytes after cti.
    expect(toHex(claims)).toBe('a6' + toHex(bare).slice(2).replace('3a00010000', cnfHex + '3a00010000'));
    const decoded = decodeCbor(claims, { strict: true });
    expect(decoded.ok && decoded.value instanceof Map ? [...decoded.value.keys()] : []).toEqual([1, 4, 6, 7, CLAIM_CNF, -65537]);
  });

  it('a code without a device key has no cnf: v1 bytes unchanged', () => {
    const bare = decodeCbor(encodeClaims(INPUT), { strict: true });
    expect(bare.ok && bare.value instanceof Map ? bare.value.has(CLAIM_CNF) : true).toBe(false);
  });

  it('cnfClaim refuses a key that is not P-256 (a programming error: callers check first)', () => {
    expect(() => cnfClaim(publicPart(generateSm2()))).toThrow(/P-256/);
  });
});
