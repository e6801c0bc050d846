import { describe, expect, it } from 'vitest';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import * as library from '@peculiar/asn1-rsa';
import * as ours from './rsa-asn1.ts';

// Our declarations against @peculiar/asn1-rsa's (a dev dependency only: the app does not load it).
describe('RSA ASN.1 declarations read what @peculiar/asn1-rsa reads', () => {
  it('the object identifiers are the same', () => {
    for (const name of ['id_rsaEncryption', 'id_RSASSA_PSS', 'id_sha256WithRSAEncryption', 'id_sha384WithRSAEncryption', 'id_sha512WithRSAEncryption', 'id_sha1', 'id_sha256', 'id_sha384', 'id_sha512'] as const) {
      expect(ours[name], name).toBe(library[name]);
    }
  });

  it('RSAPublicKey: modulus and exponent of a generated key', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
    const spki = AsnConvert.parse(new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey)), SubjectPublicKeyInfo);
    const a = AsnConvert.parse(spki.subjectPublicKey, ours.RSAPublicKey);
    const b = AsnConvert.parse(spki.subjectPublicKey, library.RSAPublicKey);
    expect(new Uint8Array(a.modulus)).toEqual(new Uint8Array(b.modulus));
    expect(new Uint8Array(a.publicExponent)).toEqual(new Uint8Array([1, 0, 1]));
    expect(a.modulus.byteLength).toBe(257); // 2048 bits and the INTEGER's sign byte
  });

  const alg = (oid: string) => new AlgorithmIdentifier({ algorithm: oid, parameters: null });
  const mgf1 = (hash: string) => new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.8', parameters: AsnConvert.serialize(alg(hash)) });
  const cases: [string, Partial<library.RsaSaPssParams>][] = [
    ['every field at its default (an empty SEQUENCE)', {}],
    ['SHA-256, MGF1-SHA-256, 32-byte salt', { hashAlgorithm: alg(library.id_sha256), maskGenAlgorithm: mgf1(library.id_sha256), saltLength: 32 }],
    ['SHA-384 with a 48-byte salt', { hashAlgorithm: alg(library.id_sha384), maskGenAlgorithm: mgf1(library.id_sha384), saltLength: 48 }],
    ['SHA-512, salt left at its default', { hashAlgorithm: alg(library.id_sha512), maskGenAlgorithm: mgf1(library.id_sha512) }],
  ];
  for (const [name, params] of cases) {
    it(`RSASSA-PSS-params: ${name}`, () => {
      const der = AsnConvert.serialize(new library.RsaSaPssParams(params));
      const a = AsnConvert.parse(der, ours.RsaSaPssParams);
      const b = AsnConvert.parse(der, library.RsaSaPssParams);
      expect(a.hashAlgorithm.algorithm).toBe(b.hashAlgorithm.algorithm);
      expect(a.saltLength).toBe(b.saltLength);
      expect(a.trailerField).toBe(b.trailerField);
      if (params.maskGenAlgorithm) expect(a.maskGenAlgorithm?.algorithm).toBe(b.maskGenAlgorithm.algorithm);
    });
  }

  it('the defaults are SHA-1 and a 20-byte salt, per RFC 4055', () => {
    const a = AsnConvert.parse(new Uint8Array([0x30, 0x00]), ours.RsaSaPssParams);
    expect([a.hashAlgorithm.algorithm, a.saltLength, a.trailerField]).toEqual(['1.3.14.3.2.26', 20, 1]);
  });
});
