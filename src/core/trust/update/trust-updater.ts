/**
 * The trust lifecycle on a gate: start from the stored bundle, refresh from the network with
 * ETag, accept only a verified, newer bundle, and swap it in atomically. Every failure leaves
 * the bundle in use untouched and is reported. Runtime-agnostic: fetch and a TrustStore only.
 *
 * Rollback and root retirement are judged against the floor (trust-store.ts), not against the
 * bundle in use: the floor is its own record, so a stored bundle that no longer loads (damaged
 * storage) does not reopen the door to an older bundle or to a retired root.
 *
 * Here the lifecycle and its state; the steps it calls are download.ts (HTTP), open-bundle.ts
 * (verify, revocation files, floor checks) and server-clock.ts. Every step answers with
 * Result<T, UpdateErrorCode>, and so does refresh().
 */
import type { TrustMeta } from '../../policy/trust-state.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { PinnedRoot } from '../bundle.ts';
import type { Trust } from '../trust-index.ts';
import { verifyBundle } from '../verify-bundle.ts';
import { download } from './download.ts';
import { belowFloor, indexWithRevocations, openBundle, payloadHash, payloadOf, revocationFilesFor } from './open-bundle.ts';
import { applyRollover, effectiveRoots, type RootState } from './roots.ts';
import { clockAfterFetch } from './server-clock.ts';
import { mergeFloor, type StoredBundle, type TrustFloor, type TrustMetaRecord, type TrustStore } from './trust-store.ts';
import { errName, type UpdateError, type UpdateErrorCode } from './update-error.ts';

export interface TrustUpdaterOptions {
  /** Absolute URL of the signed bundle; revocation files resolve against it. */
  url: string;
  roots: readonly PinnedRoot[];
  store: TrustStore;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Whole request, body included. */
  timeoutMs?: number;
}

export interface TrustSnapshot {
  trust: Trust | null;
  stored: StoredBundle | null;
  meta: TrustMetaRecord;
  /** The floor: highest version accepted here, learned and retired roots (null: never accepted one). */
  floor: TrustFloor | null;
  /** Where the bundle in use came from in this run: device storage, or the network just now. */
  via: 'storage' | 'network' | null;
  updating: boolean;
  /** start() has finished: "no bundle" now means none, not "not loaded yet". */
  started: boolean;
}

/** What a refresh that did not fail did: a newer bundle landed, or the one in use is confirmed. */
export type UpdateLanded = { kind: 'updated'; version: number } | { kind: 'current' };
export type UpdateOutcome = Result<UpdateLanded, UpdateErrorCode>;

/** Latest-seen time is written at most this often; the clock check tolerates far more. */
const LATEST_SEEN_WRITE_MS = 60_000;

export class TrustUpdater {
  private snap: TrustSnapshot = { trust: null, stored: null, meta: { clock: {} }, floor: null, via: null, updating: false, started: false };
  private inFlight: Promise<UpdateOutcome> | null = null;
  private listeners = new Set<(s: TrustSnapshot) => void>();
  private readonly fetchFn: typeof fetch;
  private readonly now: () => Date;

  constructor(private readonly opts: TrustUpdaterOptions) {
    this.fetchFn = opts.fetch ?? ((...a) => fetch(...a));
    this.now = opts.now ?? (() => new Date());
  }

  get snapshot(): TrustSnapshot {
    return this.snap;
  }

  /** What verdicts need besides the bundle: confirmation time and clock evidence. */
  get trustMeta(): TrustMeta {
    return { ...(this.snap.meta.confirmedAt ? { confirmedAt: this.snap.meta.confirmedAt } : {}), clock: this.snap.meta.clock };
  }

  subscribe(fn: (s: TrustSnapshot) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Load and re-verify the stored bundle against the roots the floor allows. Never throws; a
   * broken store means no bundle, reported — and the floor stays as it was. A device that stored
   * its bundle before the floor record existed gets its floor from that bundle, once it verifies.
   */
  async start(): Promise<TrustSnapshot> {
    let loaded: Awaited<ReturnType<TrustStore['load']>>;
    try {
      loaded = await this.opts.store.load();
    } catch (e) {
      this.set({ started: true, meta: { clock: {}, lastError: this.stamp({ code: 'STORAGE_FAILED', detail: errName(e) }) } });
      return this.snap;
    }
    const { bundle: stored, meta } = loaded;
    const floor = loaded.floor ?? null;
    if (!stored) {
      this.set({ meta, floor, started: true });
      return this.snap;
    }
    // Without a floor (an older app stored this bundle) its own roots state is all there is; it is
    // believed only if the bundle verifies under it.
    const opened = await openBundle(stored.file, effectiveRoots(this.opts.roots, floor ?? stored), stored.revocationFiles);
    const hash = opened.ok ? await payloadHash(stored.file) : null;
    const below = opened.ok && floor ? belowFloor(opened.value.bundle.version, hash, floor) : null;
    if (!opened.ok || below) {
      const error = opened.ok ? below! : opened.reason;
      this.set({ started: true, floor, meta: { ...meta, lastError: this.stamp({ code: 'STORED_BUNDLE_INVALID', detail: `${error.code}: ${error.detail ?? ''}` }) } });
      return this.snap;
    }
    let raised = floor;
    if (!floor || floor.version < opened.value.bundle.version) {
      raised = mergeFloor(floor, { version: opened.value.bundle.version, payloadSha256: hash!, learnedRoots: stored.learnedRoots, retiredRoots: stored.retiredRoots });
      try {
        await this.opts.store.saveFloor(raised);
      } catch {
        /* kept in memory; the next accepted bundle writes it with the bundle */
      }
    }
    this.set({ trust: opened.value, stored, meta, floor: raised, via: 'storage', started: true });
    return this.snap;
  }

  /** One refresh at a time: concurrent callers share the same attempt. */
  refresh(): Promise<UpdateOutcome> {
    if (!this.inFlight) {
      this.set({ updating: true });
      this.inFlight = this.attempt().finally(() => {
        this.inFlight = null;
        this.set({ updating: false });
      });
    }
    return this.inFlight;
  }

  /** Record the device time as seen (for the clock check), never moving it back. */
  async noteTime(): Promise<void> {
    const now = this.now().getTime();
    const seen = Date.parse(this.snap.meta.clock.latestSeen ?? '') || 0;
    if (now < seen + LATEST_SEEN_WRITE_MS) return;
    await this.saveMeta({ ...this.snap.meta, clock: { ...this.snap.meta.clock, latestSeen: new Date(now).toISOString() } });
  }

  private async attempt(): Promise<UpdateOutcome> {
    const started = this.now();
    const got = await this.get(this.opts.url, this.snap.stored?.etag);
    if (!got.ok) return this.failed(got.reason, started);
    const res = got.value;
    const meta: TrustMetaRecord = { ...this.snap.meta, lastAttemptAt: started.toISOString(), clock: clockAfterFetch(this.snap.meta.clock, res.date, this.now()) };

    if (res.status === 304 && this.snap.stored) return this.confirmed(meta);
    const text = new TextDecoder().decode(res.body);
    // `stored` is set only while its bundle is in use; `floor` survives a stored bundle that failed to load.
    const current = this.snap.stored;
    const floor = this.snap.floor;
    const state: RootState = floor ?? current ?? { learnedRoots: [], retiredRoots: [] };
    const verified = await verifyBundle(text, effectiveRoots(this.opts.roots, state));
    if (!verified.ok) return this.failed(verified.reason, started, meta);
    const next = verified.value;
    const hash = (await payloadHash(text))!;

    if (floor) {
      const below = belowFloor(next.version, hash, floor);
      if (below) return this.failed(below, started, meta);
      // The very bundle in use: only confirmed. (The same bundle while none is in use repairs the store.)
      if (next.version === floor.version && current && this.snap.trust && payloadOf(text) === payloadOf(current.file)) return this.confirmed({ ...meta }, res.etag);
    }

    const rootState = applyRollover(this.opts.roots, state, next);
    // Only a bundle that changes the roots can retire its own signer: check it against the new set.
    if (next.roots && !(await verifyBundle(text, effectiveRoots(this.opts.roots, rootState))).ok)
      return this.failed({ code: 'BUNDLE_ROOT_ROLLOVER', detail: 'the bundle retires every root that signed it' }, started, meta);

    const files = await revocationFilesFor(next, current, this.opts.url, (url) => this.get(url));
    if (!files.ok) return this.failed(files.reason, started, meta);
    // Already verified above: index it.
    const opened = await indexWithRevocations(next, files.value);
    if (!opened.ok) return this.failed(opened.reason, started, meta);

    const stored: StoredBundle = {
      file: text,
      version: next.version,
      revocationFiles: files.value,
      ...rootState,
      source: this.opts.url,
      ...(res.etag ? { etag: res.etag } : {}),
      fetchedAt: started.toISOString(),
    };
    const { lastError: _, ...rest } = meta;
    const newMeta: TrustMetaRecord = { ...rest, confirmedAt: this.now().toISOString() };
    const newFloor = mergeFloor(floor, { version: next.version, payloadSha256: hash, ...rootState });
    try {
      // Bundle, meta and floor in one transaction: the floor rises exactly when the bundle lands.
      await this.opts.store.swap(stored, newMeta, newFloor);
    } catch (e) {
      // Not kept means not used: after a restart the device would be back on the old bundle anyway.
      return this.failed({ code: 'STORAGE_FAILED', detail: errName(e) }, started, meta);
    }
    this.set({ trust: opened.value, stored, meta: newMeta, floor: newFloor, via: 'network' });
    return ok({ kind: 'updated', version: next.version });
  }

  private get(url: string, etag?: string) {
    return download(url, { fetch: this.fetchFn, timeoutMs: this.opts.timeoutMs ?? 15_000, etag });
  }

  private async confirmed(meta: TrustMetaRecord, etag?: string): Promise<UpdateOutcome> {
    const { lastError: _, ...rest } = meta;
    const next: TrustMetaRecord = { ...rest, confirmedAt: this.now().toISOString() };
    if (etag && this.snap.stored && this.snap.stored.etag !== etag) {
      const stored = { ...this.snap.stored, etag };
      try {
        await this.opts.store.swap(stored, next);
        this.set({ stored, meta: next });
      } catch (e) {
        return this.failed({ code: 'STORAGE_FAILED', detail: errName(e) }, new Date(next.confirmedAt!), next);
      }
    } else await this.saveMeta(next);
    return ok({ kind: 'current' });
  }

  private async failed(error: UpdateError, at: Date, meta: TrustMetaRecord = this.snap.meta): Promise<UpdateOutcome> {
    await this.saveMeta({ ...meta, lastAttemptAt: at.toISOString(), lastError: { ...error, at: at.toISOString() } });
    return fail(error.code, error.detail);
  }

  /** Meta is kept in memory even when storage refuses it: the operator still sees what happened. */
  private async saveMeta(meta: TrustMetaRecord): Promise<void> {
    this.set({ meta });
    try {
      await this.opts.store.saveMeta(meta);
    } catch {
      /* reported through lastError of the attempt that could not be stored, if any */
    }
  }

  private stamp(e: UpdateError) {
    return { ...e, at: this.now().toISOString() };
  }

  private set(patch: Partial<TrustSnapshot>) {
    this.snap = { ...this.snap, ...patch };
    for (const fn of this.listeners) fn(this.snap);
  }
}
