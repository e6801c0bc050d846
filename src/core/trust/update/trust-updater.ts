/**
 * The trust lifecycle on a gate: start from the stored bundle, refresh from the network with
 * ETag, accept only a verified, newer bundle, and swap it in atomically. Every failure leaves
 * the bundle in use untouched and is reported. Runtime-agnostic: fetch and a TrustStore only.
 */
import type { PinnedRoot, TrustBundle } from '../bundle.ts';
import { indexBundle, type Trust } from '../trust-index.ts';
import { verifyBundle } from '../verify-bundle.ts';
import { checkRevocationFile, openRevocationLists, type RevocationFiles } from '../revocation/open-lists.ts';
import { CLOCK_TOLERANCE_MS } from '../clock.ts';
import type { TrustMeta } from '../../policy/trust-state.ts';
import { applyRollover, effectiveRoots } from './roots.ts';
import type { StoredBundle, TrustMetaRecord, TrustStore } from './trust-store.ts';
import type { UpdateError } from './update-error.ts';

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
  /** Where the bundle in use came from in this run: device storage, or the network just now. */
  via: 'storage' | 'network' | null;
  updating: boolean;
  /** start() has finished: "no bundle" now means none, not "not loaded yet". */
  started: boolean;
}

export type UpdateOutcome =
  | { kind: 'updated'; version: number }
  | { kind: 'current' }
  | { kind: 'failed'; error: UpdateError };

/** Latest-seen time is written at most this often; the clock check tolerates far more. */
const LATEST_SEEN_WRITE_MS = 60_000;

export class TrustUpdater {
  private snap: TrustSnapshot = { trust: null, stored: null, meta: { clock: {} }, via: null, updating: false, started: false };
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

  /** Load and re-verify the stored bundle. Never throws; a broken store means no bundle, reported. */
  async start(): Promise<TrustSnapshot> {
    let loaded: Awaited<ReturnType<TrustStore['load']>>;
    try {
      loaded = await this.opts.store.load();
    } catch (e) {
      this.set({ started: true, meta: { clock: {}, lastError: this.stamp({ code: 'STORAGE_FAILED', detail: errName(e) }) } });
      return this.snap;
    }
    const { bundle: stored, meta } = loaded;
    if (!stored) {
      this.set({ meta, started: true });
      return this.snap;
    }
    const opened = await this.open(stored.file, effectiveRoots(this.opts.roots, stored), stored.revocationFiles);
    if (!opened.ok) {
      this.set({ started: true, meta: { ...meta, lastError: this.stamp({ code: 'STORED_BUNDLE_INVALID', detail: `${opened.error.code}: ${opened.error.detail ?? ''}` }) } });
      return this.snap;
    }
    this.set({ trust: opened.trust, stored, meta, via: 'storage', started: true });
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
    const res = await this.download(this.opts.url, this.snap.stored?.etag);
    if (!res.ok) return this.failed(res.error, started);
    const meta: TrustMetaRecord = { ...this.snap.meta, lastAttemptAt: started.toISOString(), clock: this.clockAfterFetch(res.date) };

    if (res.status === 304 && this.snap.stored) return this.confirmed(meta);
    const text = new TextDecoder().decode(res.body);
    const current = this.snap.stored;
    const roots = effectiveRoots(this.opts.roots, current ?? { learnedRoots: [], retiredRoots: [] });
    const verified = await verifyBundle(text, roots);
    if (!verified.ok) return this.failed(verified.reason, started, meta);
    const next = verified.value;

    if (current && this.snap.trust) {
      const inUse = this.snap.trust.bundle;
      if (next.version < inUse.version)
        return this.failed({ code: 'BUNDLE_ROLLBACK', detail: `version ${next.version} is older than ${inUse.version} in use` }, started, meta);
      if (next.version === inUse.version) {
        if (payloadOf(text) === payloadOf(current.file)) return this.confirmed({ ...meta }, res.etag);
        return this.failed({ code: 'BUNDLE_VERSION_CONFLICT', detail: `version ${next.version} with different content` }, started, meta);
      }
    }

    const rootState = applyRollover(this.opts.roots, current ?? { learnedRoots: [], retiredRoots: [] }, next);
    // Only a bundle that changes the roots can retire its own signer: check it against the new set.
    if (next.roots && !(await verifyBundle(text, effectiveRoots(this.opts.roots, rootState))).ok)
      return this.failed({ code: 'BUNDLE_ROOT_ROLLOVER', detail: 'the bundle retires every root that signed it' }, started, meta);

    const files = await this.revocationFiles(next, current);
    if (!files.ok) return this.failed(files.error, started, meta);
    // Already verified above: index it.
    const opened = await this.index(next, files.files);
    if (!opened.ok) return this.failed(opened.error, started, meta);

    const stored: StoredBundle = {
      file: text,
      version: next.version,
      revocationFiles: files.files,
      ...rootState,
      source: this.opts.url,
      ...(res.etag ? { etag: res.etag } : {}),
      fetchedAt: started.toISOString(),
    };
    const { lastError: _, ...rest } = meta;
    const newMeta: TrustMetaRecord = { ...rest, confirmedAt: this.now().toISOString() };
    try {
      await this.opts.store.swap(stored, newMeta);
    } catch (e) {
      // Not kept means not used: after a restart the device would be back on the old bundle anyway.
      return this.failed({ code: 'STORAGE_FAILED', detail: errName(e) }, started, meta);
    }
    this.set({ trust: opened.trust, stored, meta: newMeta, via: 'network' });
    return { kind: 'updated', version: next.version };
  }

  /** Verify a signed file against `roots`, then index it with its revocation sets. */
  private async open(text: string, roots: readonly PinnedRoot[], files: RevocationFiles): Promise<{ ok: true; trust: Trust } | { ok: false; error: UpdateError }> {
    const v = await verifyBundle(text, roots);
    if (!v.ok) return { ok: false, error: v.reason };
    return this.index(v.value, files);
  }

  private async index(bundle: TrustBundle, files: RevocationFiles): Promise<{ ok: true; trust: Trust } | { ok: false; error: UpdateError }> {
    const sets = await openRevocationLists(bundle, files);
    if (!sets.ok) return { ok: false, error: sets.reason };
    return { ok: true, trust: indexBundle(bundle, sets.value) };
  }

  /** External revocation files: reuse what is stored when the signed hash is unchanged, fetch the rest. */
  private async revocationFiles(next: TrustBundle, current: StoredBundle | null): Promise<{ ok: true; files: RevocationFiles } | { ok: false; error: UpdateError }> {
    const files: RevocationFiles = {};
    for (const list of next.revocations.lists) {
      if (list.href === undefined) continue;
      const kept = current?.revocationFiles[list.id];
      if (kept && (await checkRevocationFile(list, kept)).ok) {
        files[list.id] = kept;
        continue;
      }
      const res = await this.download(new URL(list.href, this.opts.url).href);
      if (!res.ok) return { ok: false, error: { code: 'REVOCATION_UNAVAILABLE', detail: `${list.id}: ${res.error.code} ${res.error.detail ?? ''}`.trim() } };
      const check = await checkRevocationFile(list, res.body);
      if (!check.ok) return { ok: false, error: check.reason };
      files[list.id] = res.body;
    }
    return { ok: true, files };
  }

  private async download(url: string, etag?: string): Promise<
    | { ok: true; status: 200 | 304; body: Uint8Array; etag?: string; date?: string }
    | { ok: false; error: UpdateError }
  > {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), this.opts.timeoutMs ?? 15_000);
    try {
      let res: Response;
      try {
        // no-store: the HTTP cache must not answer for the server; ETag revalidation is ours.
        res = await this.fetchFn(url, { cache: 'no-store', signal: ctl.signal, headers: etag ? { 'if-none-match': etag } : {} });
      } catch (e) {
        return { ok: false, error: ctl.signal.aborted ? { code: 'FETCH_TIMEOUT' } : { code: 'FETCH_OFFLINE', detail: errName(e) } };
      }
      const date = res.headers.get('date') ?? undefined;
      if (res.status === 304) return { ok: true, status: 304, body: new Uint8Array(), ...(date ? { date } : {}) };
      if (res.status !== 200) {
        res.body?.cancel().catch(() => {});
        return { ok: false, error: { code: 'FETCH_HTTP', detail: `HTTP ${res.status}` } };
      }
      let body: Uint8Array;
      try {
        body = new Uint8Array(await res.arrayBuffer());
      } catch (e) {
        return { ok: false, error: ctl.signal.aborted ? { code: 'FETCH_TIMEOUT', detail: 'while reading the body' } : { code: 'FETCH_INCOMPLETE', detail: errName(e) } };
      }
      const length = Number(res.headers.get('content-length'));
      const encoded = res.headers.get('content-encoding');
      if (!encoded && Number.isFinite(length) && length > 0 && body.length < length)
        return { ok: false, error: { code: 'FETCH_INCOMPLETE', detail: `${body.length} of ${length} bytes` } };
      const tag = res.headers.get('etag') ?? undefined;
      return { ok: true, status: 200, body, ...(tag ? { etag: tag } : {}), ...(date ? { date } : {}) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** A server's Date that agrees with the device also vouches for the device time: reset latest-seen to it. */
  private clockAfterFetch(date?: string) {
    const now = this.now();
    if (!date || Number.isNaN(Date.parse(date))) return this.snap.meta.clock;
    const agrees = Math.abs(now.getTime() - Date.parse(date)) <= CLOCK_TOLERANCE_MS;
    return {
      ...this.snap.meta.clock,
      httpDate: new Date(Date.parse(date)).toISOString(),
      httpDateSeenAt: now.toISOString(),
      ...(agrees ? { latestSeen: now.toISOString() } : {}),
    };
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
    return { kind: 'current' };
  }

  private async failed(error: UpdateError, at: Date, meta: TrustMetaRecord = this.snap.meta): Promise<UpdateOutcome> {
    await this.saveMeta({ ...meta, lastAttemptAt: at.toISOString(), lastError: { ...error, at: at.toISOString() } });
    return { kind: 'failed', error };
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

function payloadOf(fileText: string): string | null {
  try {
    return (JSON.parse(fileText) as { payload?: string }).payload ?? null;
  } catch {
    return null;
  }
}

function errName(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : 'unknown';
}
