/**
 * Time-limited revocations: "revoked if issued before T" (a SMART Health Card CRL entry
 * `rid.T`). The set (read-set.ts) holds every revoked hash prefix, timed or not; a small table
 * beside it, carried in the signed bundle as the list's `timed` member, says which of those
 * prefixes are revoked only for codes issued before a time. Format in docs/revocation.md.
 *
 * A gate that does not know the table reads a timed entry as revoked outright: the conservative
 * reading. Like the set, the table holds hash prefixes only, never ids.
 */
import { fail, ok, type Result } from '../../result.ts';
import { HASH_BYTES, type RevocationSet } from './read-set.ts';

export const TIMED_MAGIC = [0x47, 0x43, 0x52, 0x54]; // "GCRT"
export const TIMED_VERSION = 1;
export const TIMED_HEADER_BYTES = 12;
/** Bytes of the `before` time per entry: unsigned big-endian seconds since 1970 (to the year 36812). */
export const BEFORE_BYTES = 5;
export const MAX_BEFORE = 2 ** 40 - 1;
/** Timed entries per list: the table rides inline in bundle.json (~15 base64url characters each). */
export const MAX_TIMED_ENTRIES = 65_536;

/** One timed entry: the top `prefixBits` bits of the hash (as for setPrefixes) and the time, Unix seconds. */
export interface TimedEntry {
  prefix: bigint;
  before: number;
}

/** The first ⌈prefixBits/8⌉ bytes of a hash with the bits after prefixBits cleared: how the table stores a prefix. */
function prefixBytesOf(hash: Uint8Array, prefixBits: number): Uint8Array {
  const w = Math.ceil(prefixBits / 8);
  const out = hash.slice(0, w);
  const spare = w * 8 - prefixBits;
  if (spare) out[w - 1]! &= (0xff << spare) & 0xff;
  return out;
}

/** A prefix value (< 2^prefixBits) as the table's bytes. */
function prefixToBytes(prefix: bigint, prefixBits: number): Uint8Array {
  const w = Math.ceil(prefixBits / 8);
  let v = prefix << BigInt(w * 8 - prefixBits);
  const out = new Uint8Array(w);
  for (let i = w - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** A 32-byte stand-in hash whose top prefixBits bits are `prefix` (to ask a set about a prefix). */
export function hashOfPrefix(prefix: bigint, prefixBits: number): Uint8Array {
  const h = new Uint8Array(HASH_BYTES);
  h.set(prefixToBytes(prefix, prefixBits));
  return h;
}

function compare(a: Uint8Array, ai: number, b: Uint8Array, bi: number, w: number): number {
  for (let i = 0; i < w; i++) {
    const d = a[ai + i]! - b[bi + i]!;
    if (d) return d;
  }
  return 0;
}

/**
 * The table's bytes for these entries (sorted and deduplicated here: one prefix twice keeps the
 * later time, which revokes more). Throws RangeError on caller mistakes.
 */
export function encodeTimedTable(entries: Iterable<TimedEntry>, prefixBits: number): Uint8Array {
  if (!Number.isInteger(prefixBits) || prefixBits < 1 || prefixBits > 64) throw new RangeError(`prefixBits must be 1..64, got ${prefixBits}`);
  const limit = 1n << BigInt(prefixBits);
  const byPrefix = new Map<bigint, number>();
  for (const e of entries) {
    if (typeof e.prefix !== 'bigint' || e.prefix < 0n || e.prefix >= limit) throw new RangeError(`prefix ${String(e.prefix)} is not in [0, 2^${prefixBits})`);
    if (!Number.isInteger(e.before) || e.before < 1 || e.before > MAX_BEFORE) throw new RangeError(`before ${e.before} is not 1..${MAX_BEFORE} seconds`);
    byPrefix.set(e.prefix, Math.max(byPrefix.get(e.prefix) ?? 0, e.before));
  }
  if (byPrefix.size > MAX_TIMED_ENTRIES) throw new RangeError(`${byPrefix.size} timed entries; a list holds at most ${MAX_TIMED_ENTRIES}`);
  const sorted = [...byPrefix].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const w = Math.ceil(prefixBits / 8);
  const rec = w + BEFORE_BYTES;
  const out = new Uint8Array(TIMED_HEADER_BYTES + sorted.length * rec);
  out.set(TIMED_MAGIC, 0);
  out[4] = TIMED_VERSION;
  out[5] = prefixBits;
  new DataView(out.buffer).setUint32(8, sorted.length);
  sorted.forEach(([prefix, before], i) => {
    const at = TIMED_HEADER_BYTES + i * rec;
    out.set(prefixToBytes(prefix, prefixBits), at);
    // u40 big-endian: the high byte, then the low 32 bits.
    out[at + w] = Math.floor(before / 2 ** 32);
    new DataView(out.buffer).setUint32(at + w + 1, before % 2 ** 32);
  });
  return out;
}

export interface TimedTable {
  readonly count: number;
  readonly prefixBits: number;
  /** The time (Unix seconds) before which codes with this hash are revoked, when the hash's prefix is a timed entry. */
  beforeOf(hash: Uint8Array): number | undefined;
  entries(): TimedEntry[];
}

const bad = (detail: string) => fail<'REVOCATION_MALFORMED'>('REVOCATION_MALFORMED', detail);

/** Checks every field (never throws); the set it belongs to must have the same prefixBits. */
export function openTimedTable(bytes: Uint8Array, prefixBits: number): Result<TimedTable, 'REVOCATION_MALFORMED'> {
  if (bytes.length < TIMED_HEADER_BYTES) return bad(`timed table: ${bytes.length} bytes is shorter than its header`);
  if (TIMED_MAGIC.some((m, i) => bytes[i] !== m)) return bad('timed table: bad magic');
  if (bytes[4] !== TIMED_VERSION) return bad(`timed table: unsupported version ${bytes[4]}`);
  if (bytes[5] !== prefixBits) return bad(`timed table: prefixBits ${bytes[5]}, the set has ${prefixBits}`);
  if (bytes[6] !== 0 || bytes[7] !== 0) return bad('timed table: reserved bytes are not zero');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(8);
  if (count < 1 || count > MAX_TIMED_ENTRIES) return bad(`timed table: ${count} entries is outside 1..${MAX_TIMED_ENTRIES}`);
  const w = Math.ceil(prefixBits / 8);
  const rec = w + BEFORE_BYTES;
  if (bytes.length !== TIMED_HEADER_BYTES + count * rec) return bad(`timed table: ${bytes.length} bytes, ${count} entries need ${TIMED_HEADER_BYTES + count * rec}`);
  const spareMask = (1 << (w * 8 - prefixBits)) - 1;
  const befores = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = TIMED_HEADER_BYTES + i * rec;
    if (bytes[at + w - 1]! & spareMask) return bad(`timed table: entry ${i} has bits set after its prefix`);
    if (i > 0 && compare(bytes, at - rec, bytes, at, w) >= 0) return bad(`timed table: entry ${i} is not above entry ${i - 1}`);
    const before = bytes[at + w]! * 2 ** 32 + view.getUint32(at + w + 1);
    if (before < 1) return bad(`timed table: entry ${i} has no time`);
    befores[i] = before;
  }
  const table = bytes.slice(TIMED_HEADER_BYTES);
  return ok({
    count,
    prefixBits,
    beforeOf(hash: Uint8Array): number | undefined {
      if (hash.length !== HASH_BYTES) return undefined;
      const q = prefixBytesOf(hash, prefixBits);
      let lo = 0;
      let hi = count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const c = compare(table, mid * rec, q, 0, w);
        if (c === 0) return befores[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    },
    entries(): TimedEntry[] {
      const out: TimedEntry[] = [];
      for (let i = 0; i < count; i++) {
        let v = 0n;
        for (let j = 0; j < w; j++) v = (v << 8n) | BigInt(table[i * rec + j]!);
        out.push({ prefix: v >> BigInt(w * 8 - prefixBits), before: befores[i]! });
      }
      return out;
    },
  });
}

/** A set whose timed entries revoke only codes issued before their time (the set alone revokes them all). */
export interface TimedRevocationSet extends RevocationSet {
  readonly timed?: TimedTable;
}

/**
 * The set with its table: `has(hash, issuedAtMs)` is true for a hash in the set unless its prefix
 * is a timed entry and the code was issued at or after the entry's time. Without `issuedAtMs`
 * (or when it is not a number) a timed entry counts as revoked: a code whose issue time cannot be
 * read gets no benefit of the doubt.
 */
export function withTimedTable(set: RevocationSet, table: TimedTable): TimedRevocationSet {
  return {
    get count() {
      return set.count;
    },
    fpBits: set.fpBits,
    prefixBits: set.prefixBits,
    falsePositiveRate: set.falsePositiveRate,
    byteLength: set.byteLength,
    timed: table,
    plain: set,
    has(hash: Uint8Array, issuedAtMs?: number): boolean {
      if (!set.has(hash)) return false;
      const before = table.beforeOf(hash);
      if (before === undefined) return true;
      return !(typeof issuedAtMs === 'number' && Number.isFinite(issuedAtMs) && issuedAtMs >= before * 1000);
    },
  } as TimedRevocationSet & { plain: RevocationSet };
}

/** The set underneath withTimedTable (setPrefixes needs it), or the set itself. */
export const plainSet = (set: RevocationSet): RevocationSet => (set as { plain?: RevocationSet }).plain ?? set;
