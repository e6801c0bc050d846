/**
 * A signer certificate carried in a code (ICAO VDS-NC's barcode signer certificate) -> the key
 * that verifies the code, when a country signing CA (CSCA) of the bundle issued it.
 *
 * The certificate must be issued by a CA entry (role 'ca') of the bundle for the code's format:
 * the CA names itself as issuer (subject = the certificate's issuer name, or SKI = AKI) — none
 * means UNKNOWN_KEY — and its key verifies the certificate's signature — otherwise
 * CERT_CHAIN_INVALID. A certificate so issued must also be fit to sign seals — an end entity, not a
 * CA (ICAO Doc 9303-12's barcode signer profile, which VDS-NC requires): basicConstraints without
 * cA, keyUsage (when present) with digitalSignature and without keyCertSign, and an extended key
 * usage (when present) that names the VDS-NC barcode signer, 2.23.136.1.1.14.2 — otherwise
 * KEY_USAGE: the chain holds, but the key may not sign this (a repeated or unreadable extension is
 * CERT_CHAIN_INVALID). The resulting key is valid where both certificates are (checkKey then gives
 * KEY_EXPIRED for a code signed outside that), may sign what both allow, and belongs to the CA's
 * issuer (checkKey gives ISSUER_MISMATCH when the code names another country).
 *
 * Results are cached per bundle index (a gate sees the same few signer certificates all day), by
 * the certificate's SHA-256, so a repeat scan costs one map lookup before the code's signature.
 */
import { bytesEqual, fromBase64, sha256, toBase64, toHex } from '../encoding/bytes.ts';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ECDSASigValue } from '@peculiar/asn1-ecc';
import { Certificate } from '@peculiar/asn1-x509';
import { fail, ok, type Result } from '../result.ts';
import type { TrustKey } from '../trust/bundle.ts';
import { issuedBy, namesIssuer, parseCertLink, type CertLink, type CertPurpose } from '../trust/cert-chain.ts';
import type { Trust } from '../trust/trust-index.ts';
import { keyFromCertificate } from '../trust/x509.ts';

const MAX_CACHED = 512;
const signerCache = new WeakMap<Trust, Map<string, Promise<Result<TrustKey>>>>();
const caCache = new WeakMap<TrustKey, CertLink | null>();

function caLink(ca: TrustKey): CertLink | null {
  let link = caCache.get(ca);
  if (link === undefined) {
    try {
      link = ca.x5c ? (parseCertLink(fromBase64(ca.x5c)) ?? null) : null;
    } catch {
      link = null;
    }
    caCache.set(ca, link);
  }
  return link;
}

export async function signerFromCertificate(der: Uint8Array, format: string, trust: Trust): Promise<Result<TrustKey>> {
  let cache = signerCache.get(trust);
  if (!cache) signerCache.set(trust, (cache = new Map()));
  const id = `${format}\u0000${toHex(await sha256(der))}`;
  let r = cache.get(id);
  if (!r) {
    if (cache.size >= MAX_CACHED) cache.clear(); // hostile input must not grow memory without bound
    r = resolve(der, format, trust);
    cache.set(id, r);
  }
  return r;
}

/**
 * The certificate parser is lenient (bytes after the certificate, unused bits or other tags in the
 * signature, non-minimal integers), and the kid is the SHA-256 of the bytes: so other spellings
 * of one certificate would each be another key id for the same key (found by test/fuzz). Only the
 * one DER spelling is taken: the certificate re-encodes to its own bytes, and an ECDSA signature
 * value re-encodes to its own bytes.
 */
function isDer(der: Uint8Array, cert: CertLink): boolean {
  try {
    if (!bytesEqual(new Uint8Array(AsnConvert.serialize(AsnConvert.parse(der, Certificate))), der)) return false;
    if (!cert.sigAlg.startsWith(ECDSA_OIDS)) return true;
    return bytesEqual(new Uint8Array(AsnConvert.serialize(AsnConvert.parse(cert.signature, ECDSASigValue))), cert.signature);
  } catch {
    return false;
  }
}
const ECDSA_OIDS = '1.2.840.10045.4.3.';

/** The VDS-NC barcode signer extended key usage (ICAO VDS-NC technical report; a health CSCA may carry …14.1). */
export const BARCODE_SIGNER_EKU = '2.23.136.1.1.14.2';
const KU_DIGITAL_SIGNATURE = 1;
const KU_KEY_CERT_SIGN = 32;

/** Why a certificate's key may not sign a seal, or undefined when it may. */
function unfitToSign(p: CertPurpose): string | undefined {
  if (p.ca) return 'signer certificate is a CA certificate (basicConstraints cA), not a barcode signer';
  if (p.keyUsage !== undefined && !(p.keyUsage & KU_DIGITAL_SIGNATURE)) return 'signer certificate keyUsage lacks digitalSignature';
  // RFC 5280 §4.2.1.3: keyCertSign is for CA keys only.
  if (p.keyUsage !== undefined && p.keyUsage & KU_KEY_CERT_SIGN) return 'signer certificate keyUsage has keyCertSign (a CA key)';
  if (p.extKeyUsage && !p.extKeyUsage.includes(BARCODE_SIGNER_EKU)) return `signer certificate extended key usage does not name the barcode signer (${BARCODE_SIGNER_EKU})`;
  return undefined;
}

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);
const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);

async function resolve(der: Uint8Array, format: string, trust: Trust): Promise<Result<TrustKey>> {
  const cert = parseCertLink(der);
  const key = await keyFromCertificate(der);
  if (!cert || !key.ok) return fail('CERT_CHAIN_INVALID', `signer certificate unusable: ${key.ok ? 'cannot be parsed' : (key.reason.detail ?? key.reason.code)}`);
  if (!isDer(der, cert)) return fail('CERT_CHAIN_INVALID', 'signer certificate is not in DER (another spelling of a certificate)');
  // A self-issued certificate is a CA's own (a CSCA or its link certificate), never a barcode
  // signer: without this, a seal signed with the CSCA key and carrying the CSCA certificate
  // passed as "issued by" itself (found by test/fuzz).
  if (bytesEqual(cert.subject, cert.issuer)) return fail('CERT_CHAIN_INVALID', 'signer certificate is self-issued (a CA certificate, not a barcode signer)');
  const named = trust.casFor(format).filter((ca) => {
    const link = caLink(ca);
    return link !== null && namesIssuer(cert, link);
  });
  if (named.length === 0) return fail('UNKNOWN_KEY', `no trusted ${format} CA issued the signer certificate${cert.country ? ` (country ${cert.country})` : ''}`);
  for (const ca of named) {
    if (!(await issuedBy(cert, ca.jwk))) continue;
    // The chain holds; what the certificate allows its key decides next.
    if (cert.purpose.repeated) return fail('CERT_CHAIN_INVALID', `signer certificate repeats extension ${cert.purpose.repeated} (RFC 5280 §4.2)`);
    if (cert.purpose.unreadable) return fail('CERT_CHAIN_INVALID', `signer certificate extension ${cert.purpose.unreadable} cannot be read`);
    const unfit = unfitToSign(cert.purpose);
    if (unfit) return fail('KEY_USAGE', unfit);
    const k = key.value;
    return ok({
      kid: k.kid,
      issuer: ca.issuer,
      formats: [format],
      alg: k.alg,
      jwk: k.jwk,
      x5c: toBase64(der),
      validFrom: later(k.validFrom, ca.validFrom),
      validUntil: earlier(k.validUntil, ca.validUntil),
      kinds: k.kinds.filter((x) => ca.kinds.includes(x)),
    });
  }
  return fail('CERT_CHAIN_INVALID', `signer certificate names a trusted ${format} CA of ${named[0]!.issuer}, but its signature does not verify with that CA's key`);
}
