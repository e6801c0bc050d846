/**
 * Revoking codes: only the top bits of each revocation hash (revoke-ids.ts) go into a bundle's
 * revocation set (docs/revocation.md). A set grows by merging prefixes, so extending a national
 * list of millions costs one pass, and adding never un-revokes.
 */
import { fromBase64Url, sha256, toBase64Url } from '../core/encoding/bytes.ts';
import type { RevocationListRef } from '../core/trust/bundle.ts';
import { buildRevocationSetFromPrefixes, DEFAULT_FP_BITS, setPrefixes } from '../core/trust/revocation/build-set.ts';
import { openRevocationSet, type RevocationSet } from '../core/trust/revocation/read-set.ts';
import { encodeTimedTable, hashOfPrefix, openTimedTable, type TimedEntry } from '../core/trust/revocation/timed.ts';

// Hashing ids and resolving the issuer, kept importable from here.
export { checkHasher, hashCodeIds, HashKeys, hashRevocationIds, RevocationIdError, type HashedIds, type SyncRevocationHash } from './revoke-ids.ts';
export { issuerFormats, resolveIssuer } from './revoke-issuer.ts';

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
