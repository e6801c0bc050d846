/** Carried signer certificates that must not verify a seal (regressions found by test/fuzz). */
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../encoding/bytes.ts';
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
