/**
 * DEFLATE's Huffman codes for inflate.ts: decoding tables for canonical codes (RFC 1951 §3.2.2),
 * the fixed codes, and the reading of a dynamic block's code lengths (§3.2.7).
 *
 * DEFLATE packs a code's bits most significant first into an LSB-first bit stream, so a table is
 * indexed by the next `root` bits of the stream as read (the code bit-reversed). An entry is
 *   symbol << 8 | length          (length 1..15; 0 marks a bit pattern no code uses), or
 *   offset << 8 | SUB | bits      a code longer than root: index the subtable at offset with the
 *                                 next `bits` bits after the root ones; its entries are of the first kind.
 * Root sizes keep the per-block build small (a QR code's stream is a block or two) while most
 * symbols resolve in one lookup.
 */

/** Block decoding outcomes (inflate.ts turns them into its failure kinds). */
export const OK = 0;
export const INVALID = 1;
export const TRUNCATED = 2;
export const TOO_LARGE = 3;

/** Decoder state shared by inflate.ts and the dynamic header reader here. */
export interface State {
  data: Uint8Array;
  len: number;
  /** Next input byte; may run past len (those bytes read as zeros). */
  pos: number;
  /** Bit buffer (LSB first) and how many bits it holds. */
  bits: number;
  nbits: number;
  out: Uint8Array;
  /** Writable size of out: min(out.length, max). */
  cap: number;
  o: number;
  max: number;
  lroot: number;
  droot: number;
}

/** Whether the stream has used bits beyond the input. */
export const overrun = (s: State): boolean => s.pos > s.len && (s.pos - s.len) * 8 > s.nbits;

/** Reads n ≤ 16 bits. */
export function take(s: State, n: number): number {
  while (s.nbits < n) {
    s.bits |= (s.pos < s.len ? s.data[s.pos]! : 0) << s.nbits;
    s.pos++;
    s.nbits += 8;
  }
  const v = s.bits & ((1 << n) - 1);
  s.bits >>= n;
  s.nbits -= n;
  return v;
}

/** Marks a table entry that points to a subtable. */
export const SUB = 16;

/** Longest root index for literal/length codes and for distance codes. */
export const LIT_ROOT = 9;
export const DIST_ROOT = 8;

/**
 * Table capacities. A subtable of k bits belongs to a complete subtree whose deepest code is k
 * below the root, so it holds at least k + 1 codes: at most 2^k / (k + 1) entries per code
 * (k ≤ 6 for literal/lengths: ≤ 9.2 × 288 ≈ 2,640; k ≤ 7 for distances: 16 × 30 = 480).
 */
export const LIT_TABLE_SIZE = (1 << LIT_ROOT) + 4096;
export const DIST_TABLE_SIZE = (1 << DIST_ROOT) + 1024;

const count = new Uint16Array(16);
const offsets = new Uint16Array(16);
/** Symbols in canonical order: by code length, then by symbol. */
const sorted = new Uint16Array(320);

/**
 * Builds the table for the code whose lengths are lens[from, from + n) into table and returns the
 * root bits it used, or -1 when the lengths do not form a code zlib accepts: over-subscribed, or
 * incomplete — except a lone one-bit code, when allowLone (RFC 1951 §3.2.7 allows a single
 * distance code of one bit; zlib accepts that for literal/length codes too). No codes at all
 * builds an all-invalid table (a block with no distances is fine until one is used).
 */
export function buildTable(lens: Uint8Array, from: number, n: number, table: Int32Array, root: number, allowLone: boolean): number {
  count.fill(0);
  for (let i = 0; i < n; i++) count[lens[from + i]!]!++;
  let max = 15;
  while (max > 0 && count[max] === 0) max--;
  if (max === 0) {
    table[0] = 0;
    table[1] = 0;
    return 1;
  }
  let left = 1;
  for (let len = 1; len <= 15; len++) {
    left = (left << 1) - count[len]!;
    if (left < 0) return -1; // over-subscribed
  }
  if (left > 0 && !(allowLone && max === 1)) return -1; // incomplete
  const r = Math.min(root, max);
  const size = 1 << r;
  if (left > 0) table.fill(0, 0, size);

  offsets[1] = 0;
  for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len]! + count[len]!;
  for (let i = 0; i < n; i++) {
    const len = lens[from + i]!;
    if (len !== 0) sorted[offsets[len]!++] = i;
  }
  const total = n - count[0]!;

  // Canonical codes are consecutive within a length, and a longer length continues from the
  // shorter one's next code shifted left. Kept bit-reversed (the stream's order), a left shift
  // changes nothing and +1 carries downward from the code's top bit.
  let rev = 0;
  let prefix = -1;
  let sub = size;
  let subBits = 0;
  for (let k = 0; k < total; k++) {
    const sym = sorted[k]!;
    const len = lens[from + sym]!;
    const entry = (sym << 8) | len;
    if (len <= r) {
      for (let j = rev; j < size; j += 1 << len) table[j] = entry;
    } else {
      if ((rev & (size - 1)) !== prefix) {
        // A new subtable for the codes after this root index: as deep as they need to fill it.
        if (prefix >= 0) sub += 1 << subBits;
        prefix = rev & (size - 1);
        subBits = len - r;
        let space = (1 << subBits) - count[len]!;
        while (space > 0 && r + subBits < max) {
          subBits++;
          space = (space << 1) - count[r + subBits]!;
        }
        if (sub + (1 << subBits) > table.length) return -1; // cannot happen for a complete code (see the sizes above)
        table[prefix] = (sub << 8) | SUB | subBits;
      }
      for (let j = rev >> r; j < 1 << subBits; j += 1 << (len - r)) table[sub + j] = entry;
    }
    count[len]!--;
    let bit = 1 << (len - 1);
    while (rev & bit) bit >>= 1;
    rev = bit === 0 ? 0 : (rev & (bit - 1)) | bit;
  }
  return r;
}

/** The fixed codes (RFC 1951 §3.2.6), built once. Symbols 286, 287 and distances 30, 31 have codes but are invalid. */
export const FIXED_LIT_ROOT = 9;
export const FIXED_DIST_ROOT = 5;
function fixedTable(lens: Uint8Array, root: number): Int32Array {
  const table = new Int32Array(1 << root);
  if (buildTable(lens, 0, lens.length, table, root, false) !== root) throw new Error('fixed Huffman code did not build');
  return table;
}
export const FIXED_LIT = fixedTable(new Uint8Array(288).fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288), FIXED_LIT_ROOT);
export const FIXED_DIST = fixedTable(new Uint8Array(32).fill(5), FIXED_DIST_ROOT);

export const dynLit = new Int32Array(LIT_TABLE_SIZE);
export const dynDist = new Int32Array(DIST_TABLE_SIZE);
const clTable = new Int32Array(1 << 7);
const lens = new Uint8Array(286 + 30);
const clLens = new Uint8Array(19);
const CL_ORDER = Uint8Array.of(16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15);

/** Reads a dynamic block's code lengths (RFC 1951 §3.2.7) and builds its tables. */
export function dynamicHeader(s: State): number {
  const nlen = take(s, 5) + 257;
  const ndist = take(s, 5) + 1;
  const ncl = take(s, 4) + 4;
  if (nlen > 286 || ndist > 30) return INVALID;
  clLens.fill(0);
  for (let i = 0; i < ncl; i++) clLens[CL_ORDER[i]!] = take(s, 3);
  const clRoot = buildTable(clLens, 0, 19, clTable, 7, false);
  if (clRoot < 0) return INVALID;
  const mask = (1 << clRoot) - 1;
  const total = nlen + ndist;
  const { data, len } = s;
  let { pos, bits, nbits } = s;
  let status = OK;
  for (let i = 0; i < total; ) {
    while (nbits < 24) {
      bits |= (pos < len ? data[pos]! : 0) << nbits;
      pos++;
      nbits += 8;
    }
    const e = clTable[bits & mask]!;
    const n = e & 15;
    const sym = e >> 8;
    bits >>= n;
    nbits -= n;
    if (n === 0) status = INVALID; // only when the code-length code has no codes at all
    else if (sym < 16) {
      lens[i++] = sym;
      continue;
    } else if (sym === 16 && i === 0) status = INVALID;
    else {
      // 16: the previous length 3-6 times; 17: zero 3-10 times; 18: zero 11-138 times.
      const extra = sym === 16 ? 2 : sym === 17 ? 3 : 7;
      const end = i + (sym === 18 ? 11 : 3) + (bits & ((1 << extra) - 1));
      bits >>= extra;
      nbits -= extra;
      const value = sym === 16 ? lens[i - 1]! : 0;
      if (end > total) status = INVALID;
      else while (i < end) lens[i++] = value;
    }
    if (status !== OK) break;
  }
  s.pos = pos;
  s.bits = bits;
  s.nbits = nbits;
  if (overrun(s)) return TRUNCATED;
  if (status !== OK) return status;
  if (lens[256] === 0) return INVALID; // no end-of-block code
  s.lroot = buildTable(lens, 0, nlen, dynLit, LIT_ROOT, true);
  s.droot = buildTable(lens, nlen, ndist, dynDist, DIST_ROOT, true);
  return s.lroot < 0 || s.droot < 0 ? INVALID : OK;
}

/** Length symbols 257..285: base lengths and extra bits (RFC 1951 §3.2.5). */
export const LEN_BASE = Uint16Array.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258);
export const LEN_EXTRA = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0);
/** Distance symbols 0..29. */
export const DIST_BASE = Uint16Array.of(
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
);
export const DIST_EXTRA = Uint8Array.of(0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13);
