/**
 * The demo world's ICAO VDS-NC sample: Utopia (UT; "UTO" in seals — the specimen state ICAO's own
 * examples use) with its own country signing CA in the bundle, a barcode signer certificate inside
 * the seal, and one negative PCR test sampled six hours before `now`, which passes.
 */
import { signSeal } from './encode.ts';
import type { DemoContributor } from '../../demo-world.node.ts';
import { makeSealIssuer, negativeTestSealData, sealTrustKey } from './issue.ts';


export const vdsNcDemo: DemoContributor = async (now) => {
  const ut = await makeSealIssuer({ country: 'UT', now });
  const text = await signSeal(negativeTestSealData({ state: 'UTO', id: 'UT0000000042', now }), ut.signer);
  return {
    issuers: [{ id: 'UT', kind: 'country', names: { 'zh-CN': '乌托邦（ICAO 样例国）', en: 'Utopia (ICAO specimen state)' } }],
    keys: [await sealTrustKey('UT', ut.csca.der, 'ca')],
    codes: [
      {
        code: {
          name: 'pass-vds-nc-test',
          expect: 'PASS',
          issuer: 'UT',
          alg: 'ES256',
          about: { 'zh-CN': 'ICAO VDS-NC 核酸阴性（乌托邦，签名证书由其国家签名机构签发）', en: 'ICAO VDS-NC negative PCR test (Utopia, signer certificate from its CSCA)' },
        },
        text,
      },
    ],
  };
};
