/**
 * Reading a revocation set: a Golomb-Rice coded set of hash prefixes with a bucket index
 * (format in docs/revocation.md). It stays compressed in memory; opening checks only the header
 * and the index, and a lookup decodes part of one bucket (64–128 codes on average at the default).
 */
import { fail, ok, type Result } from '../../result.ts';

export type RevocationSetError = 'REVOCATION_MALFORMED';

export interface RevocationSet {
  /** Distinct prefixes stored (distinct revoked hashes, less the rare ones sharing a prefix). */
  readonly count: number;
  /** The false-positive exponent the set was built for: rate ≤ 2^-fpBits at build time. */
  readonly fpBits: number;
  /** Entries are the top `prefixBits` bits of each hash. */
  readonly prefixBits: number;
  /** Chance that a hash not in the set is reported as in it: count / 2^prefixBits. */
  readonly falsePositiveRate: number;
  readonly byteLength: number;
  /**
   * True when the hash's prefix is in the set; false for anything that is not a 32-byte hash.
   * `issuedAtMs` (when the code was issued, ms since 1970) matters only for a set with timed
   * entries (timed.ts): such an entry revokes codes issued before its time. A set on its own
   * ignores it.
   */
  has(hash: Uint8Array, issuedAtMs?: number): boolean;
}

export const MAGIC = [0x47, 0x43, 0x52, 0x53]; // "GCRS"
export const VERSION = 1;
export const HEADER_BYTES = 20;
export const HASH_BYTES = 32;
export const MAX_FP_BITS = 32;
/** Offsets within a bucket are plain numbers, so they must stay exact doubles. */
export const MAX_OFFSET_BITS = 53;
export const MAX_BUCKET_BITS = 31;
export const MAX_RICE_BITS = 32;

export const u32be = (b: Uint8Array, i: number): number => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

/** Bucket of a 64-bit key hi:lo: its top `bucketBits` bits. */
export const bucketOf = (hi: number, bucketBits: number): number => (bucketBits === 0 ? 0 : hi >>> (32 - bucketBits));

/** 2^i for i in 0..64, exact: cheaper than `2 ** i` in hot loops. */
export const POW2 = Float64Array.from({ length: 65 }, (_, i) => 2 ** i);

/** Bits [a, a+s) of the 64-bit key hi:lo as an exact integer (a ≤ 31, 1 ≤ s ≤ 53, a+s ≤ 64): the offset in its bucket. */
export function offsetOf(hi: number, lo: number, a: number, s: number): number {
  const end = a + s;
  if (end <= 32) return (hi << a) >>> (32 - s);
  return ((hi << a) >>> a) * POW2[end - 32]! + (lo >>> (64 - end));
}

/**
 * 32 bits of the body starting at bit `pos`, MSB first. Reads past the end see `undefined`,
 * which bitwise operators treat as 0: a truncated last code reads as zeros instead of throwing.
 */
function window32(b: Uint8Array, pos: number): number {
  const i = pos >>> 3;
  const sh = pos & 7;
  const w = (b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!;
  return sh === 0 ? w >>> 0 : ((w << sh) | (b[i + 4]! >>> (8 - sh))) >>> 0;
}

/** Decodes the Rice codes of one bucket; every call advances or ends, so corrupt bits cannot loop. */
class RiceReader {
  private readonly scale: number;
  constructor(
    private readonly body: Uint8Array,
    private pos: number,
    private readonly end: number,
    private readonly k: number,
  ) {
    this.scale = 2 ** k;
  }

  /** The next delta, or -1 once the bucket's bits are used up (or a code runs past them). */
  next(): number {
    const end = this.end;
    let pos = this.pos;
    if (pos >= end) return -1;
    let q = 0;
    for (;;) {
      const w = window32(this.body, pos);
      if (w !== 0) {
        const z = Math.clz32(w);
        q += z;
        pos += z + 1;
        break;
      }
      q += 32;
      pos += 32;
      if (pos >= end) return this.stop();
    }
    const k = this.k;
    if (pos + k > end) return this.stop();
    const r = k === 0 ? 0 : window32(this.body, pos) >>> (32 - k);
    this.pos = pos + k;
    return q * this.scale + r;
  }

  private stop(): number {
    this.pos = this.end;
    return -1;
  }
}

class CompactSet implements RevocationSet {
  readonly falsePositiveRate: number;
  private readonly offsetBits: number;
  private readonly lastBucket: number;

  constructor(
    readonly count: number,
    readonly fpBits: number,
    readonly prefixBits: number,
    readonly byteLength: number,
    readonly bucketBits: number,
    readonly riceBits: number,
    readonly bodyBits: number,
    private readonly index: DataView,
    readonly body: Uint8Array,
  ) {
    this.offsetBits = prefixBits - bucketBits;
    this.lastBucket = 2 ** bucketBits - 1;
    this.falsePositiveRate = count / 2 ** prefixBits;
  }

  /** Bit range [start, end) of a bucket's codes in the body. */
  bucketStart(b: number): number {
    return this.index.getUint32(b * 4);
  }
  bucketEnd(b: number): number {
    return b === this.lastBucket ? this.bodyBits : this.index.getUint32(b * 4 + 4);
  }
  reader(b: number): RiceReader {
    return new RiceReader(this.body, this.bucketStart(b), this.bucketEnd(b), this.riceBits);
  }

  has(hash: Uint8Array): boolean {
    if (hash.length !== HASH_BYTES) return false;
    const hi = u32be(hash, 0);
    const target = offsetOf(hi, u32be(hash, 4), this.bucketBits, this.offsetBits);
    const bucket = bucketOf(hi, this.bucketBits);
    // The RiceReader loop, inlined: this is the per-scan hot path.
    const body = this.body;
    const k = this.riceBits;
    const scale = POW2[k]!;
    const end = this.bucketEnd(bucket);
    let pos = this.bucketStart(bucket);
    let cur = 0;
    while (pos < end) {
      let w = window32(body, pos);
      while (w === 0) {
        cur += 32 * scale;
        pos += 32;
        if (pos >= end) return false;
        w = window32(body, pos);
      }
      const z = Math.clz32(w);
      pos += z + 1;
      if (pos + k > end) return false;
      // The remainder is usually still inside the window just read.
      const r = k === 0 ? 0 : z + 1 + k <= 32 ? (w << (z + 1)) >>> (32 - k) : window32(body, pos) >>> (32 - k);
      cur += z * scale + r;
      pos += k;
      if (cur >= target) return cur === target;
    }
    return false;
  }

  /** Every stored prefix in ascending order; a corrupt bucket ends early rather than yield junk. */
  *prefixes(): Generator<bigint> {
    const s = this.offsetBits;
    const width = 2 ** s;
    for (let b = 0; b <= this.lastBucket; b++) {
      const rd = this.reader(b);
      const base = BigInt(b) << BigInt(s);
      let cur = -1;
      for (let d = rd.next(); d >= 0; d = rd.next()) {
        const next = cur < 0 ? d : cur + d;
        if (next >= width || next === cur) break;
        cur = next;
        yield base | BigInt(cur);
      }
    }
  }
}

/** The values a set holds, ascending: each the top `set.prefixBits` bits of a hash, as a bigint. */
export function setPrefixes(set: RevocationSet): Iterable<bigint> {
  if (!(set instanceof CompactSet)) throw new TypeError('not a set from openRevocationSet');
  return set.prefixes();
}

const bad = (detail: string) => fail<RevocationSetError>('REVOCATION_MALFORMED', detail);

/**
 * Checks every header field against the byte length and the index for order, without decoding
 * the body (fast at 10M). Authenticity is the caller's job: the signed bundle pins the SHA-256.
 */
export function openRevocationSet(bytes: Uint8Array): Result<RevocationSet, RevocationSetError> {
  if (!(bytes instanceof Uint8Array)) return bad('not bytes');
  if (bytes.length < HEADER_BYTES) return bad(`${bytes.length} bytes is shorter than the ${HEADER_BYTES}-byte header`);
  if (MAGIC.some((m, i) => bytes[i] !== m)) return bad('bad magic');
  const [version, fpBits, prefixBits, bucketBits, riceBits] = [bytes[4]!, bytes[5]!, bytes[6]!, bytes[7]!, bytes[8]!];
  if (version !== VERSION) return bad(`unsupported version ${version}`);
  if (fpBits < 1 || fpBits > MAX_FP_BITS) return bad(`fpBits ${fpBits} is outside 1..${MAX_FP_BITS}`);
  if (prefixBits < fpBits || prefixBits > 64) return bad(`prefixBits ${prefixBits} is outside ${fpBits}..64`);
  if (bucketBits > MAX_BUCKET_BITS || prefixBits - bucketBits < 1 || prefixBits - bucketBits > MAX_OFFSET_BITS)
    return bad(`bucketBits ${bucketBits} does not fit prefixBits ${prefixBits}`);
  if (riceBits > MAX_RICE_BITS) return bad(`riceBits ${riceBits} is above ${MAX_RICE_BITS}`);
  if (bytes[9] !== 0 || bytes[10] !== 0 || bytes[11] !== 0) return bad('reserved header bytes are not zero');
  const count = u32be(bytes, 12);
  const bodyBits = u32be(bytes, 16);
  if (count > 2 ** prefixBits) return bad(`count ${count} exceeds the 2^${prefixBits} possible prefixes`);
  // Every code is at least riceBits+1 bits; the quotients of one bucket sum to at most its width / 2^riceBits.
  const minBits = count * (riceBits + 1);
  const maxBits = minBits + 2 ** (prefixBits - riceBits) + 2 ** bucketBits;
  if (bodyBits < minBits || bodyBits > maxBits) return bad(`${bodyBits} body bits cannot hold ${count} codes`);

  const buckets = 2 ** bucketBits;
  const bodyStart = HEADER_BYTES + 4 * buckets;
  const expected = bodyStart + Math.ceil(bodyBits / 8);
  if (bytes.length !== expected) return bad(`${bytes.length} bytes, header implies ${expected}`);

  const index = new DataView(bytes.buffer, bytes.byteOffset + HEADER_BYTES, 4 * buckets);
  let prev = 0;
  for (let b = 0; b < buckets; b++) {
    const at = index.getUint32(b * 4);
    if (b === 0 ? at !== 0 : at < prev) return bad(`index entry ${b} (${at}) is out of order`);
    prev = at;
  }
  if (prev > bodyBits) return bad(`index entry ${buckets - 1} (${prev}) is past the body's ${bodyBits} bits`);
  const body = bytes.subarray(bodyStart);
  if (bodyBits % 8 !== 0 && (body[body.length - 1]! & (0xff >>> bodyBits % 8)) !== 0) return bad('padding bits after the body are not zero');

  return ok(new CompactSet(count, fpBits, prefixBits, bytes.length, bucketBits, riceBits, bodyBits, index, body));
}
