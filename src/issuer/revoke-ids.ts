/**
 * Revocation ids to hashes: each (issuer, code id) becomes revocationHash(issuer, id), reduced at
 * once to its top 64 bits in one typed array (8 bytes per id, 80 MB for 10M); ids may come from an
 * async line source. Raw ids are never kept, written or printed — callers get counts.
 */
import { parseRevocationId } from '../core/trust/revocation/code-id.ts';
import { revocationHash } from '../core/trust/revocation/revocation-hash.ts';
import { issuerFormat } from './formats/registry.ts';

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
  /**
   * Ids per group, as the format groups them (IssuerFormat.revocationGroup): for EU DCC, how many
   * UVCIs name each country in their own country block (`01:DE:…`, `01DE/…`).
   */
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
  const groupOf = issuerFormat(format)?.revocationGroup;
  for await (const raw of ids) {
    at++;
    if (!raw.trim()) continue;
    requested++;
    const parsed = parseRevocationId(format, raw);
    if (!parsed.ok) {
      if (problems.length < 5) problems.push({ at, why: parsed.reason.detail ?? parsed.reason.code });
      bad++;
      continue;
    }
    if (bad) continue; // nothing will be written: stop hashing, keep checking
    if (parsed.value.changed) normalised++;
    const { id, before } = parsed.value.entry;
    const group = groupOf?.(id);
    if (group) uvciCountries.set(group, (uvciCountries.get(group) ?? 0) + 1);
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
