/**
 * Revoking codes: each (issuer, code id) becomes revocationHash(issuer, id), and only the top bits
 * of those hashes go into a bundle's revocation set (docs/revocation.md). Raw ids are never kept,
 * written or printed — callers get counts.
 *
 * Built for national scale: hashes are reduced at once to their top 64 bits in one typed array
 * (8 bytes per id, 80 MB for 10M), and ids may come from an async line source.
 */
import { fromBase64Url, sha256, toBase64Url } from '../core/encoding/bytes.ts';
import type { RevocationListRef } from '../core/trust/bundle.ts';
import { buildRevocationSetFromPrefixes, DEFAULT_FP_BITS, setPrefixes } from '../core/trust/revocation/build-set.ts';
import { openRevocationSet, type RevocationSet } from '../core/trust/revocation/read-set.ts';
import { revocationHash } from '../core/trust/revocation/revocation-hash.ts';

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
    this.buf[this.length++] = new DataView(hash.buffer, hash.byteOffset, 8).getBigUint64(0);
  }
  values(): BigUint64Array {
    return this.buf.subarray(0, this.length);
  }
}

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
}

/** The new set: the existing one's prefixes plus the new keys (same parameters), or a fresh set. */
export function revokeInto(existing: Uint8Array | undefined, keys: BigUint64Array, opts: RevokeOptions = {}): RevokeResult {
  let prefixBits: number;
  let fpBits: number;
  let old: RevocationSet | undefined;
  if (existing && !opts.replace) {
    const opened = openRevocationSet(existing);
    if (!opened.ok) throw new Error(`existing revocation set is malformed: ${opened.reason.detail ?? opened.reason.code}`);
    old = opened.value;
    ({ prefixBits, fpBits } = old);
  } else {
    fpBits = opts.fpBits ?? DEFAULT_FP_BITS;
    const capacity = Math.max(opts.capacity ?? DEFAULT_CAPACITY, keys.length, 1);
    prefixBits = Math.min(ceilLog2(capacity) + fpBits, 64);
  }
  // The builder sorts and collapses equal prefixes, so old and new just go in one after the other.
  const shift = BigInt(64 - prefixBits);
  function* all(): Generator<bigint> {
    if (old) yield* setPrefixes(old);
    for (const k of keys) yield k >> shift;
  }
  const bytes = buildRevocationSetFromPrefixes(all(), { prefixBits, fpBits });
  const opened = openRevocationSet(bytes);
  if (!opened.ok) throw new Error(`internal: built set does not open: ${opened.reason.detail ?? ''}`);
  const set = opened.value;
  return {
    bytes,
    set,
    requested: keys.length,
    alreadyPresent: keys.length - (set.count - (old?.count ?? 0)),
    added: set.count - (old?.count ?? 0),
    overBudget: set.falsePositiveRate > 2 ** -fpBits,
  };
}

/** The bundle's reference to a set: size and SHA-256 pin the bytes, inline as `data` or at `href`. */
export async function revocationListRef(id: string, bytes: Uint8Array, count: number, where: { href: string } | 'inline'): Promise<RevocationListRef> {
  const ref: RevocationListRef = { id, count, sha256: toBase64Url(await sha256(bytes)), bytes: bytes.length };
  if (where === 'inline') ref.data = toBase64Url(bytes);
  else ref.href = where.href;
  return ref;
}

/** An inline list's bytes. */
export const inlineBytes = (ref: RevocationListRef): Uint8Array | undefined => (ref.data !== undefined ? fromBase64Url(ref.data) : undefined);

/** A list id as the bundle allows it (also safe as a file name). */
export const isListId = (id: string): boolean => /^[A-Za-z0-9._-]{1,64}$/.test(id) && id !== '.' && id !== '..';
