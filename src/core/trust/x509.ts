/**
 * A document signer certificate (X.509, DER or PEM) -> the key a trust bundle holds: public JWK,
 * algorithm, kid (first 8 bytes of SHA-256 of the DER, as the EU DCC defines it), validity, the
 * credential kinds its extended key usage allows, and its country. Parsing is done by the
 * @peculiar/asn1-* schemas, not by hand. EC keys on P-256/384/521, named or written as explicit
 * parameters that equal one of those exactly (ec-curves.ts); RSA keys.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { ECParameters, id_ecPublicKey, id_secp256r1, id_secp384r1, id_secp521r1 } from '@peculiar/asn1-ecc';
import { id_RSASSA_PSS, id_rsaEncryption, RSAPublicKey } from './rsa-asn1.ts';
import { Certificate, ExtendedKeyUsage, id_ce_extKeyUsage } from '@peculiar/asn1-x509';
import type { AlgName } from '../crypto/algorithms.ts';
import { curveOfExplicit, type NistCurve } from './ec-curves.ts';
import type { PublicJwk } from '../crypto/jwk.ts';
import { fromBase64, sha256, toBase64Url } from '../encoding/bytes.ts';
import type { CredentialKind } from '../model/credential.ts';
import { fail, ok, type Result } from '../result.ts';

export interface CertificateKey {
  der: Uint8Array;
  kid: string;
  alg: AlgName;
  jwk: PublicJwk;
  validFrom: string;
  validUntil: string;
  kinds: CredentialKind[];
  /** Subject country (C), when present. */
  country?: string;
}

export type CertificateErrorCode = 'CERT_INVALID' | 'CERT_UNSUPPORTED_KEY';

/** EU DCC key usage OIDs (the hcert spec lists both the .0. and the plain arc). */
const DCC_EKU: Record<string, CredentialKind> = {
  '1.3.6.1.4.1.1847.2021.1.1': 'test',
  '1.3.6.1.4.1.1847.2021.1.2': 'vaccination',
  '1.3.6.1.4.1.1847.2021.1.3': 'recovery',
  '1.3.6.1.4.1.0.1847.2021.1.1': 'test',
  '1.3.6.1.4.1.0.1847.2021.1.2': 'vaccination',
  '1.3.6.1.4.1.0.1847.2021.1.3': 'recovery',
};
/** Without any DCC key usage OID, a DSC may sign every kind of certificate. */
const ALL_DCC_KINDS: CredentialKind[] = ['test', 'vaccination', 'recovery'];

const CURVES: Record<string, { crv: 'P-256' | 'P-384' | 'P-521'; alg: AlgName; size: number }> = {
  [id_secp256r1]: { crv: 'P-256', alg: 'ES256', size: 32 },
  [id_secp384r1]: { crv: 'P-384', alg: 'ES384', size: 48 },
  [id_secp521r1]: { crv: 'P-521', alg: 'ES512', size: 66 },
};
const CURVE_BY_NAME = Object.fromEntries(Object.values(CURVES).map((c) => [c.crv, c])) as Record<NistCurve, (typeof CURVES)[string]>;
const OID_COUNTRY = '2.5.4.6';

/** DER bytes from DER or PEM input. */
export function certificateDer(input: Uint8Array | string): Uint8Array {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input.subarray(0, 64));
  if (text.includes('-----BEGIN')) {
    const pem = typeof input === 'string' ? input : new TextDecoder().decode(input);
    const body = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem)?.[1];
    if (!body) throw new Error('no CERTIFICATE block in PEM');
    return fromBase64(body);
  }
  return typeof input === 'string' ? fromBase64(input) : input;
}

const unsignedBytes = (b: ArrayBuffer): Uint8Array => {
  const u = new Uint8Array(b);
  let i = 0;
  while (i < u.length - 1 && u[i] === 0) i++; // ASN.1 INTEGERs carry a sign byte
  return u.subarray(i);
};

export async function keyFromCertificate(input: Uint8Array | string): Promise<Result<CertificateKey, CertificateErrorCode>> {
  let der: Uint8Array;
  let cert: Certificate;
  try {
    der = certificateDer(input);
    cert = AsnConvert.parse(der, Certificate);
  } catch (e) {
    return fail('CERT_INVALID', e instanceof Error ? e.message.slice(0, 120) : 'not an X.509 certificate');
  }
  const tbs = cert.tbsCertificate;
  const spki = tbs.subjectPublicKeyInfo;
  let jwk: PublicJwk;
  let alg: AlgName;
  try {
    if (spki.algorithm.algorithm === id_ecPublicKey) {
      if (!spki.algorithm.parameters) return fail('CERT_UNSUPPORTED_KEY', 'EC key without domain parameters');
      const params = AsnConvert.parse(spki.algorithm.parameters, ECParameters);
      let curve: (typeof CURVES)[string] | undefined;
      if (params.namedCurve) {
        curve = CURVES[params.namedCurve];
        if (!curve) return fail('CERT_UNSUPPORTED_KEY', `EC curve ${params.namedCurve}`);
      } else if (params.specifiedCurve) {
        // Explicit parameters (e.g. Japan's CSCA): usable only when they are exactly a NIST curve.
        const explicit = curveOfExplicit(params.specifiedCurve);
        if (!explicit.ok) return explicit;
        curve = CURVE_BY_NAME[explicit.value];
      } else return fail('CERT_UNSUPPORTED_KEY', 'EC curve implicit (implicitCurve), not named or specified');
      const point = new Uint8Array(spki.subjectPublicKey);
      if (point[0] !== 0x04 || point.length !== 1 + 2 * curve.size) return fail('CERT_UNSUPPORTED_KEY', 'EC point is not uncompressed');
      jwk = { kty: 'EC', crv: curve.crv, x: toBase64Url(point.subarray(1, 1 + curve.size)), y: toBase64Url(point.subarray(1 + curve.size)) };
      alg = curve.alg;
    } else if (spki.algorithm.algorithm === id_rsaEncryption || spki.algorithm.algorithm === id_RSASSA_PSS) {
      const rsa = AsnConvert.parse(spki.subjectPublicKey, RSAPublicKey);
      jwk = { kty: 'RSA', n: toBase64Url(unsignedBytes(rsa.modulus)), e: toBase64Url(unsignedBytes(rsa.publicExponent)) };
      alg = 'PS256'; // the DCC's RSA algorithm
    } else {
      return fail('CERT_UNSUPPORTED_KEY', `key algorithm ${spki.algorithm.algorithm}`);
    }
  } catch (e) {
    return fail('CERT_INVALID', e instanceof Error ? e.message.slice(0, 120) : 'bad public key');
  }

  const eku = tbs.extensions?.find((x) => x.extnID === id_ce_extKeyUsage);
  let kinds = ALL_DCC_KINDS;
  if (eku) {
    try {
      const oids = AsnConvert.parse(eku.extnValue, ExtendedKeyUsage) as unknown as string[];
      const dcc = [...new Set(oids.map((o) => DCC_EKU[o]).filter((k): k is CredentialKind => k !== undefined))];
      if (dcc.length) kinds = dcc;
    } catch {
      return fail('CERT_INVALID', 'extended key usage cannot be parsed');
    }
  }
  let country: string | undefined;
  for (const rdn of tbs.subject) for (const atv of rdn) if (atv.type === OID_COUNTRY) country = atv.value.toString().toUpperCase();

  return ok({
    der,
    kid: toBase64Url((await sha256(der)).subarray(0, 8)),
    alg,
    jwk,
    validFrom: tbs.validity.notBefore.getTime().toISOString(),
    validUntil: tbs.validity.notAfter.getTime().toISOString(),
    kinds,
    ...(country ? { country } : {}),
  });
}
