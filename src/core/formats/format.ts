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
  /**
   * DER X.509 certificate of the signer, when the code carries it (ICAO VDS-NC). Verify trusts it
   * when the bundle lists it (kid = first 8 bytes of SHA-256 of the DER, as x509.ts computes) or
   * when a CA entry of the bundle issued it; the signature is then checked with its key.
   */
  signerCertificate?: Uint8Array;
  /** Format-specific claims, passed back to the same plug-in's normalise. */
  claims: C;
}

/** What the signature check needs of a decoded code: all of it but the claims. */
export type Envelope = Omit<Decoded, 'claims'>;

/**
 * A code opened as far as its signature check needs. Its claims are read on demand, so the
 * pipeline can start the check (which runs off the main thread) and read them meanwhile.
 * `claims()` fails exactly where decode() would: decode() is open() then claims().
 */
export interface Opened<C = unknown> {
  envelope: Envelope;
  claims(): Result<C>;
}

/** Code -> display-name tables by value set id (e.g. "vaccines-covid-19-names"), from the trust bundle. */
export type ValueSets = Record<string, Record<string, string>>;

/** What normalise may consult besides the code itself: reference data only, never trust decisions. */
export interface NormaliseContext {
  valueSets: ValueSets;
}

/** What a format's content check found: problems fail the code, notes are shown with the verdict. */
export interface ContentFindings {
  problems: Reason[];
  notes: Reason[];
}

/** One part of a code split over several QR codes (SMART Health Card `shc:/2/3/…`). */
export interface CodePart {
  /** Parts with the same group (and total) belong together, as far as the text can tell. */
  group: string;
  /** 1-based. */
  index: number;
  total: number;
  /** The part's payload, as join() takes it. */
  body: string;
}

/** Optional support for codes split over several QR codes; the pipeline's assembler (pipeline/assemble.ts) uses it. */
export interface ChunkSupport {
  /** The part this text is; undefined when it is a whole code or not a part of this format at all. */
  part(text: string): CodePart | undefined;
  /** The whole code's text from all parts' bodies, in index order. */
  join(bodies: readonly string[]): string;
}

export interface FormatPlugin<C = unknown> {
  id: string;
  /** Cheap: prefix or shape only. */
  detect(text: string): boolean;
  decode(text: string): Result<Decoded<C>>;
  /** Optional split of decode() for formats whose claims cost time to read (see Opened). */
  open?(text: string): Result<Opened<C>>;
  normalise(decoded: Decoded<C>, ctx: NormaliseContext): Result<Credential>;
  /**
   * Content rules beyond what normalise reads (e.g. the EU DCC's one-event rule and its JSON
   * schema). They do not stop normalisation, so the verdict still says when a code expired or who
   * it names.
   */
  check?(decoded: Decoded<C>, ctx: NormaliseContext): ContentFindings;
  /** For formats whose codes may come in several parts; decode() of a lone part fails with CODE_INCOMPLETE. */
  chunks?: ChunkSupport;
}
