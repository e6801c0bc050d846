/** Build and sign trust bundles (operator side; the app only verifies). */
import type { AlgName } from '../core/crypto/algorithms.ts';
import { bareJwk, type EcPrivateJwk, type PublicJwk } from '../core/crypto/jwk.ts';
import type { CertificateKey } from '../core/trust/x509.ts';
import { sign } from '../core/crypto/verify-signature.ts';
import { toBase64, toBase64Url, utf8 } from '../core/encoding/bytes.ts';
import type { CredentialKind } from '../core/model/credential.ts';
import { BUNDLE_SCHEMA, BUNDLE_TYPE, type SignedBundleFile, type TrustBundle, type TrustIssuer, type TrustKey } from '../core/trust/bundle.ts';
import { validateBundle } from '../core/trust/validate-bundle.ts';

export type BundleKeyInput =
  | {
      issuer: string;
      jwk: PublicJwk & { kid: string; alg: AlgName };
      validFrom: Date;
      validUntil: Date;
      kinds?: CredentialKind[];
      formats?: string[];
    }
  /** A document signer certificate: key, validity and usage come from the certificate. */
  | { issuer: string; cert: CertificateKey; formats?: string[] };

export interface BuildBundleInput {
  version: number;
  issuedAt: Date;
  expiresAt: Date;
  issuers: TrustIssuer[];
  keys: BundleKeyInput[];
  demo?: boolean;
  valueSets?: Record<string, Record<string, string>>;
}

export const DOMESTIC_KINDS: CredentialKind[] = ['health-status', 'test', 'vaccination'];

export function buildBundle(input: BuildBundleInput): TrustBundle {
  const keys: TrustKey[] = input.keys.map((k) =>
    'cert' in k
      ? {
          kid: k.cert.kid,
          issuer: k.issuer,
          formats: k.formats ?? ['eu-dcc'],
          alg: k.cert.alg,
          jwk: k.cert.jwk,
          x5c: toBase64(k.cert.der),
          validFrom: k.cert.validFrom,
          validUntil: k.cert.validUntil,
          kinds: k.cert.kinds,
        }
      : {
          kid: k.jwk.kid,
          issuer: k.issuer,
          formats: k.formats ?? ['cn-hc'],
          alg: k.jwk.alg,
          jwk: bareJwk(k.jwk),
          validFrom: k.validFrom.toISOString(),
          validUntil: k.validUntil.toISOString(),
          kinds: k.kinds ?? DOMESTIC_KINDS,
        },
  );
  const bundle: TrustBundle = {
    type: BUNDLE_TYPE,
    schema: BUNDLE_SCHEMA,
    version: input.version,
    issuedAt: input.issuedAt.toISOString(),
    expiresAt: input.expiresAt.toISOString(),
    issuers: input.issuers,
    keys,
    ...(input.demo ? { demo: true } : {}),
    ...(input.valueSets ? { valueSets: input.valueSets } : {}),
    policies: [],
    revocations: {},
  };
  const checked = validateBundle(bundle);
  if (!checked.ok) throw new Error(`bundle would be invalid: ${checked.reason.detail}`);
  return bundle;
}

export async function signBundle(bundle: TrustBundle, root: EcPrivateJwk & { kid: string; alg: AlgName }): Promise<SignedBundleFile> {
  const payload = toBase64Url(utf8(JSON.stringify(bundle)));
  const protectedHeader = toBase64Url(utf8(JSON.stringify({ alg: root.alg, kid: root.kid, typ: 'gatecheck-bundle+jws' })));
  const signature = await sign(root.alg, root, utf8(`${protectedHeader}.${payload}`));
  return { payload, signatures: [{ protected: protectedHeader, signature: toBase64Url(signature) }] };
}
