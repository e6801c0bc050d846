/**
 * The EU DCC suite's vectors that a verifier should accept cryptographically (EXPECTEDVERIFY true,
 * a PREFIX text and the signer's certificate), each with the trust the conformance runner gives it:
 * a bundle holding the vector's certificate, issued an hour before the vector's validation clock.
 * Shared by the fuzz seeds and `npm run bench`.
 */
import type { AlgName } from '../../../../src/core/crypto/algorithms.ts';
import { keyFromCertificate, type CertificateKey } from '../../../../src/core/trust/x509.ts';
import type { TrustBundle } from '../../../../src/core/trust/bundle.ts';
import { indexBundle, type Trust } from '../../../../src/core/trust/trust-index.ts';
import { buildBundle, type BundleKeyInput } from '../../../../src/issuer/sign-bundle.ts';
import { EU_SUITE, readRawVectors } from '../../../support/eu-dcc-raw.ts';

export { EU_SUITE };

export interface EuVector {
  file: string;
  text: string;
  now: Date;
  /** The signer certificate (base64 DER) as the vector gives it. */
  certificate: string;
  cert: CertificateKey;
  alg: AlgName;
  country: string;
}

export async function loadEuVectors(dir = EU_SUITE): Promise<EuVector[]> {
  const out: EuVector[] = [];
  for (const { file, v } of readRawVectors(dir)) {
    const cert = v?.TESTCTX?.CERTIFICATE;
    const clock = v?.TESTCTX?.VALIDATIONCLOCK;
    if (v?.EXPECTEDRESULTS?.EXPECTEDVERIFY !== true || typeof v.PREFIX !== 'string' || typeof cert !== 'string') continue;
    const now = typeof clock === 'string' && !Number.isNaN(Date.parse(clock)) ? new Date(clock) : new Date();
    const k = await keyFromCertificate(cert);
    if (!k.ok) continue;
    out.push({ file, text: v.PREFIX, now, certificate: cert, cert: k.value, alg: k.value.alg, country: k.value.country ?? 'XX' });
  }
  return out;
}

/** The conformance runner's trust bundle for one vector, plus any extra keys (the fuzzer's own trusted keys). */
export function vectorBundle(v: EuVector, extra: BundleKeyInput[] = [], extraIssuers: string[] = []): TrustBundle {
  const ids = [...new Set([v.country, ...extraIssuers])];
  return buildBundle({
    version: 1,
    // Fresh at the vector's clock, so the verdict is the code's alone (no TRUST_STALE).
    issuedAt: new Date(v.now.getTime() - 3600_000),
    expiresAt: new Date(Math.max(v.now.getTime(), Date.parse(v.cert.validUntil)) + 86400_000),
    issuers: ids.map((id) => ({ id, kind: 'country' as const, names: { 'zh-CN': id, en: id } })),
    keys: [{ issuer: v.country, cert: v.cert }, ...extra],
  });
}

/** The same, indexed: what verifyCode takes. */
export function vectorTrust(v: EuVector, extra: BundleKeyInput[] = [], extraIssuers: string[] = []): Trust {
  return indexBundle(vectorBundle(v, extra, extraIssuers));
}
