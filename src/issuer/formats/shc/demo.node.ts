/**
 * The demo world's SMART Health Card: an own demo issuer (a URL, as SHC issuers are), its ES256 key
 * named by its RFC 7638 thumbprint, and one complete two-dose vaccination card as a single
 * `shc:/` numeric code, which passes the default policy.
 */
import { jwkThumbprint } from '../../../core/crypto/jwk.ts';
import { generateEs256 } from '../../../core/crypto/webcrypto.ts';
import { toBase64Url } from '../../../core/encoding/bytes.ts';
import { healthCardClaims, shcText, signShcJws } from './encode.ts';
import type { DemoContributor } from '../../demo-world.node.ts';

export const SHC_DEMO_ISSUER = 'https://demo.gatecheck.invalid/shc';
const DAY = 86_400_000;
const day = (now: Date, days: number) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);

export const shcDemo: DemoContributor = async (now) => {
  const privateJwk = await generateEs256();
  const kid = toBase64Url(await jwkThumbprint(privateJwk));
  const dose = (date: string) => ({
    resourceType: 'Immunization',
    status: 'completed',
    vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '208' }] },
    patient: { reference: 'resource:0' },
    occurrenceDateTime: date,
  });
  const claims = healthCardClaims(SHC_DEMO_ISSUER, Math.floor(now.getTime() / 1000) - 3600, [
    { resourceType: 'Patient', name: [{ family: 'Specimen', given: ['Alex'] }], birthDate: '1985-07-14' },
    dose(day(now, -90)),
    dose(day(now, -60)),
  ]);
  const text = shcText(await signShcJws(claims, { kid, privateJwk }));
  return {
    issuers: [{ id: SHC_DEMO_ISSUER, kind: 'url', names: { 'zh-CN': 'SMART 健康卡演示签发方', en: 'SMART Health Card demo issuer' } }],
    keys: [
      {
        issuer: SHC_DEMO_ISSUER,
        jwk: { kty: 'EC', crv: 'P-256', x: privateJwk.x, y: privateJwk.y, kid, alg: 'ES256' },
        validFrom: new Date(now.getTime() - 30 * DAY),
        validUntil: new Date(now.getTime() + 365 * DAY),
        kinds: ['vaccination', 'test'],
        formats: ['shc'],
      },
    ],
    codes: [
      {
        code: {
          name: 'pass-shc-vaccination',
          expect: 'PASS',
          issuer: SHC_DEMO_ISSUER,
          alg: 'ES256',
          about: { 'zh-CN': 'SMART 健康卡：完成两剂疫苗接种（演示签发方）', en: 'SMART Health Card: two-dose vaccination complete (demo issuer)' },
        },
        text,
      },
    ],
  };
};
