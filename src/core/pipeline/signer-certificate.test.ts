/** Carried signer certificates that must not verify a seal (regressions found by test/fuzz). */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../encoding/bytes.ts';
import { issuedBy, namesIssuer, parseCertLink } from '../trust/cert-chain.ts';
import { keyFromCertificate } from '../trust/x509.ts';
import { vdsNcSample } from '../../../test/support/vds-nc-samples.ts';
import { sealText, signSeal, signSealData, type JsonObject } from '../formats/vds-nc/index.ts';
import { indexBundle, type Trust } from '../trust/trust-index.ts';
import { buildBundle } from '../../issuer/sign-bundle.ts';
import { makeSealIssuer, negativeTestSealData, sealTrustKey, type SealIssuer } from '../../issuer/vds-nc-issue.ts';
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
