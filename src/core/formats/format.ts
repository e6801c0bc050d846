/** The contract every format plug-in fulfils. A new format is one folder plus its registry lines (see registry.ts). */
import type { AlgName } from '../crypto/algorithms.ts';
import type { Lang } from '../i18n/reason-texts.ts';
import type { PublicJwk } from '../crypto/jwk.ts';
import type { Credential } from '../model/credential.ts';
import type { ReasonClass } from '../model/reason-class.ts';
import type { Reason } from '../model/reasons.ts';
import type { Result } from '../result.ts';
import type { ParsedId } from '../trust/revocation/code-id-rules.ts';

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
  /**
   * The issuer the code names, when its key id is scoped by it (NZCP: the key is `iss#kid`): an
   * issuer without keys in the bundle is then reported as not trusted, rather than as a key unknown.
   */
  issuer?: string;
  /**
   * The code came as a live presentation (a holder-bound code shown by its holder's device, CN
   * v1.1): the device's signature over when, and which code, it was shown. The pipeline checks it
   * with the key the code names (FormatPlugin.holderKey) and the policy's window.
   */
  presentation?: Presentation;
  /** Format-specific claims, passed back to the same plug-in's normalise. */
  claims: C;
}

/** A holder device's proof that it showed the code live (see Decoded.presentation). */
export interface Presentation {
  /** Unix seconds: the start of the time slot the device signed. */
  shownAt: number;
  /** The exact bytes the device signature covers (they bind the slot and the code's bytes). */
  signedBytes: Uint8Array;
  signature: Uint8Array;
}

/** The holder device's public key a code names: only a presentation it signed may pass. */
export interface HolderKey {
  alg: AlgName;
  jwk: PublicJwk;
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

/**
 * A reason code only this format produces, declared in its folder with all core needs to show and
 * rank it (core's own codes are in model/reasons.ts). Core merges them through the registry.
 */
export interface FormatReason<Code extends string = string> {
  code: Code;
  /**
   * Where it ranks in a verdict's list (the first reason decides): right after this code, a core
   * code or one declared before it. Ranks are part of behaviour: reasons.test.ts pins the order.
   */
  after: string;
  /** NOT READ when it says the reading failed, not the holder's code (model/reason-class.ts). */
  class: ReasonClass;
  /** For the people at the gate. */
  texts: Readonly<Record<Lang, string>>;
}

/** How ids of this format's codes are written in a revocation set (docs/revocation.md, "Canonical ids"). */
export interface RevocationIdRules {
  /** The id a gate looks up for the code id it read. Never fails, and cheap: it runs on every scan. */
  canonical(codeId: string): string;
  /**
   * An id an operator gave (trimmed, non-empty, no control characters), canonical — or why no
   * code of this format can carry it (never repeating the id: ids may be personal data).
   */
  parse(text: string): ParsedId;
}

/** Words for the fields an unknown value can sit in, keyed by the field's last name (e.g. "tt"). */
export type FieldLabels = Readonly<Record<string, Readonly<Record<Lang, string>>>>;

/**
 * What core, the app and the issuer know of a format without its decoders (catalog.ts): cheap to
 * load, so the app paints its first screen with it while the decoders load (app/lazy/pipeline.ts).
 * `Code`: the reason codes this format declares (`never` when it has none); catalog.ts derives the
 * ReasonCode union from it, so a misspelt code fails tsc.
 */
export interface FormatInfo<Code extends string = string> {
  id: string;
  /** Reason codes only this format produces. */
  reasons?: readonly FormatReason<Code>[];
  /** Canonical code ids for revocation; without it ids are looked up exactly as written. */
  revocationId?: RevocationIdRules;
  /** Labels for the fields of Credential.unknown; without it the format's own path is shown. */
  fieldLabels?: FieldLabels;
}

/** A format's info plus its decoders: what the pipeline runs (registry.ts). */
export interface FormatPlugin<C = unknown, Code extends string = string> extends FormatInfo<Code> {
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
  /**
   * For formats whose codes may name their holder's device key: that key, or undefined for an
   * unbound code. Called only on claims normalise() accepted (it refuses a malformed key).
   */
  holderKey?(decoded: Decoded<C>): HolderKey | undefined;
}
