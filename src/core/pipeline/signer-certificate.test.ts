/** Carried signer certificates that must not verify a seal (regressions found by test/fuzz). */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../encoding/bytes.ts';
import { issuedBy, namesIssuer, parseCertLink } from '../trust/cert-chain.ts';
import { keyFromCertificate } from '../trust/x509.ts';
import { vdsNcSample } from '../../../test/support/vds-nc-samples.ts';
import type { JsonObject } from '../formats/vds-nc/index.ts';
import { sealText, signSeal, signSealData } from '../../issuer/formats/vds-nc/encode.ts';
import { indexBundle, type Trust } from '../trust/trust-index.ts';
import { buildBundle } from '../../issuer/sign-bundle.ts';
import { makeSealIssuer, negativeTestSealData, sealTrustKey, type SealIssuer } from '../../issuer/formats/vds-nc/issue.ts';
import { makeCertificate, type CertRequest } from '../../issuer/make-certificate.ts';
import { generateKeyPair } from '../../issuer/keys.ts';
import { id_ce_extKeyUsage, id_ce_keyUsage, KeyUsage, KeyUsageFlags } from '@peculiar/asn1-x509';
import { OctetString } from '@peculiar/asn1-schema';
import { verifyCode } from './run.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
const data: JsonObject = negativeTestSealData({ state: 'UTO', id: 'U01932', now: NOW, holder: 'COOK  GERALD' });

let ut: SealIssuer;
let trust: Trust;
beforeAll(async () => {
  ut = await makeSealIssuer({ country: 'UT', now: NOW });
  trust = indexBundle(
    buildBundle({
      version: 1,
      issuedAt: new Date(NOW.getTime() - HOUR),
      expiresAt: new Date(NOW.getTime() + 30 * 24 * HOUR),
      issuers: [{ id: 'UT', kind: 'country', names: { 'zh-CN': '乌托邦', en: 'Utopia' } }],
      keys: [await sealTrustKey('UT', ut.csca.der, 'ca')],
    }),
  );
});

const codes = async (text: string) => (await verifyCode(text, { trust, now: NOW })).reasons.map((r) => r.code);

describe('signer certificate carried in a seal', () => {
  it('the barcode signer passes (control)', async () => {
    expect(await codes(await signSeal(data, ut.signer))).toEqual([]);
  });

  it('a seal signed by the CSCA key with the CSCA certificate is CERT_CHAIN_INVALID, not issued by itself', async () => {
    const text = await signSeal(data, { alg: 'ES256', privateJwk: ut.csca.keys.privateJwk, certificate: ut.csca.der });
    expect(await codes(text)).toEqual(['CERT_CHAIN_INVALID']);
  });

  it('the signer certificate spelled other than in DER (trailing bytes, unused bits, another tag) is CERT_CHAIN_INVALID', async () => {
    const sig = await signSealData(data, ut.signer);
    const der = ut.bsc.der;
    const trailing = Uint8Array.from([...der, 0x00]);
    // The BIT STRING's unused-bits byte sits just before the signature value at the end; ECDSA values are 70..72 bytes.
    const unused = der.slice();
    const at = [...Array(8).keys()].map((i) => der.length - 76 + i).find((i) => der[i] === 0x03 && der[i + 1] === der.length - i - 2 && der[i + 2] === 0)!;
    unused[at + 2] = 3;
    const tag = der.slice();
    tag[at + 3] = 0xb0; // the ECDSA-Sig-Value's SEQUENCE tag, inside the BIT STRING
    for (const cer of [trailing, unused, tag]) expect(await codes(sealText(data, { ...sig, cer: toBase64Url(cer) }))).toEqual(['CERT_CHAIN_INVALID']);
  });
});

describe('the signer certificate must be fit to sign seals (an end entity: ICAO Doc 9303-12 barcode signer profile, VDS-NC)', () => {
  /** A certificate issued by the trusted CSCA `ut.csca` for a fresh key, with the extensions `over` asks for; the seal is signed with that key. */
  async function sealFrom(over: Partial<CertRequest>): Promise<string> {
    const keys = await generateKeyPair('ES256');
    const der = await makeCertificate(
      { subject: { country: 'UT', commonName: 'BS purpose' }, publicJwk: keys.publicJwk, notBefore: new Date(NOW.getTime() - 30 * 24 * HOUR), notAfter: new Date(NOW.getTime() + 365 * 24 * HOUR), serial: 9, ...over },
      { subject: ut.csca.subject, privateJwk: ut.csca.keys.privateJwk, publicJwk: ut.csca.keys.publicJwk },
    );
    return signSeal(data, { alg: 'ES256', privateJwk: keys.privateJwk, certificate: der });
  }
  const BARCODE_SIGNER_EKU = '2.23.136.1.1.14.2';

  it('a CA certificate (cA true, keyUsage keyCertSign only) issued by the trusted CSCA is KEY_USAGE, not a barcode signer', async () => {
    const v = await verifyCode(await sealFrom({ ca: true, keyUsage: KeyUsageFlags.keyCertSign }), { trust, now: NOW });
    expect(v.reasons.map((r) => r.code)).toEqual(['KEY_USAGE']);
    expect(v.reasons[0]!.detail).toMatch(/CA certificate/);
    expect(v.signatureVerified).toBe(false);
  });

  it('cA true alone (keyUsage digitalSignature, the barcode signer EKU) is still a CA: KEY_USAGE', async () => {
    expect(await codes(await sealFrom({ basicConstraintsCa: true, keyUsage: KeyUsageFlags.digitalSignature, extKeyUsage: [BARCODE_SIGNER_EKU] }))).toEqual(['KEY_USAGE']);
  });

  it('a keyUsage without digitalSignature (keyCertSign, keyEncipherment, cRLSign) is KEY_USAGE', async () => {
    for (const ku of [KeyUsageFlags.keyCertSign, KeyUsageFlags.keyEncipherment, KeyUsageFlags.cRLSign | KeyUsageFlags.keyAgreement])
      expect(await codes(await sealFrom({ keyUsage: ku })), `keyUsage ${ku}`).toEqual(['KEY_USAGE']);
  });

  it('keyCertSign next to digitalSignature claims CA powers (RFC 5280 §4.2.1.3): KEY_USAGE', async () => {
    expect(await codes(await sealFrom({ keyUsage: KeyUsageFlags.digitalSignature | KeyUsageFlags.keyCertSign }))).toEqual(['KEY_USAGE']);
  });

  it('an extended key usage without the barcode signer OID (a health CSCA, EU DCC signers, TLS) is KEY_USAGE', async () => {
    for (const eku of [['2.23.136.1.1.14.1'], ['1.3.6.1.4.1.1847.2021.1.2'], ['1.3.6.1.5.5.7.3.1', '2.5.29.37.0']])
      expect(await codes(await sealFrom({ extKeyUsage: eku })), eku.join(',')).toEqual(['KEY_USAGE']);
  });

  it('fit signers pass: the barcode signer EKU (with other OIDs too), basicConstraints cA false, or no purpose extensions at all', async () => {
    expect(await codes(await sealFrom({ extKeyUsage: [BARCODE_SIGNER_EKU] }))).toEqual([]);
    expect(await codes(await sealFrom({ extKeyUsage: ['1.3.6.1.5.5.7.3.4', BARCODE_SIGNER_EKU], keyUsage: KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation }))).toEqual([]);
    expect(await codes(await sealFrom({ basicConstraintsCa: false }))).toEqual([]);
    expect(await codes(await sealFrom({ keyUsage: null }))).toEqual([]);
  });

  it('a purpose extension written twice (RFC 5280 §4.2: once at most) is CERT_CHAIN_INVALID: which one would count?', async () => {
    const v = await verifyCode(await sealFrom({ keyUsage: KeyUsageFlags.digitalSignature, extraExtensions: [{ extnID: id_ce_keyUsage, critical: true, value: new KeyUsage(KeyUsageFlags.keyCertSign) }] }), { trust, now: NOW });
    expect(v.reasons).toEqual([{ code: 'CERT_CHAIN_INVALID', detail: `signer certificate repeats extension ${id_ce_keyUsage} (RFC 5280 §4.2)` }]);
  });

  it('a purpose extension that cannot be read (keyUsage or EKU not what its OID says) is CERT_CHAIN_INVALID, never fit', async () => {
    for (const id of [id_ce_keyUsage, id_ce_extKeyUsage]) {
      const over: Partial<CertRequest> = { keyUsage: null, extraExtensions: [{ extnID: id, critical: true, value: new OctetString(new Uint8Array([1, 2, 3])) }] };
      const v = await verifyCode(await sealFrom(over), { trust, now: NOW });
      expect(v.reasons.map((r) => r.code), id).toEqual(['CERT_CHAIN_INVALID']);
      // (an unreadable EKU is already refused when the certificate's key is read: x509.ts)
      expect(v.reasons[0]!.detail, id).toBe(id === id_ce_keyUsage ? `signer certificate extension ${id} cannot be read` : 'signer certificate unusable: extended key usage cannot be parsed');
    }
  });

  it('a CA certificate is refused only after its chain: one the bundle does not know stays UNKNOWN_KEY, one with a broken link CERT_CHAIN_INVALID', async () => {
    const stranger = await makeSealIssuer({ country: 'ZZ', now: NOW });
    const keys = await generateKeyPair('ES256');
    const subCa = (issuer: SealIssuer['csca']) =>
      makeCertificate({ subject: { country: issuer.subject.country, commonName: 'sub CA' }, publicJwk: keys.publicJwk, notBefore: new Date(NOW.getTime() - HOUR), notAfter: new Date(NOW.getTime() + HOUR), ca: true }, { subject: issuer.subject, privateJwk: issuer.keys.privateJwk, publicJwk: issuer.keys.publicJwk });
    expect(await codes(await signSeal(data, { alg: 'ES256', privateJwk: keys.privateJwk, certificate: await subCa(stranger.csca) }))).toEqual(['UNKNOWN_KEY']);
    const rogue = { ...stranger.csca, subject: ut.csca.subject }; // names UT's CSCA, signed by another key
    expect(await codes(await signSeal(data, { alg: 'ES256', privateJwk: keys.privateJwk, certificate: await subCa(rogue) }))).toEqual(['CERT_CHAIN_INVALID']);
  });
});

describe('chains to CAs of other key types and hashes', () => {
  const bundleWith = async (issuer: SealIssuer) =>
    indexBundle(
      buildBundle({
        version: 1,
        issuedAt: new Date(NOW.getTime() - HOUR),
        expiresAt: new Date(NOW.getTime() + 30 * 24 * HOUR),
        issuers: [{ id: issuer.country, kind: 'country', names: { 'zh-CN': issuer.country, en: issuer.country } }],
        keys: [await sealTrustKey(issuer.country, issuer.csca.der, 'ca')],
      }),
    );

  it.each([
    ['ES384', 'P-384', '1.2.840.10045.4.3.3'],
    ['ES512', 'P-521', '1.2.840.10045.4.3.4'],
  ] as const)('a %s CSCA (%s) that signs its barcode signer with ecdsa-with-SHA384/512 (%s): the seal passes', async (cscaAlg, crv, sigOid) => {
    const state = await makeSealIssuer({ country: 'NZ', now: NOW, cscaAlg });
    const csca = await keyFromCertificate(state.csca.der);
    expect(csca.ok && csca.value.jwk).toMatchObject({ crv });
    expect(parseCertLink(state.bsc.der)!.sigAlg).toBe(sigOid);
    const v = await verifyCode(await signSeal(negativeTestSealData({ state: 'NZL', id: 'NZ1', now: NOW }), state.signer), { trust: await bundleWith(state), now: NOW });
    expect(v.reasons).toEqual([]);
    // and another P-384 CA of the same name does not verify it
    const other = await makeSealIssuer({ country: 'NZ', now: NOW, cscaAlg });
    const foreign = await verifyCode(await signSeal(negativeTestSealData({ state: 'NZL', id: 'NZ1', now: NOW }), other.signer), { trust: await bundleWith(state), now: NOW });
    expect(foreign.reasons.map((r) => r.code)).toEqual(['CERT_CHAIN_INVALID']);
  });

  it('the published CSCAs: RSA-4096 (Australia, sha256WithRSAEncryption) and explicit P-384 (Japan, ecdsa-with-SHA384) issued their barcode signers; a changed bit breaks each link', async () => {
    for (const [cscaFile, sealFile, sigOid] of [
      ['aus-csca.pem', 'aus-specimen-vacc-1.json', '1.2.840.113549.1.1.11'],
      ['jpn-csca.pem', 'jpn-specimen-vacc-1.object.json', '1.2.840.10045.4.3.3'],
    ] as const) {
      const ca = await keyFromCertificate(vdsNcSample(cscaFile));
      if (!ca.ok) throw new Error(`${cscaFile}: ${ca.reason.detail}`);
      const bscDer = fromBase64Url(JSON.parse(vdsNcSample(sealFile)).sig.cer.replace(/=+$/, ''));
      const bsc = parseCertLink(bscDer)!;
      expect(bsc.sigAlg, cscaFile).toBe(sigOid);
      expect(namesIssuer(bsc, parseCertLink(ca.value.der)!), cscaFile).toBe(true);
      expect(await issuedBy(bsc, ca.value.jwk), cscaFile).toBe(true);
      const tampered = { ...bsc, tbs: bsc.tbs.slice() };
      tampered.tbs[tampered.tbs.length - 10]! ^= 1;
      expect(await issuedBy(tampered, ca.value.jwk), cscaFile).toBe(false);
    }
    // Each CSCA's key does not verify the other's signer.
    const aus = await keyFromCertificate(vdsNcSample('aus-csca.pem'));
    const jpnBsc = parseCertLink(fromBase64Url(JSON.parse(vdsNcSample('jpn-specimen-vacc-1.object.json')).sig.cer.replace(/=+$/, '')))!;
    expect(aus.ok && (await issuedBy(jpnBsc, aus.value.jwk))).toBe(false);
  });
});
