/**
 * Where a gate keeps its trust data between runs. The app backs this with IndexedDB; tests and
 * the CLI with memory. `swap` is all-or-nothing: a crash mid-update leaves the previous bundle.
 * The floor (highest version accepted, learned and retired roots) is a record of its own, so a
 * damaged bundle record never takes it along; it only ever rises.
 */
import type { PinnedRoot } from '../bundle.ts';
import type { ClockEvidence } from '../clock.ts';
import type { RevocationFiles } from '../revocation/open-lists.ts';
import type { UpdateError } from './update-error.ts';

export interface StoredBundle {
  /** The signed file exactly as fetched: re-verified against the roots on every start. */
  file: string;
  version: number;
  /** The bundle's external revocation set files, by list id. */
  revocationFiles: RevocationFiles;
  /**
   * Roots learned from accepted bundles (`roots.next`), and root kids retired by them, as of this
   * bundle. The floor holds the same and is what the updater trusts; these stay for devices that
   * stored a bundle before the floor record existed (the floor is derived from them once).
   */
  learnedRoots: PinnedRoot[];
  retiredRoots: string[];
  /** The URL it came from, and the ETag it came with. */
  source: string;
  etag?: string;
  fetchedAt: string;
}

/** Small, often-written state beside the bundle. Holds times and error codes only — nothing personal. */
export interface TrustMetaRecord {
  /** When a server last confirmed the stored bundle current (200 with it, or 304). */
  confirmedAt?: string;
  lastAttemptAt?: string;
  lastError?: UpdateError & { at: string };
  clock: ClockEvidence;
}

/**
 * What a gate never goes below, whatever becomes of the stored bundle: written in the same
 * transaction as every accepted bundle, merged with the stored record (never lowered), and kept
 * when the stored bundle fails to load.
 */
export interface TrustFloor {
  /** The highest bundle version this device accepted. */
  version: number;
  /** base64url SHA-256 of that version's signed payload member: the same version with other content is a conflict. */
  payloadSha256: string;
  /** Roots learned from accepted bundles (`roots.next`), not pinned and not retired. */
  learnedRoots: PinnedRoot[];
  /** Root kids retired by accepted bundles: permanent on this device. */
  retiredRoots: string[];
}

/**
 * The floor after `next`: the higher version (and its payload hash; the stored one on a tie),
 * every retired root of both, every learned root of both that is not retired.
 */
export function mergeFloor(stored: TrustFloor | null | undefined, next: TrustFloor): TrustFloor {
  const top = stored && stored.version >= next.version ? stored : next;
  const retiredRoots = [...new Set([...(stored?.retiredRoots ?? []), ...next.retiredRoots])];
  const retired = new Set(retiredRoots);
  const learned = new Map<string, PinnedRoot>();
  for (const r of [...(stored?.learnedRoots ?? []), ...next.learnedRoots]) if (!retired.has(r.kid) && !learned.has(r.kid)) learned.set(r.kid, r);
  return structuredClone({ version: top.version, payloadSha256: top.payloadSha256, learnedRoots: [...learned.values()], retiredRoots });
}

export interface TrustStore {
  /** `floor` is null on a device that has never accepted a bundle (or stored one before floors existed). */
  load(): Promise<{ bundle: StoredBundle | null; meta: TrustMetaRecord; floor: TrustFloor | null }>;
  /**
   * Replaces bundle and meta together, atomically; with `floor`, the floor record is raised to
   * mergeFloor(stored floor, floor) in the same transaction.
   */
  swap(bundle: StoredBundle, meta: TrustMetaRecord, floor?: TrustFloor): Promise<void>;
  saveMeta(meta: TrustMetaRecord): Promise<void>;
  /** Raises the floor record to mergeFloor(stored floor, floor): it never goes down. */
  saveFloor(floor: TrustFloor): Promise<void>;
}

/** A store in memory (CLI, tests); `fail` makes the next writes throw, as a full disk would. */
export function memoryTrustStore(initial: { bundle?: StoredBundle | null; meta?: TrustMetaRecord; floor?: TrustFloor | null } = {}) {
  let bundle = initial.bundle ?? null;
  let meta: TrustMetaRecord = initial.meta ?? { clock: {} };
  let floor: TrustFloor | null = initial.floor ? structuredClone(initial.floor) : null;
  const store = {
    failWrites: null as Error | null,
    async load() {
      return { bundle, meta: structuredClone(meta), floor: floor && structuredClone(floor) };
    },
    async swap(b: StoredBundle, m: TrustMetaRecord, f?: TrustFloor) {
      if (store.failWrites) throw store.failWrites;
      bundle = b;
      meta = structuredClone(m);
      if (f) floor = mergeFloor(floor, f);
    },
    async saveMeta(m: TrustMetaRecord) {
      if (store.failWrites) throw store.failWrites;
      meta = structuredClone(m);
    },
    async saveFloor(f: TrustFloor) {
      if (store.failWrites) throw store.failWrites;
      floor = mergeFloor(floor, f);
    },
  } satisfies TrustStore & { failWrites: Error | null };
  return store;
}
