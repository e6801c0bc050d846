/**
 * verify: key from the trust bundle by (format, kid); signature; key validity, usage and issuer.
 * A code that carries its signer certificate (Decoded.signerCertificate) is verified with that
 * certificate's key when the bundle lists the certificate, or when a CA entry of the bundle issued
 * it (signer-certificate.ts).
 */
import type { Envelope } from '../formats/format.ts';
import { signerFromCertificate } from './signer-certificate.ts';
import { verifySignature } from '../crypto/verify-signature.ts';
import type { Credential } from '../model/credential.ts';
import type { Reason } from '../model/reasons.ts';
import { fail, ok, type Result } from '../result.ts';
import type { TrustKey } from '../trust/bundle.ts';
import type { Trust } from '../trust/trust-index.ts';

/** Finds the trusted key that made the signature. Several keys may share a kid: each is tried. */
export async function verifyWithTrust(decoded: Envelope, trust: Trust): Promise<Result<TrustKey>> {
  let candidates = trust.keysFor(decoded.format, decoded.kid);
  if (candidates.length === 0 && decoded.signerCertificate) {
    const signer = await signerFromCertificate(decoded.signerCertificate, decoded.format, trust);
    if (!signer.ok) return signer;
    candidates = [signer.value];
  }
  if (candidates.length === 0) return fail('UNKNOWN_KEY', unknownKeyDetail(decoded, trust));
  let algMismatch = true;
  for (const key of candidates) {
    if (key.alg !== decoded.alg) continue;
    algMismatch = false;
    if (await verifySignature(key.alg, key.jwk, decoded.signedBytes, decoded.signature)) return ok(key);
  }
  return fail('SIGNATURE_INVALID', algMismatch ? `code says ${decoded.alg}, the key is for another algorithm` : 'signature does not verify');
}

/** Why no key was found: for a code whose key id is scoped by its issuer, whether the issuer itself is trusted. */
function unknownKeyDetail(decoded: Envelope, trust: Trust): string {
  const issuerTrusted = decoded.issuer !== undefined && trust.bundle.keys.some((k) => k.issuer === decoded.issuer && k.formats.includes(decoded.format));
  if (decoded.issuer !== undefined && !issuerTrusted) return `issuer ${decoded.issuer.slice(0, 120)} is not trusted (no ${decoded.format} key in the trust bundle)`;
  return `no trusted ${decoded.format} key with kid ${decoded.kid}`;
}

/** Checks that need both the key and the credential's content. */
export function checkKey(key: TrustKey, credential: Credential): Reason[] {
  const reasons: Reason[] = [];
  const signedAt = Date.parse(credential.issuedAt);
  if (signedAt < Date.parse(key.validFrom) || signedAt > Date.parse(key.validUntil))
    reasons.push({ code: 'KEY_EXPIRED', detail: `signed at ${credential.issuedAt}, key valid ${key.validFrom}..${key.validUntil}` });
  const notAllowed = credential.kinds.filter((k) => !key.kinds.includes(k));
  if (notAllowed.length) reasons.push({ code: 'KEY_USAGE', detail: `key may not sign: ${notAllowed.join(', ')}` });
  // An issuer named in a form we do not recognise is not compared: the key's issuer stands for it.
  if (credential.issuer.kind !== 'unknown' && key.issuer !== credential.issuer.id)
    reasons.push({ code: 'ISSUER_MISMATCH', detail: `code names issuer ${credential.issuer.id}, key belongs to ${key.issuer}` });
  return reasons;
}
