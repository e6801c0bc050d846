/**
 * Where a gate keeps its trust data between runs. The app backs this with IndexedDB; tests and
 * the CLI with memory. `swap` is all-or-nothing: a crash mid-update leaves the previous bundle.
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
  /** Roots learned from accepted bundles (`roots.next`), and root kids retired by them. */
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

export interface TrustStore {
  load(): Promise<{ bundle: StoredBundle | null; meta: TrustMetaRecord }>;
  /** Replaces bundle and meta together, atomically. */
  swap(bundle: StoredBundle, meta: TrustMetaRecord): Promise<void>;
  saveMeta(meta: TrustMetaRecord): Promise<void>;
}

/** A store in memory (CLI, tests); `fail` makes the next writes throw, as a full disk would. */
export function memoryTrustStore(initial: { bundle?: StoredBundle | null; meta?: TrustMetaRecord } = {}) {
  let bundle = initial.bundle ?? null;
  let meta: TrustMetaRecord = initial.meta ?? { clock: {} };
  const store = {
    failWrites: null as Error | null,
    async load() {
      return { bundle, meta: structuredClone(meta) };
    },
    async swap(b: StoredBundle, m: TrustMetaRecord) {
      if (store.failWrites) throw store.failWrites;
      bundle = b;
      meta = structuredClone(m);
    },
    async saveMeta(m: TrustMetaRecord) {
      if (store.failWrites) throw store.failWrites;
      meta = structuredClone(m);
    },
  } satisfies TrustStore & { failWrites: Error | null };
  return store;
}
