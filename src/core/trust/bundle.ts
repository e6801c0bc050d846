/** The trust bundle: what a gate trusts, as signed data (docs/trust-bundle.md). */
import type { AlgName } from '../crypto/algorithms.ts';
import type { EcPublicJwk, PublicJwk } from '../crypto/jwk.ts';
import type { CredentialKind, IssuerRef } from '../model/credential.ts';
import type { LocalizedName } from '../model/verdict.ts';
import type { Policy } from '../policy/policy.ts';

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
  /**
   * 'signer' (the default when absent): the key signs codes. 'ca': a country signing CA (CSCA);
   * it signs no codes itself, but signer certificates that codes carry (Decoded.signerCertificate)
   * are trusted when it issued them. A CA entry needs `x5c` (its subject and key identifier).
   */
  role?: 'signer' | 'ca';
}

export interface TrustBundle {
  type: typeof BUNDLE_TYPE;
  schema: typeof BUNDLE_SCHEMA;
  /** Strictly increasing, 1..MAX_BUNDLE_VERSION; a gate never accepts a lower or equal version as an update. */
  version: number;
  issuedAt: string;
  expiresAt: string;
  issuers: TrustIssuer[];
  keys: TrustKey[];
  /** A demo world's bundle: the app labels every screen DEMO so it can never pass for the real list. */
  demo?: boolean;
  /** Reference data for display (e.g. EU DCC value sets): id -> code -> name. */
  valueSets?: Record<string, Record<string, string>>;
  /** How long a gate may go on with this bundle, and what happens past that (see Freshness). */
  freshness: Freshness;
  /** Root rollover: roots to trust for later bundles, roots to stop trusting. Signed by a current root. */
  roots?: RootRollover;
  /** Checkpoint policies as data (docs/policies.md); empty: gates use their built-in copies. */
  policies: Policy[];
  /** Revoked codes, as hashed-id sets (docs/revocation.md); never raw ids. */
  revocations: { lists: RevocationListRef[] };
}

/**
 * Freshness, as the publisher recommends it. The age of a bundle is the time since a server last
 * confirmed it was current (a 200 with it, or a 304), or since its issuedAt when never fetched.
 */
export interface Freshness {
  /** An online gate re-fetches (cheaply, with If-None-Match) this often. */
  refreshSeconds: number;
  /** Past this age the status line turns amber. */
  warnAgeSeconds: number;
  /** Past this age every verdict carries TRUST_STALE. */
  maxAgeSeconds: number;
  /** TRUST_STALE (past max age) fails a verdict, or only warns. Past expiresAt it always fails. */
  onStale: 'fail' | 'warn';
  /** CLOCK_SUSPECT fails a verdict, or only warns. */
  onClockSuspect: 'fail' | 'warn';
}

export interface RootRollover {
  /** Roots a gate accepts for later bundles, in addition to the roots it pins. */
  next: PinnedRoot[];
  /** Root kids a gate stops accepting, pinned or learned (e.g. a compromised or retired root). */
  retired: string[];
}

/** One revocation set, inline (`data`) or as a static file next to the bundle (`href`). */
export interface RevocationListRef {
  id: string;
  /** Number of revoked ids in the set. */
  count: number;
  /** base64url SHA-256 of the set's bytes: the signed bundle pins the exact file. */
  sha256: string;
  bytes: number;
  /** URL relative to the bundle's URL. */
  href?: string;
  /** The set itself, base64url. */
  data?: string;
  /**
   * base64url of the timed table (docs/revocation.md): which of the set's entries revoke only codes
   * issued before a time (SMART Health Card CRL entries `rid.TIMESTAMP`). Absent: every entry
   * revokes outright. Gates that predate it ignore it, reading timed entries as outright revocations.
   */
  timed?: string;
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

export type BundleErrorCode =
  | 'BUNDLE_MALFORMED'
  | 'BUNDLE_UNKNOWN_ROOT'
  | 'BUNDLE_SIGNATURE_INVALID'
  | 'BUNDLE_CONTENT_INVALID'
  | 'REVOCATION_UNAVAILABLE'
  | 'REVOCATION_MALFORMED';

/**
 * The highest version a bundle may carry: 2^50. Editing sets max(old + 1, Unix seconds), so a
 * version near 2^53 (the last safe integer) would leave no room to grow — one such bundle, signed
 * by mistake, would freeze every gate on it. 2^50 is still millions of years of Unix seconds.
 */
export const MAX_BUNDLE_VERSION = 2 ** 50;

/** Recommended defaults (docs/trust-bundle.md): refresh hourly, amber after a day, stale after three. */
export const DEFAULT_FRESHNESS: Freshness = {
  refreshSeconds: 3600,
  warnAgeSeconds: 86_400,
  maxAgeSeconds: 3 * 86_400,
  onStale: 'fail',
  onClockSuspect: 'warn',
};
