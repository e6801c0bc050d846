/**
 * A DEFLATE decoder (RFC 1951) for short, untrusted inputs. One pass gives the output and where the
 * stream ended (the byte after its final block), so the zlib layer can refuse bytes after the end
 * without inflating twice. Output is bounded: it stops the moment it would pass maxBytes and never
 * allocates beyond that. Failures are values, not throws. Accepts what zlib accepts (node:zlib is
 * the reference in inflate.test.ts), including its rule on incomplete Huffman codes.
 *
 * Bits past the input's end read as zeros; any use of them makes the stream truncated (checked per
 * symbol, so every loop consumes input or ends). Work is linear in input plus output.
 */
import {
  DIST_BASE, DIST_EXTRA, dynamicHeader, dynDist, dynLit, FIXED_DIST, FIXED_DIST_ROOT, FIXED_LIT, FIXED_LIT_ROOT, INVALID,
  LEN_BASE, LEN_EXTRA, OK, overrun, type State, SUB, take, TOO_LARGE, TRUNCATED,
} from './huffman.ts';

export type InflateFailure = 'invalid' | 'truncated' | 'too-large';
export type Inflated = { ok: true; bytes: Uint8Array; end: number } | { ok: false; error: InflateFailure };

/** Indexed by a block's status (huffman.ts: OK, INVALID, TRUNCATED, TOO_LARGE); slot 0 is never returned. */
const FAILURES: readonly Inflated[] = [
  { ok: false, error: 'invalid' },
  { ok: false, error: 'invalid' },
  { ok: false, error: 'truncated' },
  { ok: false, error: 'too-large' },
].map((f) => Object.freeze(f as Inflated));

/** Output buffer reused across calls (results are copied out), kept only while small. */
let scratch: Uint8Array = new Uint8Array(16 * 1024);
const SCRATCH_KEEP = 128 * 1024;

export function inflate(data: Uint8Array, maxBytes: number): Inflated {
  const s: State = {
    data, len: data.length, pos: 0, bits: 0, nbits: 0,
    out: scratch, cap: Math.min(scratch.length, maxBytes), o: 0, max: maxBytes, lroot: 0, droot: 0,
  };
  let status = OK;
  let final = 0;
  do {
    const head = take(s, 3);
    final = head & 1;
    const type = head >> 1;
    if (overrun(s)) status = TRUNCATED;
    else if (type === 0) status = stored(s);
    else if (type === 1) status = codes(s, FIXED_LIT, FIXED_LIT_ROOT, FIXED_DIST, FIXED_DIST_ROOT);
    else if (type === 2) {
      status = dynamicHeader(s);
      if (status === OK) status = codes(s, dynLit, s.lroot, dynDist, s.droot);
    } else status = INVALID;
    // Invalid data read from bits past the end is a truncated stream.
    if (status === INVALID && overrun(s)) status = TRUNCATED;
  } while (status === OK && !final);
  if (s.out.length <= SCRATCH_KEEP && s.out.length > scratch.length) scratch = s.out;
  if (status !== OK) return FAILURES[status]!;
  return { ok: true, bytes: s.out.slice(0, s.o), end: s.pos - (s.nbits >> 3) };
}

/** Makes room for n more output bytes within max; false when that would pass it. */
function grow(s: State, n: number): boolean {
  const need = s.o + n;
  if (need > s.max) return false;
  const size = Math.min(s.max, Math.max(need, s.out.length * 2, 4096));
  const out = new Uint8Array(size);
  out.set(s.out.subarray(0, s.o));
  s.out = out;
  s.cap = size;
  return true;
}

function stored(s: State): number {
  // To the byte boundary, then give back the whole bytes still in the bit buffer.
  s.pos -= s.nbits >> 3;
  s.bits = 0;
  s.nbits = 0;
  const { data, pos } = s;
  if (pos + 4 > s.len) return TRUNCATED;
  const n = data[pos]! | (data[pos + 1]! << 8);
  if ((n ^ (data[pos + 2]! | (data[pos + 3]! << 8))) !== 0xffff) return INVALID;
  s.pos = pos + 4;
  const avail = Math.min(n, s.len - s.pos);
  if (s.o + avail > s.cap && !grow(s, avail)) return TOO_LARGE;
  s.out.set(data.subarray(s.pos, s.pos + avail), s.o);
  s.o += avail;
  s.pos += avail;
  return avail < n ? TRUNCATED : OK;
}

/**
 * Decodes one block's symbols up to its end-of-block code. The hot loop: state lives in locals,
 * refills are inline, and the bit buffer holds ≥ 24 bits before each code (a length code and its
 * extra bits need ≤ 20; it is topped up between a distance code and its extra bits). It never holds
 * more than 31 bits, so it stays a positive int32 and `>>` serves (V8 keeps it in a register).
 */
function codes(s: State, lt: Int32Array, lroot: number, dt: Int32Array, droot: number): number {
  const { data, len } = s;
  let { pos, bits, nbits, out, cap, o } = s;
  const lmask = (1 << lroot) - 1;
  const dmask = (1 << droot) - 1;
  let status = INVALID;
  for (;;) {
    while (nbits < 24) {
      bits |= (pos < len ? data[pos]! : 0) << nbits;
      pos++;
      nbits += 8;
    }
    let e = lt[bits & lmask]!;
    if (e & SUB) e = lt[(e >> 8) + ((bits >> lroot) & ((1 << (e & 15)) - 1))]!;
    let n = e & 15;
    if (n === 0) break;
    bits >>= n;
    nbits -= n;
    if (pos > len && (pos - len) * 8 > nbits) {
      status = TRUNCATED;
      break;
    }
    const sym = e >> 8;
    if (sym < 256) {
      if (o === cap) {
        s.o = o;
        if (!grow(s, 1)) {
          status = TOO_LARGE;
          break;
        }
        out = s.out;
        cap = s.cap;
      }
      out[o++] = sym;
      continue;
    }
    if (sym === 256) {
      status = OK;
      break;
    }
    const li = sym - 257;
    if (li >= 29) break; // 286, 287
    let length = LEN_BASE[li]!;
    n = LEN_EXTRA[li]!;
    length += bits & ((1 << n) - 1);
    bits >>= n;
    nbits -= n;
    while (nbits < 24) {
      bits |= (pos < len ? data[pos]! : 0) << nbits;
      pos++;
      nbits += 8;
    }
    e = dt[bits & dmask]!;
    if (e & SUB) e = dt[(e >> 8) + ((bits >> droot) & ((1 << (e & 15)) - 1))]!;
    n = e & 15;
    if (n === 0) break;
    bits >>= n;
    nbits -= n;
    const dsym = e >> 8;
    if (dsym >= 30) break; // 30, 31
    while (nbits < 24) {
      bits |= (pos < len ? data[pos]! : 0) << nbits;
      pos++;
      nbits += 8;
    }
    n = DIST_EXTRA[dsym]!;
    const dist = DIST_BASE[dsym]! + (bits & ((1 << n) - 1));
    bits >>= n;
    nbits -= n;
    if (pos > len && (pos - len) * 8 > nbits) {
      status = TRUNCATED;
      break;
    }
    if (dist > o) break; // before the start of the output
    if (o + length > cap) {
      s.o = o;
      if (!grow(s, length)) {
        status = TOO_LARGE;
        break;
      }
      out = s.out;
      cap = s.cap;
    }
    for (const end = o + length; o < end; o++) out[o] = out[o - dist]!;
  }
  s.pos = pos;
  s.bits = bits;
  s.nbits = nbits;
  s.o = o;
  return status;
}
