/**
 * The worked examples of docs/formats/cn-health-code.md as data: fixed keys, inputs, times, and how
 * each is verified. scripts/spec-examples.ts renders them.
 *
 * EXAMPLE KEYS ONLY: the private keys below are published in the specification. Never trust them.
 */
import type { AlgName } from '../src/core/crypto/algorithms.ts';
import type { EcPrivateJwk } from '../src/core/crypto/jwk.ts';
import { DOMESTIC_KINDS } from '../src/issuer/sign-bundle.ts';
import type { ExampleInput, ExamplePresentation, ExampleVerification } from '../test/support/cn-hc-spec-examples.ts';

export type ExampleJwk = EcPrivateJwk & { kid: string; alg: AlgName };

export interface Example {
  id: 'es256' | 'sm2' | 'bound';
  title: string;
  key: ExampleJwk;
  input: ExampleInput;
  verification: ExampleVerification;
  /** v1.1: the holder device's private key (its public part is input.deviceKey) and when it presents the code. */
  device?: { key: ExampleJwk; presentation: ExamplePresentation };
}

/** Generated once with src/issuer/keys.ts generateKeyPair. EXAMPLE ONLY. */
const ES256_KEY: ExampleJwk = {
  kty: 'EC',
  crv: 'P-256',
  x: 'MYDf1TYyvIv1Gqk5U55MiJBbnk277T7vCN-Lm3LbUEw',
  y: 'AVj7sluXCpK_c3BryxdWGY_h25Y88Ui7d3trQRi87GA',
  d: 'rmjPQnODjyQbyOEeEbByLOEBnzdvMC1-CGQViGIDBz4',
  kid: 'q8zkqay4HY0',
  alg: 'ES256',
};

/** Generated once with src/issuer/keys.ts generateKeyPair. EXAMPLE ONLY. */
const SM2_KEY: ExampleJwk = {
  kty: 'EC',
  crv: 'SM2',
  x: '2vHt6I10U1QUan7Y5o7lddGQrb8Hq9tb9az7EFPo3Nw',
  y: '9OQEtfjn18_m9mIJdC7Mmp1KB_rTn07YGnqLbJABPrQ',
  d: 'iurbcedqSXgPa5h_YboE4HNX3c3RPIMqZbrgSy_a9JY',
  kid: 'SLDP7yMK69s',
  alg: 'SM2-SM3',
};

/** The holder device's key of example 3 (a phone would keep it non-extractable). Generated once with generateKeyPair. EXAMPLE ONLY. */
const DEVICE_KEY: ExampleJwk = {
  kty: 'EC',
  crv: 'P-256',
  x: 'p3IkXoqVK_H5pRo6CCJeUpSrMXcKZfnz5Lebe9Nh-9k',
  y: 'UasUDSyhTlsKtRFYMOR7oCS-uX3TwwjfhHaKyCW_3DQ',
  d: 'sUzLxfW1CxaE6sT0XSar19LCtkgtQlqMFbcRnddEkrE',
  kid: 'zh2lz_Jf_QU',
  alg: 'ES256',
};

const KEY_VALIDITY = { validFrom: '2022-01-01T00:00:00.000Z', validUntil: '2023-01-01T00:00:00.000Z' };

export const EXAMPLES: Example[] = [
  {
    id: 'es256',
    title: 'ES256, Guangdong (440000), green, one negative NAT',
    key: ES256_KEY,
    input: {
      issuer: '440000',
      codeId: '5f1c0a2e9b7d43a18e6f20c4d1b3a795',
      issuedAt: '2022-06-01T00:00:00.000Z',
      expiresAt: '2022-06-02T00:00:00.000Z',
      status: 'green',
      holder: { name: '张小三', birthDate: '1990-05-17', idTail: '123X' },
      tests: [{ type: 'NAT', result: 'negative', sampledAt: '2022-05-31T02:15:00.000Z' }],
    },
    verification: {
      trustedKey: { issuer: '440000', kid: ES256_KEY.kid, alg: 'ES256', ...KEY_VALIDITY, kinds: DOMESTIC_KINDS },
      now: '2022-06-01T02:00:00.000Z',
      outcome: 'PASS',
    },
  },
  {
    id: 'sm2',
    title: 'SM2 with SM3, Shanghai (310000), green, three vaccine doses',
    key: SM2_KEY,
    input: {
      issuer: '310000',
      codeId: '0d8e7a4c3b2f41e6a9c5b1d7e3f80246',
      issuedAt: '2022-06-01T01:30:00.000Z',
      expiresAt: '2022-06-01T13:30:00.000Z',
      status: 'green',
      holder: { name: '李四', birthDate: '1985-11-02', idTail: '0421' },
      vaccinations: [
        { dose: 1, of: 3, date: '2021-04-10', product: 'CoronaVac' },
        { dose: 2, of: 3, date: '2021-05-08', product: 'CoronaVac' },
        { dose: 3, of: 3, date: '2021-11-20', product: 'CoronaVac' },
      ],
    },
    verification: {
      trustedKey: { issuer: '310000', kid: SM2_KEY.kid, alg: 'SM2-SM3', ...KEY_VALIDITY, kinds: DOMESTIC_KINDS },
      now: '2022-06-01T03:00:00.000Z',
      outcome: 'PASS',
    },
  },
  {
    // Example 1's content and key, bound to a device: the size difference is the binding alone.
    id: 'bound',
    title: 'ES256, Guangdong (440000), bound to the holder\'s phone (v1.1), and its live presentation',
    key: ES256_KEY,
    input: {
      issuer: '440000',
      codeId: '8d090050e12c9ce469a1725555e51049',
      issuedAt: '2022-06-01T00:00:00.000Z',
      expiresAt: '2022-06-02T00:00:00.000Z',
      status: 'green',
      holder: { name: '张小三', birthDate: '1990-05-17', idTail: '123X' },
      tests: [{ type: 'NAT', result: 'negative', sampledAt: '2022-05-31T02:15:00.000Z' }],
      deviceKey: { kty: 'EC', crv: 'P-256', x: DEVICE_KEY.x, y: DEVICE_KEY.y },
    },
    verification: {
      trustedKey: { issuer: '440000', kid: ES256_KEY.kid, alg: 'ES256', ...KEY_VALIDITY, kinds: DOMESTIC_KINDS },
      now: '2022-06-01T02:00:05.000Z',
      outcome: 'PASS',
    },
    device: { key: DEVICE_KEY, presentation: { presentedAt: '2022-06-01T02:00:05.000Z', slot: 165404880 } },
  },
];
