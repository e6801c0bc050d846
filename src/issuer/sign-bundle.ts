/** Build and sign trust bundles (operator side; the app only verifies). */
import type { AlgName } from '../core/crypto/algorithms.ts';
import { bareJwk, type EcPrivateJwk, type PublicJwk } from '../core/crypto/jwk.ts';
import type { CertificateKey } from '../core/trust/x509.ts';
import { sign } from '../core/crypto/verify-signature.ts';
import { toBase64, toBase64Url, utf8 } from '../core/encoding/bytes.ts';
import type { CredentialKind } from '../core/model/credential.ts';
import { BUNDLE_SCHEMA, BUNDLE_TYPE, DEFAULT_FRESHNESS, type Freshness, type RevocationListRef, type RootRollover, type SignedBundleFile, type TrustBundle, type TrustIssuer, type TrustKey } from '../core/trust/bundle.ts';
import { validateBundle } from '../core/trust/validate-bundle.ts';
import type { Policy } from '../core/policy/policy.ts';
import { defaultFormats } from './formats/registry.ts';

export type BundleKeyInput =
  | {
      issuer: string;
      jwk: PublicJwk & { kid: string; alg: AlgName };
      validFrom: Date;
      validUntil: Date;
      kinds?: CredentialKind[];
      formats?: string[];
    }
  /** A document signer certificate: key, validity and usage come from the certificate. `role: 'ca'` makes it a CSCA entry. */
  | { issuer: string; cert: CertificateKey; formats?: string[]; role?: 'signer' | 'ca' };

export interface BuildBundleInput {
  version: number;
  issuedAt: Date;
  expiresAt: Date;
  issuers: TrustIssuer[];
  keys: BundleKeyInput[];
  demo?: boolean;
  valueSets?: Record<string, Record<string, string>>;
  freshness?: Freshness;
  roots?: RootRollover;
  revocations?: RevocationListRef[];
  /** Checkpoint policies (docs/policies.md); none: gates use their built-in copies. */
  policies?: Policy[];
}

export const DOMESTIC_KINDS: CredentialKind[] = ['health-status', 'test', 'vaccination'];

/**
 * A bundle key from an input key: a DSC's fields come from its certificate, a JWK's from the input;
 * without `formats`, the key is for the formats that take that kind of key by default (defaultFormats).
 */
export function trustKeyFrom(k: BundleKeyInput): TrustKey {
  return 'cert' in k
    ? {
        kid: k.cert.kid,
        issuer: k.issuer,
        formats: k.formats ?? defaultFormats('dsc'),
        alg: k.cert.alg,
        jwk: k.cert.jwk,
        x5c: toBase64(k.cert.der),
        validFrom: k.cert.validFrom,
        validUntil: k.cert.validUntil,
        kinds: k.cert.kinds,
        ...(k.role === 'ca' ? { role: 'ca' as const } : {}),
      }
    : {
        kid: k.jwk.kid,
        issuer: k.issuer,
        formats: k.formats ?? defaultFormats('jwk'),
        alg: k.jwk.alg,
        jwk: bareJwk(k.jwk),
        validFrom: k.validFrom.toISOString(),
        validUntil: k.validUntil.toISOString(),
        kinds: k.kinds ?? DOMESTIC_KINDS,
      };
}

/**
 * Puts `key` into `draft.keys` (in place): it replaces the key with the same issuer and kid, else
 * it is added. Counts which in `report`. The importers' one merge rule.
 */
export function upsertKey(draft: TrustBundle, key: TrustKey, report: { added: number; replaced: number }): void {
  const at = draft.keys.findIndex((k) => k.issuer === key.issuer && k.kid === key.kid);
  if (at >= 0) {
    draft.keys[at] = key;
    report.replaced++;
  } else {
    draft.keys.push(key);
    report.added++;
  }
}

export function buildBundle(input: BuildBundleInput): TrustBundle {
  const keys: TrustKey[] = input.keys.map(trustKeyFrom);
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
    freshness: input.freshness ?? DEFAULT_FRESHNESS,
    ...(input.roots ? { roots: input.roots } : {}),
    policies: input.policies ?? [],
    revocations: { lists: input.revocations ?? [] },
  };
  const checked = validateBundle(bundle);
  if (!checked.ok) throw new Error(`bundle would be invalid: ${checked.reason.detail}`);
  return bundle;
}

/** A root's private key as `keygen --root` writes it. */
export type RootSigningKey = EcPrivateJwk & { kid: string; alg: AlgName };

/** The JWS payload member for a bundle: base64url of its JSON. */
export const bundlePayload = (bundle: TrustBundle): string => toBase64Url(utf8(JSON.stringify(bundle)));

/**
 * Signs a bundle with one root, or with several (one signature each, JWS JSON general
 * serialisation): during a rollover the current and the next root co-sign, so gates that know
 * either accept the file. A root given twice signs once.
 */
export async function signBundle(bundle: TrustBundle, roots: RootSigningKey | readonly RootSigningKey[]): Promise<SignedBundleFile> {
  return signPayload(bundlePayload(bundle), roots);
}

/** Signs an already encoded payload (so re-signing keeps the signed bytes exactly). */
export async function signPayload(payload: string, roots: RootSigningKey | readonly RootSigningKey[]): Promise<SignedBundleFile> {
  const list = Array.isArray(roots) ? (roots as readonly RootSigningKey[]) : [roots as RootSigningKey];
  if (list.length === 0) throw new Error('no root key to sign with');
  const seen = new Set<string>();
  const signatures: SignedBundleFile['signatures'] = [];
  for (const root of list) {
    if (root.alg !== 'ES256') throw new Error(`root ${root.kid} is ${root.alg}; gates accept ES256 roots only`);
    if (seen.has(root.kid)) continue;
    seen.add(root.kid);
    const protectedHeader = toBase64Url(utf8(JSON.stringify({ alg: root.alg, kid: root.kid, typ: 'gatecheck-bundle+jws' })));
    const signature = await sign(root.alg, root, utf8(`${protectedHeader}.${payload}`));
    signatures.push({ protected: protectedHeader, signature: toBase64Url(signature) });
  }
  return { payload, signatures };
}
