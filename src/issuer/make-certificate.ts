/**
 * Minimal X.509 v3 certificates for demo worlds and tests (issuer side): a country signing CA
 * (self-signed, cA) and the signer certificates it issues, ECDSA: P-256 with SHA-256 by default, a
 * P-384 or P-521 issuer key signs with SHA-384 or SHA-512 (as ICAO Doc 9303-12 pairs them).
 * Built with the @peculiar/asn1-x509 schemas and signed with WebCrypto; nothing here runs at a gate.
 */
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { ECDSASigValue, ECParameters, id_ecdsaWithSHA256, id_ecdsaWithSHA384, id_ecdsaWithSHA512, id_ecPublicKey, id_secp256r1, id_secp384r1, id_secp521r1 } from '@peculiar/asn1-ecc';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  id_ce_extKeyUsage,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import type { EcPrivateJwk, EcPublicJwk } from '../core/crypto/jwk.ts';
import { sign } from '../core/crypto/verify-signature.ts';
import { concatBytes, fromBase64Url, sha256 } from '../core/encoding/bytes.ts';

export interface CertSubject {
  /** ISO 3166 alpha-2 country (C). */
  country: string;
  commonName: string;
}

export interface CertRequest {
  subject: CertSubject;
  /** The key the certificate certifies. */
  publicJwk: EcPublicJwk;
  notBefore: Date;
  notAfter: Date;
  /** A CA certificate (basicConstraints cA, keyCertSign); otherwise a signer (digitalSignature). */
  ca?: boolean;
  serial?: number;
  /** Extended key usage OIDs (e.g. the EU DCC's per-kind OIDs); none: no extension. */
  extKeyUsage?: string[];
  /** DER SubjectPublicKeyInfo to write instead of `publicJwk`'s named-curve one (tests: explicit EC parameters). */
  spki?: Uint8Array;
  /** Key usage bits (KeyUsageFlags) instead of the default for `ca`; null: no keyUsage extension (tests of signer purpose). */
  keyUsage?: number | null;
  /** basicConstraints: cA true or false as given; null: none. Default: cA true for `ca`, none otherwise. */
  basicConstraintsCa?: boolean | null;
  /** Further extensions, written after the others as given (tests: a repeated extension). */
  extraExtensions?: { extnID: string; critical: boolean; value: unknown }[];
}

/** Who signs: the CA's name and key pair (for a self-signed CA, its own). */
export interface CertIssuer {
  subject: CertSubject;
  privateJwk: EcPrivateJwk;
  publicJwk: EcPublicJwk;
}

const OID_C = '2.5.4.6';
const OID_CN = '2.5.4.3';

// C and CN as PrintableString, as most CSCAs write them.
function nameOf(s: CertSubject): Name {
  const rdn = (type: string, value: string) => new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: new AttributeValue({ printableString: value }) })]);
  return new Name([rdn(OID_C, s.country), rdn(OID_CN, s.commonName)]);
}

const point = (jwk: EcPublicJwk) => concatBytes(new Uint8Array([4]), fromBase64Url(jwk.x), fromBase64Url(jwk.y));

const CURVE: Record<string, { oid: string; sigAlg: string; alg: 'ES256' | 'ES384' | 'ES512'; size: number }> = {
  'P-256': { oid: id_secp256r1, sigAlg: id_ecdsaWithSHA256, alg: 'ES256', size: 32 },
  'P-384': { oid: id_secp384r1, sigAlg: id_ecdsaWithSHA384, alg: 'ES384', size: 48 },
  'P-521': { oid: id_secp521r1, sigAlg: id_ecdsaWithSHA512, alg: 'ES512', size: 66 },
};
function curveOf(jwk: EcPublicJwk) {
  const c = CURVE[jwk.crv];
  if (!c) throw new Error(`certificates for ${jwk.crv} keys are not made here`);
  return c;
}

const spkiOf = (jwk: EcPublicJwk) =>
  new SubjectPublicKeyInfo({
    algorithm: new AlgorithmIdentifier({ algorithm: id_ecPublicKey, parameters: AsnConvert.serialize(new ECParameters({ namedCurve: curveOf(jwk).oid })) }),
    subjectPublicKey: point(jwk).slice().buffer,
  });

/** Subject key identifier: SHA-256 of the public point, first 20 bytes (RFC 7093 method 1). */
async function keyIdOf(jwk: EcPublicJwk): Promise<Uint8Array> {
  return (await sha256(point(jwk))).subarray(0, 20);
}

const ext = (extnID: string, critical: boolean, value: unknown) =>
  new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });

export async function makeCertificate(req: CertRequest, issuer: CertIssuer): Promise<Uint8Array> {
  const signer = issuer;
  const curve = curveOf(issuer.publicJwk);
  const sigAlg = new AlgorithmIdentifier({ algorithm: curve.sigAlg });
  const extensions = [
    ext(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(await keyIdOf(req.publicJwk))),
    ext(id_ce_authorityKeyIdentifier, false, new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(await keyIdOf(signer.publicJwk)) })),
  ];
  const keyUsage = req.keyUsage === undefined ? (req.ca ? KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign : KeyUsageFlags.digitalSignature) : req.keyUsage;
  if (keyUsage !== null) extensions.push(ext(id_ce_keyUsage, true, new KeyUsage(keyUsage)));
  if (req.extKeyUsage?.length) extensions.push(ext(id_ce_extKeyUsage, false, new ExtendedKeyUsage(req.extKeyUsage)));
  const cA = req.basicConstraintsCa === undefined ? (req.ca ? true : null) : req.basicConstraintsCa;
  if (cA !== null) extensions.push(ext(id_ce_basicConstraints, true, cA ? new BasicConstraints({ cA: true, pathLenConstraint: 0 }) : new BasicConstraints({ cA: false })));
  for (const x of req.extraExtensions ?? []) extensions.push(ext(x.extnID, x.critical, x.value));
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: new Uint8Array([0x01, (req.serial ?? 1) & 0xff, (req.serial ?? 1) >> 8]).buffer as ArrayBuffer,
    signature: sigAlg,
    issuer: nameOf(signer.subject),
    validity: new Validity({ notBefore: req.notBefore, notAfter: req.notAfter }),
    subject: nameOf(req.subject),
    subjectPublicKeyInfo: req.spki ? AsnConvert.parse(req.spki, SubjectPublicKeyInfo) : spkiOf(req.publicJwk),
    extensions: new Extensions(extensions),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const raw = await sign(curve.alg, issuer.privateJwk, tbsDer);
  const der = (n: Uint8Array) => {
    let i = 0;
    while (i < n.length - 1 && n[i] === 0) i++;
    const t = n.subarray(i);
    return (t[0]! & 0x80 ? concatBytes(new Uint8Array([0]), t) : t).slice().buffer as ArrayBuffer;
  };
  const sigValue = AsnConvert.serialize(new ECDSASigValue({ r: der(raw.subarray(0, curve.size)), s: der(raw.subarray(curve.size)) }));
  const cert = new Certificate({ tbsCertificate: tbs, signatureAlgorithm: sigAlg, signatureValue: sigValue });
  return new Uint8Array(AsnConvert.serialize(cert));
}

/** A self-signed CA certificate (a CSCA). */
export function selfSignedCa(subject: CertSubject, keys: { privateJwk: EcPrivateJwk; publicJwk: EcPublicJwk }, notBefore: Date, notAfter: Date): Promise<Uint8Array> {
  return makeCertificate({ subject, publicJwk: keys.publicJwk, notBefore, notAfter, ca: true }, { subject, ...keys });
}
