/**
 * One link of a certificate chain: was this certificate issued by that CA? Parses what the link
 * needs (the exact to-be-signed bytes, issuer/subject names, key identifiers, validity) and checks
 * the issuer's signature with WebCrypto: ECDSA (SHA-256/384/512, any NIST curve), RSA PKCS#1 v1.5
 * and RSASSA-PSS (SHA-256/384/512) — what country signing CAs use (ICAO Doc 9303-12).
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { ECDSASigValue, id_ecdsaWithSHA256, id_ecdsaWithSHA384, id_ecdsaWithSHA512 } from '@peculiar/asn1-ecc';
import { id_RSASSA_PSS, id_sha256, id_sha256WithRSAEncryption, id_sha384, id_sha384WithRSAEncryption, id_sha512, id_sha512WithRSAEncryption, RsaSaPssParams } from './rsa-asn1.ts';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
  KeyUsage,
  SubjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import type { PublicJwk } from '../crypto/jwk.ts';
import { bytesEqual } from '../encoding/bytes.ts';

export interface CertLink {
  der: Uint8Array;
  /** The exact bytes the issuer signed (tbsCertificate as encoded, not re-encoded). */
  tbs: Uint8Array;
  sigAlg: string;
  sigParams?: ArrayBuffer;
  signature: Uint8Array;
  /** DER of the issuer and subject names (re-encoded by one library, so comparable). */
  issuer: Uint8Array;
  subject: Uint8Array;
  authorityKeyId?: Uint8Array;
  subjectKeyId?: Uint8Array;
  notBefore: string;
  notAfter: string;
  /** Subject country (C), upper case, when present. */
  country?: string;
  /** What the certificate says its key is for (RFC 5280 §4.2.1.3, .9, .12); absent extensions are absent here. */
  purpose: CertPurpose;
}

export interface CertPurpose {
  /** basicConstraints cA (false when the extension is present without it). */
  ca?: boolean;
  /** keyUsage bits as KeyUsageFlags (digitalSignature = 1, keyCertSign = 32, …). */
  keyUsage?: number;
  /** extendedKeyUsage OIDs. */
  extKeyUsage?: string[];
  /** An extension written more than once (RFC 5280 §4.2 forbids it: which one would count?). */
  repeated?: string;
  /** A purpose extension that cannot be read (its OID): nothing can be concluded from it. */
  unreadable?: string;
}

/**
 * The purpose extensions, read apart from the rest: a CA certificate is still a usable link when
 * one of them is damaged, and a signer certificate is then unfit (`unreadable`), never fit.
 */
function purposeOf(extensions: readonly { extnID: string; extnValue: { buffer: ArrayBuffer } }[]): CertPurpose {
  const ids = extensions.map((x) => x.extnID);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  const purpose: CertPurpose = repeated ? { repeated } : {};
  const raw = (id: string) => extensions.find((x) => x.extnID === id)?.extnValue.buffer;
  const read = (id: string, f: (b: ArrayBuffer) => void) => {
    const b = raw(id);
    if (!b) return;
    try {
      f(b);
    } catch {
      purpose.unreadable ??= id;
    }
  };
  read(id_ce_basicConstraints, (b) => (purpose.ca = AsnConvert.parse(b, BasicConstraints).cA));
  read(id_ce_keyUsage, (b) => (purpose.keyUsage = AsnConvert.parse(b, KeyUsage).toNumber()));
  read(id_ce_extKeyUsage, (b) => (purpose.extKeyUsage = [...(AsnConvert.parse(b, ExtendedKeyUsage) as unknown as string[])]));
  return purpose;
}

const OID_COUNTRY = '2.5.4.6';

/** Length of a DER TLV at `at`: [header bytes, content bytes], or undefined when it runs past `end`. */
function tlv(b: Uint8Array, at: number, end: number): [number, number] | undefined {
  if (at + 2 > end) return undefined;
  const first = b[at + 1]!;
  if (first < 0x80) return at + 2 + first <= end ? [2, first] : undefined;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || at + 2 + n > end) return undefined;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[at + 2 + i]!;
  return at + 2 + n + len <= end ? [2 + n, len] : undefined;
}

/** The first element inside the outer SEQUENCE: the tbsCertificate's own bytes. */
function tbsBytes(der: Uint8Array): Uint8Array | undefined {
  const outer = tlv(der, 0, der.length);
  if (!outer || der[0] !== 0x30) return undefined;
  const start = outer[0];
  const inner = tlv(der, start, outer[0] + outer[1]);
  if (!inner || der[start] !== 0x30) return undefined;
  return der.subarray(start, start + inner[0] + inner[1]);
}

export function parseCertLink(der: Uint8Array): CertLink | undefined {
  try {
    const cert = AsnConvert.parse(der, Certificate);
    const tbs = tbsBytes(der);
    if (!tbs) return undefined;
    const t = cert.tbsCertificate;
    const ext = (id: string) => t.extensions?.find((x) => x.extnID === id)?.extnValue.buffer;
    const akiRaw = ext(id_ce_authorityKeyIdentifier);
    const skiRaw = ext(id_ce_subjectKeyIdentifier);
    const aki = akiRaw ? AsnConvert.parse(akiRaw, AuthorityKeyIdentifier).keyIdentifier : undefined;
    const ski = skiRaw ? AsnConvert.parse(skiRaw, SubjectKeyIdentifier) : undefined;
    let country: string | undefined;
    for (const rdn of t.subject) for (const atv of rdn) if (atv.type === OID_COUNTRY) country = atv.value.toString().toUpperCase();
    return {
      der,
      tbs,
      sigAlg: cert.signatureAlgorithm.algorithm,
      ...(cert.signatureAlgorithm.parameters ? { sigParams: cert.signatureAlgorithm.parameters } : {}),
      signature: new Uint8Array(cert.signatureValue),
      issuer: new Uint8Array(AsnConvert.serialize(t.issuer)),
      subject: new Uint8Array(AsnConvert.serialize(t.subject)),
      ...(aki ? { authorityKeyId: new Uint8Array(aki.buffer) } : {}),
      ...(ski ? { subjectKeyId: new Uint8Array(ski.buffer) } : {}),
      notBefore: t.validity.notBefore.getTime().toISOString(),
      notAfter: t.validity.notAfter.getTime().toISOString(),
      ...(country ? { country } : {}),
      purpose: purposeOf(t.extensions ?? []),
    };
  } catch {
    return undefined;
  }
}

/** Whether `ca` names itself as the issuer of `cert`: same name, or the key identifiers agree. */
export function namesIssuer(cert: CertLink, ca: CertLink): boolean {
  if (bytesEqual(cert.issuer, ca.subject)) return true;
  return !!cert.authorityKeyId && !!ca.subjectKeyId && bytesEqual(cert.authorityKeyId, ca.subjectKeyId);
}

const HASH_OF: Record<string, string> = { [id_sha256]: 'SHA-256', [id_sha384]: 'SHA-384', [id_sha512]: 'SHA-512' };
const ECDSA_HASH: Record<string, string> = { [id_ecdsaWithSHA256]: 'SHA-256', [id_ecdsaWithSHA384]: 'SHA-384', [id_ecdsaWithSHA512]: 'SHA-512' };
const RSA_HASH: Record<string, string> = {
  [id_sha256WithRSAEncryption]: 'SHA-256',
  [id_sha384WithRSAEncryption]: 'SHA-384',
  [id_sha512WithRSAEncryption]: 'SHA-512',
};
const CURVE_BYTES: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

// Imported CA keys, per JWK object (bundle keys live as long as their bundle) and import parameters.
const keyCache = new WeakMap<PublicJwk, Map<string, Promise<CryptoKey>>>();
function importFor(jwk: PublicJwk, alg: RsaHashedImportParams | EcKeyImportParams): Promise<CryptoKey> {
  let m = keyCache.get(jwk);
  if (!m) keyCache.set(jwk, (m = new Map()));
  const id = JSON.stringify(alg);
  let p = m.get(id);
  if (!p) {
    const bare = jwk.kty === 'RSA' ? { kty: 'RSA', n: jwk.n, e: jwk.e } : { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y };
    p = crypto.subtle.importKey('jwk', bare, alg, false, ['verify']);
    m.set(id, p);
  }
  return p;
}

/** DER ECDSA-Sig-Value -> raw r||s, each left-padded to the curve size. */
function rawEcdsa(sig: Uint8Array, size: number): Uint8Array | undefined {
  const v = AsnConvert.parse(sig, ECDSASigValue);
  const out = new Uint8Array(2 * size);
  const put = (n: ArrayBuffer, at: number) => {
    let b = new Uint8Array(n);
    while (b.length > 1 && b[0] === 0) b = b.subarray(1);
    if (b.length > size) return false;
    out.set(b, at + size - b.length);
    return true;
  };
  return put(v.r, 0) && put(v.s, size) ? out : undefined;
}

/** True when `issuerJwk` signed `cert`. Unknown algorithms and malformed signatures verify nothing. */
export async function issuedBy(cert: CertLink, issuerJwk: PublicJwk): Promise<boolean> {
  try {
    const data = cert.tbs as Uint8Array<ArrayBuffer>;
    const ecHash = ECDSA_HASH[cert.sigAlg];
    if (ecHash) {
      if (issuerJwk.kty !== 'EC' || !CURVE_BYTES[issuerJwk.crv]) return false;
      const raw = rawEcdsa(cert.signature, CURVE_BYTES[issuerJwk.crv]!);
      if (!raw) return false;
      const key = await importFor(issuerJwk, { name: 'ECDSA', namedCurve: issuerJwk.crv });
      return await crypto.subtle.verify({ name: 'ECDSA', hash: ecHash }, key, raw as Uint8Array<ArrayBuffer>, data);
    }
    if (issuerJwk.kty !== 'RSA') return false;
    const rsaHash = RSA_HASH[cert.sigAlg];
    if (rsaHash) {
      const key = await importFor(issuerJwk, { name: 'RSASSA-PKCS1-v1_5', hash: rsaHash });
      return await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, cert.signature as Uint8Array<ArrayBuffer>, data);
    }
    if (cert.sigAlg === id_RSASSA_PSS && cert.sigParams) {
      const p = AsnConvert.parse(cert.sigParams, RsaSaPssParams);
      const hash = HASH_OF[p.hashAlgorithm.algorithm];
      if (!hash) return false;
      const key = await importFor(issuerJwk, { name: 'RSA-PSS', hash });
      return await crypto.subtle.verify({ name: 'RSA-PSS', saltLength: p.saltLength }, key, cert.signature as Uint8Array<ArrayBuffer>, data);
    }
    return false;
  } catch {
    return false;
  }
}
