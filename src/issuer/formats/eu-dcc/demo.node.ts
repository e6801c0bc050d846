/**
 * The demo world's EU Digital COVID Certificate: a demo document signer certificate (X.509, with
 * the DCC's extended key usage OIDs for tests, vaccinations and recoveries) issued by a demo
 * country signing CA for Austria (AT: a country the e2e tests' foreign certificates do not use),
 * put in the bundle as a `cert` key (kid = first 8 bytes of SHA-256 of its DER, as the DCC
 * defines it), and one complete two-dose vaccination signed with it, which passes the default
 * policy. DEMO KEYS ONLY: no real country signs with these.
 */
import { sign } from '../../../core/crypto/verify-signature.ts';
import { encodeBase45 } from '../../../core/encoding/base45.ts';
import { fromBase64Url } from '../../../core/encoding/bytes.ts';
import { encodeCbor } from '../../../core/encoding/cbor.ts';
import { encodeCoseSign1, encodeProtectedHeader, sigStructure } from '../../../core/encoding/cose-sign1.ts';
import { deflateZlib } from '../../../core/encoding/zlib.ts';
import { CLAIM, CLAIM_HCERT, HCERT_EU_DCC, PREFIX } from '../../../core/formats/eu-dcc/constants.ts';
import { keyFromCertificate } from '../../../core/trust/x509.ts';
import type { DemoContributor } from '../../demo-world.node.ts';
import { generateKeyPair } from '../../keys.ts';
import { makeCertificate, selfSignedCa } from '../../make-certificate.ts';
import { countryNames } from '../../regions.ts';

const COUNTRY = 'AT';
const DAY = 86_400_000;
/** EU DCC extended key usage: test, vaccination, recovery (hcert specification, section 5.1.1). */
const DCC_EKU = ['1.3.6.1.4.1.1847.2021.1.1', '1.3.6.1.4.1.1847.2021.1.2', '1.3.6.1.4.1.1847.2021.1.3'];
/** COSE algorithm id of ES256. */
const COSE_ES256 = -7;

export const euDccDemo: DemoContributor = async (now) => {
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const csca = await generateKeyPair('ES256');
  const cscaSubject = { country: COUNTRY, commonName: 'gatecheck DEMO CSCA (not a real authority)' };
  await selfSignedCa(cscaSubject, csca, at(-60), at(3 * 365));
  const dsc = await generateKeyPair('ES256');
  const der = await makeCertificate(
    { subject: { country: COUNTRY, commonName: 'gatecheck DEMO DSC (not a real signer)' }, publicJwk: dsc.publicJwk, notBefore: at(-30), notAfter: at(2 * 365), extKeyUsage: DCC_EKU, serial: 2 },
    { subject: cscaSubject, privateJwk: csca.privateJwk, publicJwk: csca.publicJwk },
  );
  const cert = await keyFromCertificate(der);
  if (!cert.ok) throw new Error(`demo DSC: ${cert.reason.code}`);

  const dcc = {
    ver: '1.3.0',
    nam: { fn: 'Specimen', fnt: 'SPECIMEN', gn: 'Anna', gnt: 'ANNA' },
    dob: '1990-04-12',
    v: [
      {
        tg: '840539006', // COVID-19
        vp: '1119349007', // SARS-CoV-2 mRNA vaccine
        mp: 'EU/1/20/1528', // Comirnaty
        ma: 'ORG-100030215', // Biontech Manufacturing GmbH
        dn: 2,
        sd: 2,
        dt: at(-60).toISOString().slice(0, 10),
        co: COUNTRY,
        is: 'gatecheck demo issuer (DEMO ONLY)',
        ci: 'URN:UVCI:01:AT:GATECHECKDEMO0000001#7',
      },
    ],
  };
  const claims = new Map<number, unknown>([
    [CLAIM.iss, COUNTRY],
    [CLAIM.iat, Math.floor(now.getTime() / 1000) - 3600],
    [CLAIM.exp, Math.floor(at(365).getTime() / 1000)],
    [CLAIM_HCERT, new Map([[HCERT_EU_DCC, dcc]])],
  ]);
  const payload = encodeCbor(claims);
  const protectedHeader = encodeProtectedHeader(COSE_ES256, fromBase64Url(cert.value.kid));
  const signature = await sign('ES256', dsc.privateJwk, sigStructure(protectedHeader, payload));
  const text = PREFIX + encodeBase45(deflateZlib(encodeCoseSign1(protectedHeader, payload, signature)));

  return {
    issuers: [{ id: COUNTRY, kind: 'country', names: countryNames(COUNTRY) }],
    keys: [{ issuer: COUNTRY, cert: cert.value }],
    codes: [
      {
        code: {
          name: 'pass-eu-dcc-vaccination',
          expect: 'PASS',
          issuer: COUNTRY,
          alg: 'ES256',
          about: {
            'zh-CN': '欧盟数字新冠证书（EU DCC）：完成两剂疫苗接种（演示签名证书）',
            en: 'EU Digital COVID Certificate: two-dose vaccination complete (demo signer certificate)',
          },
        },
        text,
      },
    ],
  };
};
