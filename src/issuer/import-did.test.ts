import { describe, expect, it } from 'vitest';
import { concatBytes, fromBase64Url, toBase64, toBase64Url, utf8 } from '../core/encoding/bytes.ts';
import { keyFromCertificate } from '../core/trust/x509.ts';
import { kidNamesCert, sameKey } from './gdhcn.ts';
import { coordinate, didPublicKey, onP384 } from './import-did-jwk.ts';
import { absoluteId, didKid, didWebHost, readDidDocument } from './import-did.ts';
import { generateKeyPair } from './keys.ts';
import { selfSignedCa } from './make-certificate.ts';

describe('did:web ids', () => {
  it('takes the host of a did:web DID (port percent-encoded), and nothing else', () => {
    expect(didWebHost('did:web:nzcp.covid19.health.nz')).toBe('nzcp.covid19.health.nz');
    expect(didWebHost('did:web:tng-cdn.who.int:v2:trustlist:-:ALB:DSC')).toBe('tng-cdn.who.int');
    expect(didWebHost('did:web:localhost%3A8443:issuer')).toBe('localhost:8443');
    for (const bad of ['did:key:z6Mk', 'did:web:', 'did:web:a/b', 'did:web:host#frag', 'did:web:%2Fetc', 'did:web:.x']) expect(didWebHost(bad), bad).toBeUndefined();
  });
  it('resolves relative method ids and names a key by its absolute id', () => {
    expect(absoluteId('#key-1', 'did:web:a.example')).toBe('did:web:a.example#key-1');
    expect(absoluteId('did:web:b.example#k', 'did:web:a.example')).toBe('did:web:b.example#k');
    expect(fromBase64Url(didKid('did:web:a.example#key-1'))).toEqual(utf8('did:web:a.example#key-1'));
  });
});

describe('DID keys', () => {
  it('reads coordinates written with a leading zero byte (a Java BigInteger) as the same number', () => {
    const x = new Uint8Array(32).fill(9);
    expect(coordinate(toBase64Url(concatBytes(new Uint8Array([0]), x)), 32)).toEqual(x);
    expect(coordinate(toBase64Url(x.subarray(1)), 32)).toEqual(concatBytes(new Uint8Array([0]), x.subarray(1)));
    expect(coordinate(toBase64Url(concatBytes(new Uint8Array([1]), x)), 32)).toBeUndefined();
    expect(coordinate('not base64url!', 32)).toBeUndefined();
  });
  it('takes P-384 keys on their curve as ES384, and refuses them off it', async () => {
    const k = await generateKeyPair('ES384');
    const good = didPublicKey({ kty: 'EC', crv: 'P-384', x: k.publicJwk.x, y: k.publicJwk.y }, 'm');
    expect(good).toMatchObject({ ok: true, value: { alg: 'ES384', jwk: { crv: 'P-384', x: k.publicJwk.x } } });
    expect(onP384(fromBase64Url(k.publicJwk.x), fromBase64Url(k.publicJwk.x))).toBe(false);
    expect(didPublicKey({ kty: 'EC', crv: 'P-384', x: k.publicJwk.x, y: k.publicJwk.x }, 'm')).toMatchObject({ ok: false, reason: { code: 'DID_KEY_REFUSED' } });
    expect(didPublicKey({ kty: 'EC', crv: 'P-384', x: k.publicJwk.x, y: k.publicJwk.y, alg: 'ES256' }, 'm')).toMatchObject({ ok: false, reason: { detail: 'm: alg ES256 does not fit P-384 (ES384)' } });
  });
  it('names every private member a key carries', () => {
    expect(didPublicKey({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c', k: 'e' }, 'm')).toMatchObject({ ok: false, reason: { detail: expect.stringMatching(/^m: publicKeyJwk has private key members \(d, k\)/) } });
  });
});

describe('DID documents', () => {
  const doc = (extra: object) => JSON.stringify({ id: 'did:web:a.example', verificationMethod: [], ...extra });
  it('refuses a reference trust list (methods named, not given) and an embedded private key', () => {
    expect(() => readDidDocument('f', doc({ verificationMethod: ['did:web:a.example:DSC'] }))).toThrow(/a reference trust list \(trustlist-ref\)/);
    expect(() => readDidDocument('f', doc({ assertionMethod: [{ id: '#k', type: 'JsonWebKey2020', publicKeyJwk: { kty: 'EC', d: 'x' } }] }))).toThrow(/verification method 0 has private key members \(d\)/);
  });
  it('notes an assertion reference the document does not define', async () => {
    const k = await generateKeyPair('ES256');
    const r = readDidDocument('f', doc({ verificationMethod: [{ id: '#k', type: 'JsonWebKey2020', publicKeyJwk: { kty: 'EC', crv: 'P-256', x: k.publicJwk.x, y: k.publicJwk.y } }], assertionMethod: ['#k', '#gone'] }));
    expect(r.keys.map((x) => x.id)).toEqual(['did:web:a.example#k']);
    expect(r.skipped).toEqual([{ file: 'f', index: -1, why: 'assertionMethod names did:web:a.example#gone, which the document does not define' }]);
  });
});

describe('GDHCN certificates', () => {
  it('matches a JWK to its certificate and a kid written either way', async () => {
    const keys = await generateKeyPair('ES256');
    const now = new Date();
    const der = await selfSignedCa({ country: 'AL', commonName: 't' }, keys, now, new Date(now.getTime() + 86_400_000));
    const cert = await keyFromCertificate(der);
    if (!cert.ok) throw new Error(cert.reason.code);
    const kid = toBase64(fromBase64Url(cert.value.kid));
    expect(kidNamesCert(kid, cert.value)).toBe(true);
    expect(kidNamesCert(toBase64(utf8(kid)), cert.value)).toBe(true);
    expect(kidNamesCert('AAAAAAAAAAA=', cert.value)).toBe(false);
    expect(sameKey({ kty: 'EC', crv: 'P-256', x: keys.publicJwk.x, y: keys.publicJwk.y }, cert.value)).toBe(true);
    expect(sameKey({ kty: 'EC', crv: 'P-256', x: keys.publicJwk.y, y: keys.publicJwk.x }, cert.value)).toBe(false);
    expect(sameKey({ kty: 'RSA', n: 'AQAB', e: 'AQAB' }, cert.value)).toBe(false);
  });
});
