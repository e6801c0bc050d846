/** The trust bundle: what a gate trusts, as signed data (docs/trust-bundle.md). */
import type { AlgName } from '../crypto/algorithms.ts';
import type { EcPublicJwk, PublicJwk } from '../crypto/jwk.ts';
import type { CredentialKind, IssuerRef } from '../model/credential.ts';
import type { LocalizedName } from '../model/verdict.ts';

export const BUNDLE_TYPE = 'gatecheck-trust-bundle';
export const BUNDLE_SCHEMA = 1;

export interface TrustIssuer {
  id: string;
  kind: IssuerRef['kind'];
  names: LocalizedName;
}

export interface TrustKey {
  /** base64url key id as codes name it. */
  kid: string;
  /** TrustIssuer.id: a key signs only for its own issuer. */
  issuer: string;
  /** Format plug-in ids this key may be used with. */
  formats: string[];
  alg: AlgName;
  jwk: PublicJwk;
  /** DER X.509 certificate (base64) when the key came from one, for audit and display. */
  x5c?: string;
  /** The key's validity bounds the code's signing time (ISO 8601). */
  validFrom: string;
  validUntil: string;
  kinds: CredentialKind[];
}

export interface TrustBundle {
  type: typeof BUNDLE_TYPE;
  schema: typeof BUNDLE_SCHEMA;
  /** Strictly increasing; a gate never accepts a lower or equal version as an update. */
  version: number;
  issuedAt: string;
  expiresAt: string;
  issuers: TrustIssuer[];
  keys: TrustKey[];
  /** A demo world's bundle: the app labels every screen DEMO so it can never pass for the real list. */
  demo?: boolean;
  /** Reference data for display (e.g. EU DCC value sets): id -> code -> name. */
  valueSets?: Record<string, Record<string, string>>;
  /** Reserved for checkpoint policies as data. */
  policies: unknown[];
  /** Reserved for revocation data. */
  revocations: Record<string, unknown>;
}

/** JWS JSON general serialisation (RFC 7515 §7.2.1) of the bundle; several signatures allow root rollover. */
export interface SignedBundleFile {
  payload: string;
  signatures: { protected: string; signature: string }[];
}

/** A root public key the app pins at build time. */
export interface PinnedRoot {
  /** Full RFC 7638 thumbprint, base64url. */
  kid: string;
  alg: 'ES256';
  jwk: EcPublicJwk;
}

export type BundleErrorCode = 'BUNDLE_MALFORMED' | 'BUNDLE_UNKNOWN_ROOT' | 'BUNDLE_SIGNATURE_INVALID' | 'BUNDLE_CONTENT_INVALID';
