/**
 * Revoking codes: each (issuer, code id) becomes revocationHash(issuer, id), and only the top bits
 * of those hashes go into a bundle's revocation set (docs/revocation.md). Raw ids are never kept,
 * written or printed — callers get counts.
 *
 * Built for national scale: hashes are reduced at once to their top 64 bits in one typed array
 * (8 bytes per id, 80 MB for 10M), and ids may come from an async line source.
 */
import { fromBase64Url, sha256, toBase64Url } from '../core/encoding/bytes.ts';
import type { RevocationListRef, TrustBundle } from '../core/trust/bundle.ts';
import { buildRevocationSetFromPrefixes, DEFAULT_FP_BITS, setPrefixes } from '../core/trust/revocation/build-set.ts';
import { parseRevocationId } from '../core/trust/revocation/code-id.ts';
import { openRevocationSet, type RevocationSet } from '../core/trust/revocation/read-set.ts';
import { revocationHash } from '../core/trust/revocation/revocation-hash.ts';
import { encodeTimedTable, hashOfPrefix, openTimedTable, type TimedEntry } from '../core/trust/revocation/timed.ts';

/** Growing array of 64-bit hash keys (the top 8 bytes of each revocation hash). */
export class HashKeys {
  private buf = new BigUint64Array(1024);
  length = 0;
  push(hash: Uint8Array): void {
    if (this.length === this.buf.length) {
      const bigger = new BigUint64Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.length++] = key64(hash);
  }
  values(): BigUint64Array {
    return this.buf.subarray(0, this.length);
  }
}

/** The top 64 bits of a revocation hash, as HashKeys keeps them. */
const key64 = (hash: Uint8Array): bigint => new DataView(hash.buffer, hash.byteOffset, 8).getBigUint64(0);

/** A synchronous revocationHash (e.g. node:crypto in the CLI: WebCrypto's per-call promise costs ~30 µs, too slow for 10M ids). */
export type SyncRevocationHash = (issuer: string, codeId: string) => Uint8Array;

/**
 * Checks a synchronous hasher against revocationHash on a few ids (ASCII, non-ASCII, empty-ish),
 * so a faster path can never silently hash differently from what gates compute.
 */
export async function checkHasher(hasher: SyncRevocationHash): Promise<boolean> {
  for (const [issuer, id] of [['440000', 'code-1'], ['https://example.org/iss', '粤-0042-é'], ['DE', ' ']] as const) {
    const want = await revocationHash(issuer, id);
    const got = hasher(issuer, id);
    if (got.length !== want.length || got.some((b, i) => b !== want[i])) return false;
  }
  return true;
}

/**
 * Hashes every id (blank lines and surrounding whitespace ignored); ids are dropped as soon as
 * they are hashed. `hasher`, when given, must have passed checkHasher.
 */
export async function hashCodeIds(issuer: string, ids: Iterable<string> | AsyncIterable<string>, hasher?: SyncRevocationHash): Promise<HashKeys> {
  const keys = new HashKeys();
  const batch: Promise<Uint8Array>[] = [];
  const flush = async () => {
    for (const h of await Promise.all(batch)) keys.push(h);
    batch.length = 0;
  };
  for await (const raw of ids) {
    const id = raw.trim();
    if (!id) continue;
    if (hasher) {
      keys.push(hasher(issuer, id));
      continue;
    }
    batch.push(revocationHash(issuer, id));
    if (batch.length >= 1024) await flush();
  }
  await flush();
  return keys;
}

/** Why some given ids can never match a code: their positions (1-based: argument or line number) and reasons, never the ids. */
export class RevocationIdError extends Error {
  constructor(
    readonly problems: { at: number; why: string }[],
    readonly total: number,
  ) {
    super(`${total} id${total === 1 ? '' : 's'} no code can carry`);
  }
}

/** Revocation hashes of canonical ids: outright (`keys`), and those that revoke only codes issued before a time. */
export interface HashedIds {
  keys: HashKeys;
  /** Top 64 bits of each timed entry's hash, and its time (Unix seconds), in the same order. */
  timed: { key: bigint; before: number }[];
  /** Ids given (non-blank). */
  requested: number;
  /** Of those, written otherwise than their canonical form (case, prefix, checksum). */
  normalised: number;
  /** EU DCC: how many UVCIs name each country in their own country block (`01:DE:…`, `01DE/…`). */
  uvciCountries: Map<string, number>;
}

/**
 * Hashes ids given for codes of `format`, each in its canonical form (code-id.ts); blank entries
 * are skipped but counted for positions (file line numbers). Every id is checked before any
 * problem is reported: a RevocationIdError lists the first few positions and the total. `hasher`,
 * when given, must have passed checkHasher.
 */
export async function hashRevocationIds(
  issuer: string,
  format: string,
  ids: Iterable<string> | AsyncIterable<string>,
  hasher?: SyncRevocationHash,
): Promise<HashedIds> {
  const keys = new HashKeys();
  const timed: HashedIds['timed'] = [];
  const problems: { at: number; why: string }[] = [];
  let bad = 0;
  let requested = 0;
  let normalised = 0;
  let at = 0;
  const batch: Promise<Uint8Array>[] = [];
  const flush = async () => {
    for (const h of await Promise.all(batch)) keys.push(h);
    batch.length = 0;
  };
  const hash = (id: string) => (hasher ? hasher(issuer, id) : revocationHash(issuer, id));
  const uvciCountries = new Map<string, number>();
  for await (const raw of ids) {
    at++;
    if (!raw.trim()) continue;
    requested++;
    const parsed = parseRevocationId(format, raw);
    if (!parsed.ok) {
      if (problems.length < 5) problems.push({ at, why: parsed.why });
      bad++;
      continue;
    }
    if (bad) continue; // nothing will be written: stop hashing, keep checking
    if (parsed.changed) normalised++;
    const { id, before } = parsed.entry;
    if (format === 'eu-dcc') {
      const c = /^01:?([A-Z]{2})(?![A-Z])/.exec(id)?.[1];
      if (c) uvciCountries.set(c, (uvciCountries.get(c) ?? 0) + 1);
    }
    if (before !== undefined) {
      timed.push({ key: key64(await hash(id)), before });
      continue;
    }
    if (hasher) keys.push(hasher(issuer, id));
    else {
      batch.push(revocationHash(issuer, id));
      if (batch.length >= 1024) await flush();
    }
  }
  if (bad) throw new RevocationIdError(problems, bad);
  await flush();
  return { keys, timed, requested, normalised, uvciCountries };
}

/**
 * The bundle issuer an operator means: exactly one listed issuer whose id equals `given` — or
 * equals it once both are written canonically (country codes in upper case; https URLs with the
 * scheme and host in lower case and no trailing "/"). Undefined when the bundle lists none.
 */
export function resolveIssuer(bundle: Pick<TrustBundle, 'issuers'>, given: string): string | undefined {
  const exact = bundle.issuers.find((i) => i.id === given);
  if (exact) return exact.id;
  const want = issuerKey(given);
  const matches = bundle.issuers.filter((i) => issuerKey(i.id) === want);
  return matches.length === 1 ? matches[0]!.id : undefined;
}

function issuerKey(id: string): string {
  const t = id.trim();
  if (/^[A-Za-z]{2}$/.test(t)) return t.toUpperCase();
  if (/^https?:\/\//i.test(t)) {
    try {
      const u = new URL(t);
      return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}${u.hash}`;
    } catch {
      return t;
    }
  }
  return t;
}

/** The formats codes of this issuer come in: those of its keys in the bundle (signers and CAs). */
export function issuerFormats(bundle: Pick<TrustBundle, 'keys'>, issuer: string): string[] {
  return [...new Set(bundle.keys.filter((k) => k.issuer === issuer).flatMap((k) => k.formats))].sort();
}

const ceilLog2 = (n: number) => {
  let m = 0;
  while (2 ** m < n) m++;
  return m;
};

export interface RevokeOptions {
  /** False-positive exponent for a new (or replaced) set; default DEFAULT_FP_BITS. */
  fpBits?: number;
  /**
   * Ids a new set is sized for: the false-positive rate stays ≤ 2^-fpBits until the set holds
   * this many (or twice what it starts with, if more). Extending a set keeps its parameters, so a
   * set sized only for its first few ids would degrade with every later revocation. Default 2^20.
   */
  capacity?: number;
  /** Start over from these ids only (e.g. a full national list), dropping the existing set. */
  replace?: boolean;
  /** New entries that revoke only codes issued before a time (top 64 bits of the hash, Unix seconds). */
  timed?: readonly { key: bigint; before: number }[];
  /** The existing list's timed table (RevocationListRef.timed, decoded), kept unless `replace`. */
  existingTimed?: Uint8Array;
}

export const DEFAULT_CAPACITY = 1 << 20;

export interface RevokeResult {
  bytes: Uint8Array;
  set: RevocationSet;
  /** Ids given (after dropping blank lines). */
  requested: number;
  /** Of those, already in the existing set (or duplicates among themselves); a false positive may count here. */
  alreadyPresent: number;
  /** Entries the set gained. */
  added: number;
  /** True when the set now holds more than its parameters were sized for: its rate is above 2^-fpBits. */
  overBudget: boolean;
  /** The list's timed table after the change (for RevocationListRef.timed), absent when no entry is timed. */
  timedTable?: Uint8Array;
  /** Entries of the set that revoke only codes issued before a time. */
  timedCount: number;
}

/**
 * The new set: the existing one's prefixes plus the new keys (same parameters), or a fresh set.
 *
 * Timed entries (`opts.timed`) go into the set like any other and into the timed table with their
 * time. An outright entry always wins over a timed one for the same prefix (it revokes more); one
 * prefix timed twice keeps the later time (which revokes more). So adding never un-revokes.
 */
export function revokeInto(existing: Uint8Array | undefined, keys: BigUint64Array, opts: RevokeOptions = {}): RevokeResult {
  let prefixBits: number;
  let fpBits: number;
  let old: RevocationSet | undefined;
  const newTimed = opts.timed ?? [];
  const requested = keys.length + newTimed.length;
  if (existing && !opts.replace) {
    const opened = openRevocationSet(existing);
    if (!opened.ok) throw new Error(`existing revocation set is malformed: ${opened.reason.detail ?? opened.reason.code}`);
    old = opened.value;
    ({ prefixBits, fpBits } = old);
  } else {
    fpBits = opts.fpBits ?? DEFAULT_FP_BITS;
    const capacity = Math.max(opts.capacity ?? DEFAULT_CAPACITY, requested, 1);
    prefixBits = Math.min(ceilLog2(capacity) + fpBits, 64);
  }
  const shift = BigInt(64 - prefixBits);

  // The timed entries after the change, by prefix.
  const timed = new Map<bigint, number>();
  if (old && opts.existingTimed) {
    const table = openTimedTable(opts.existingTimed, prefixBits);
    if (!table.ok) throw new Error(`existing revocation list: ${table.reason.detail}`);
    for (const e of table.value.entries()) timed.set(e.prefix, e.before);
  }
  for (const { key, before } of newTimed) {
    const p = key >> shift;
    // Already revoked outright: stays so.
    if (old && !timed.has(p) && old.has(hashOfPrefix(p, prefixBits))) continue;
    timed.set(p, Math.max(timed.get(p) ?? 0, before));
  }
  // New outright entries end any timed entry for their prefix.
  if (timed.size) for (const k of keys) timed.delete(k >> shift);

  // The builder sorts and collapses equal prefixes, so old and new just go in one after the other.
  function* all(): Generator<bigint> {
    if (old) yield* setPrefixes(old);
    for (const k of keys) yield k >> shift;
    for (const t of newTimed) yield t.key >> shift;
  }
  const bytes = buildRevocationSetFromPrefixes(all(), { prefixBits, fpBits });
  const opened = openRevocationSet(bytes);
  if (!opened.ok) throw new Error(`internal: built set does not open: ${opened.reason.detail ?? ''}`);
  const set = opened.value;
  const entries: TimedEntry[] = [...timed].map(([prefix, before]) => ({ prefix, before }));
  return {
    bytes,
    set,
    requested,
    alreadyPresent: requested - (set.count - (old?.count ?? 0)),
    added: set.count - (old?.count ?? 0),
    overBudget: set.falsePositiveRate > 2 ** -fpBits,
    ...(entries.length ? { timedTable: encodeTimedTable(entries, prefixBits) } : {}),
    timedCount: entries.length,
  };
}

/**
 * The bundle's reference to a set: size and SHA-256 pin the bytes, inline as `data` or at `href`;
 * a timed table rides inline (`timed`), covered by the bundle's signature.
 */
export async function revocationListRef(
  id: string,
  bytes: Uint8Array,
  count: number,
  where: { href: string } | 'inline',
  timedTable?: Uint8Array,
): Promise<RevocationListRef> {
  const ref: RevocationListRef = { id, count, sha256: toBase64Url(await sha256(bytes)), bytes: bytes.length };
  if (where === 'inline') ref.data = toBase64Url(bytes);
  else ref.href = where.href;
  if (timedTable) ref.timed = toBase64Url(timedTable);
  return ref;
}

/** An inline list's bytes. */
export const inlineBytes = (ref: RevocationListRef): Uint8Array | undefined => (ref.data !== undefined ? fromBase64Url(ref.data) : undefined);

/** A list id as the bundle allows it (also safe as a file name). */
export const isListId = (id: string): boolean => /^[A-Za-z0-9._-]{1,64}$/.test(id) && id !== '.' && id !== '..';
