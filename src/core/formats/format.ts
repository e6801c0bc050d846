/** The contract every format plug-in fulfils. A new format is one folder plus one registry line. */
import type { AlgName } from '../crypto/algorithms.ts';
import type { Credential } from '../model/credential.ts';
import type { Reason } from '../model/reasons.ts';
import type { Result } from '../result.ts';

/** A code taken apart, before any trust decision. */
export interface Decoded<C = unknown> {
  format: string;
  alg: AlgName;
  /** base64url key id. */
  kid: string;
  /** The exact bytes the signature covers. */
  signedBytes: Uint8Array;
  signature: Uint8Array;
  /** Format-specific claims, passed back to the same plug-in's normalise. */
  claims: C;
}

/** Code -> display-name tables by value set id (e.g. "vaccines-covid-19-names"), from the trust bundle. */
export type ValueSets = Record<string, Record<string, string>>;

/** What normalise may consult besides the code itself: reference data only, never trust decisions. */
export interface NormaliseContext {
  valueSets: ValueSets;
}

export interface FormatPlugin<C = unknown> {
  id: string;
  /** Cheap: prefix or shape only. */
  detect(text: string): boolean;
  decode(text: string): Result<Decoded<C>>;
  normalise(decoded: Decoded<C>, ctx: NormaliseContext): Result<Credential>;
  /**
   * Content rules beyond what normalise needs (e.g. the EU DCC JSON schema). They add reasons but
   * do not stop normalisation, so the verdict can still say when a code expired or who it names.
   */
  check?(decoded: Decoded<C>): Reason[];
}
