/**
 * Building a revocation set (issuer/operator side, but runtime-agnostic like the reader).
 * Entries are the top `prefixBits` bits of each hash, sorted and Golomb-Rice coded per index
 * bucket; docs/revocation.md has the format and the measurements behind the defaults.
 * Caller mistakes (a 31-byte "hash", fpBits 0) throw RangeError: unlike the reader, nothing here
 * parses untrusted bytes.
 */
import {
  bucketOf,
  HASH_BYTES,
  HEADER_BYTES,
  MAGIC,
  MAX_BUCKET_BITS,
  MAX_FP_BITS,
  MAX_OFFSET_BITS,
  MAX_RICE_BITS,
  offsetOf,
  POW2,
  u32be,
  VERSION,
} from './read-set.ts';

export { setPrefixes } from './read-set.ts';

export interface BuildSetOptions {
  /** False-positive rate at most 2^-fpBits; default 24 (≤ 6e-8 per honest code, see the doc). */
  fpBits?: number;
  /** Index buckets hold 2^(bucketSizeLog2-1)..2^bucketSizeLog2 codes on average; default 7 (64..128): lower looks up faster, higher spends fewer index bytes. */
  bucketSizeLog2?: number;
}

/** The parameters a rebuild from prefixes must keep: a RevocationSet has both. */
export interface PrefixParams {
  prefixBits: number;
  fpBits: number;
}

export const DEFAULT_FP_BITS = 24;
export const DEFAULT_BUCKET_SIZE_LOG2 = 7;

/** Keys live in a BigUint64Array so one native sort orders them; its words are written in platform order. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

class KeyList {
  private keys: BigUint64Array;
  private words: Uint32Array;
  length = 0;
  constructor(capacity: number) {
    this.keys = new BigUint64Array(Math.max(capacity, 16));
    this.words = new Uint32Array(this.keys.buffer);
  }
  private room(): void {
    if (this.length < this.keys.length) return;
    const bigger = new BigUint64Array(this.keys.length * 2);
    bigger.set(this.keys);
    this.keys = bigger;
    this.words = new Uint32Array(bigger.buffer);
  }
  push(hi: number, lo: number): void {
    this.room();
    this.words[2 * this.length + HI] = hi;
    this.words[2 * this.length + LO] = lo;
    this.length++;
  }
  pushBig(key: bigint): void {
    this.room();
    this.keys[this.length++] = key;
  }
  /** Ascending, as hi/lo word pairs. */
  sortedWords(): Uint32Array {
    this.keys.subarray(0, this.length).sort();
    return this.words;
  }
}

function checkInt(v: number, min: number, max: number, name: string): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${v}`);
}

function ceilLog2(n: number): number {
  let m = 0;
  while (2 ** m < n) m++;
  return m;
}

/** Builds the compact set from full 32-byte hashes (duplicates allowed, collapsed). Hashes are copied, not kept. */
export function buildRevocationSet(hashes: Iterable<Uint8Array>, opts: BuildSetOptions = {}): Uint8Array {
  const fpBits = opts.fpBits ?? DEFAULT_FP_BITS;
  checkInt(fpBits, 1, MAX_FP_BITS, 'fpBits');
  const list = new KeyList(Array.isArray(hashes) ? hashes.length : 1024);
  for (const h of hashes) {
    if (h.length !== HASH_BYTES) throw new RangeError(`a revocation hash is ${HASH_BYTES} bytes, got ${h.length}`);
    list.push(u32be(h, 0), u32be(h, 4));
  }
  const w = list.sortedWords();
  let distinct = 0;
  for (let i = 0; i < list.length; i++)
    if (i === 0 || w[2 * i + HI] !== w[2 * i - 2 + HI] || w[2 * i + LO] !== w[2 * i - 2 + LO]) distinct++;
  // The smallest power-of-two range with N·2^fpBits values: rate N/2^prefixBits ≤ 2^-fpBits, and room to grow until N doubles.
  return encode(w, list.length, ceilLog2(Math.max(distinct, 1)) + fpBits, fpBits, opts.bucketSizeLog2);
}

/** Builds from the prefixes of a set (setPrefixes) plus new ones (hashPrefix), keeping its parameters: how a set is extended. */
export function buildRevocationSetFromPrefixes(
  prefixes: Iterable<bigint>,
  params: PrefixParams,
  opts: Pick<BuildSetOptions, 'bucketSizeLog2'> = {},
): Uint8Array {
  checkInt(params.fpBits, 1, MAX_FP_BITS, 'fpBits');
  checkInt(params.prefixBits, params.fpBits, 64, 'prefixBits');
  const shift = BigInt(64 - params.prefixBits);
  const limit = 1n << BigInt(params.prefixBits);
  const list = new KeyList(Array.isArray(prefixes) ? prefixes.length : 1024);
  for (const p of prefixes) {
    if (typeof p !== 'bigint' || p < 0n || p >= limit) throw new RangeError(`prefix ${String(p)} is not in [0, 2^${params.prefixBits})`);
    list.pushBig(p << shift);
  }
  return encode(list.sortedWords(), list.length, params.prefixBits, params.fpBits, opts.bucketSizeLog2);
}

/** The prefix a hash has in a set with these prefixBits (to add it with buildRevocationSetFromPrefixes). */
export function hashPrefix(hash: Uint8Array, prefixBits: number): bigint {
  if (hash.length !== HASH_BYTES) throw new RangeError(`a revocation hash is ${HASH_BYTES} bytes, got ${hash.length}`);
  checkInt(prefixBits, 1, 64, 'prefixBits');
  const key = (BigInt(u32be(hash, 0)) << 32n) | BigInt(u32be(hash, 4));
  return key >> BigInt(64 - prefixBits);
}

/** Sorted 64-bit keys (as word pairs) → the set's bytes. Masks the keys to prefixBits in place. */
function encode(w: Uint32Array, length: number, prefixBits: number, fpBits: number, bucketSizeLog2 = DEFAULT_BUCKET_SIZE_LOG2): Uint8Array {
  checkInt(bucketSizeLog2, 0, 16, 'bucketSizeLog2');
  const b = prefixBits;
  const maskHi = b >= 32 ? 0xffffffff : ~(0xffffffff >>> b) >>> 0;
  const maskLo = b <= 32 ? 0 : b === 64 ? 0xffffffff : ~(0xffffffff >>> (b - 32)) >>> 0;
  // Collapse keys sharing a prefix (duplicates, and the rare distinct hashes that collide).
  let n = 0;
  for (let i = 0; i < length; i++) {
    const hi = (w[2 * i + HI]! & maskHi) >>> 0;
    const lo = (w[2 * i + LO]! & maskLo) >>> 0;
    if (n > 0 && hi === w[2 * n - 2 + HI] && lo === w[2 * n - 2 + LO]) continue;
    w[2 * n + HI] = hi;
    w[2 * n + LO] = lo;
    n++;
  }
  if (n > 0xffffffff) throw new RangeError('too many entries for one set');

  // ~2^bucketSizeLog2 codes per bucket, but offsets must stay exact doubles (≤ 53 bits).
  const a = Math.min(Math.max(ceilLog2(Math.max(n, 1)) - bucketSizeLog2, b - MAX_OFFSET_BITS, 0), MAX_BUCKET_BITS, b - 1);
  const s = b - a;
  const visit = (f: (bucket: number, delta: number) => void): void => {
    let prevBucket = -1;
    let prevOffset = 0;
    for (let i = 0; i < n; i++) {
      const hi = w[2 * i + HI]!;
      const bucket = bucketOf(hi, a);
      const offset = offsetOf(hi, w[2 * i + LO]!, a, s);
      f(bucket, bucket === prevBucket ? offset - prevOffset : offset);
      prevBucket = bucket;
      prevOffset = offset;
    }
  };

  // Rice parameter: try the three around log2(mean gap) and keep the smallest body.
  const k0 = Math.min(Math.max(Math.floor(Math.log2(2 ** b / Math.max(n, 1))), 1), MAX_RICE_BITS - 1);
  const [lower, mid, upper] = [POW2[k0 - 1]!, POW2[k0]!, POW2[k0 + 1]!];
  const q = [0, 0, 0];
  visit((_, d) => {
    q[0]! += Math.floor(d / lower);
    q[1]! += Math.floor(d / mid);
    q[2]! += Math.floor(d / upper);
  });
  const sizes = q.map((sum, j) => sum + n * (k0 + j));
  const best = sizes.indexOf(Math.min(...sizes));
  const k = k0 - 1 + best;
  const bodyBits = sizes[best]!;
  if (bodyBits > 0xffffffff) throw new RangeError('set too large: the body exceeds 2^32 bits');

  const buckets = 2 ** a;
  const bodyStart = HEADER_BYTES + 4 * buckets;
  const out = new Uint8Array(bodyStart + Math.ceil(bodyBits / 8));
  out.set(MAGIC, 0);
  out.set([VERSION, fpBits, b, a, k], 4);
  const header = new DataView(out.buffer);
  header.setUint32(12, n);
  header.setUint32(16, bodyBits);
  const index = new DataView(out.buffer, HEADER_BYTES, 4 * buckets);
  const body = out.subarray(bodyStart);
  const scale = POW2[k]!;
  let pos = 0;
  let filled = 0;
  visit((bucket, d) => {
    while (filled <= bucket) index.setUint32(4 * filled++, pos);
    pos = writeRice(body, pos, d, k, scale);
  });
  while (filled < buckets) index.setUint32(4 * filled++, pos);
  if (pos !== bodyBits) throw new Error(`internal: wrote ${pos} bits, planned ${bodyBits}`);
  return out;
}

/** Appends d as Rice(k): quotient in unary (zeros then a one), then the k low bits, MSB first. Returns the new bit position. */
function writeRice(buf: Uint8Array, pos: number, d: number, k: number, scale: number): number {
  const q = Math.floor(d / scale);
  const r = d - q * scale; // < 2^k ≤ 2^32, so >>> below is exact
  pos += q; // the buffer starts zeroed
  buf[pos >>> 3]! |= 0x80 >>> (pos & 7);
  pos++;
  for (let left = k; left > 0; ) {
    const room = 8 - (pos & 7);
    const take = room < left ? room : left;
    buf[pos >>> 3]! |= ((r >>> (left - take)) & ((1 << take) - 1)) << (room - take);
    pos += take;
    left -= take;
  }
  return pos;
}
