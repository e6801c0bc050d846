/**
 * A single-pass CBOR decoder (RFC 8949 §3): recursive descent over the bytes, building each value
 * as its head is read — no token objects, no second walk. It is on every scan's path before the
 * signature check can start, so it does only what decodeCbor promises (cbor.ts):
 * - maps as Map, duplicate keys refused (Map.has: numbers, bigints, strings, simple values by value;
 *   byte-string keys by their contents, RFC 8949 §5.6);
 * - unknown tags, undefined, other simple values, NaN, ±Infinity and indefinite-length byte or
 *   text strings refused; indefinite arrays and maps only when not strict;
 * - strict: integers, lengths and tag numbers in their shortest form (float widths are not checked);
 * - invalid UTF-8 refused; integers beyond ±(2^53 − 1) returned as bigint;
 * - nesting limited to `maxDepth` containers (non-empty arrays and maps, any indefinite one, tags).
 * Every item takes at least one byte and lengths are checked against the bytes left before
 * anything is built, so the work is linear in the input whatever it claims.
 * Failures are thrown as CborError (cbor-scalars.ts), for the caller to turn into a Result.
 */

import { bad, byteKey, finite, half } from './cbor-scalars.ts';

export interface DecodeSettings {
  strict: boolean;
  /** Accepted tag numbers; the item under one is passed to `tagged`. */
  tags: readonly number[];
  tagged: (tag: number, value: unknown) => unknown;
  maxDepth: number;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const TWO_32 = 4294967296;
/** Below this length an all-ASCII text string is built char by char, cheaper than a TextDecoder call. */
const ASCII_FAST = 32;
const BREAK = 0xff;

export function decodeItem(bytes: Uint8Array, settings: DecodeSettings): unknown {
  const r = new Reader(bytes, settings);
  const value = r.item(0);
  if (r.pos !== bytes.length) throw bad('bytes after the first item');
  return value;
}

class Reader {
  pos = 0;
  private view: DataView | undefined;

  constructor(
    private readonly b: Uint8Array,
    private readonly s: DecodeSettings,
  ) {}

  item(depth: number): unknown {
    const b = this.b;
    if (this.pos >= b.length) throw bad('truncated: an item is missing');
    const head = b[this.pos++]!;
    const minor = head & 31;
    switch (head >> 5) {
      case 0:
        return minor < 24 ? minor : this.integer(minor);
      case 1: {
        if (minor < 24) return -1 - minor;
        const n = this.integer(minor);
        // -1 - n stays a safe integer only for n < 2^53 - 1 (bigint beyond, as for major type 0).
        return typeof n === 'bigint' ? -1n - n : n < Number.MAX_SAFE_INTEGER ? -1 - n : -1n - BigInt(n);
      }
      case 2: {
        if (minor === 31) throw bad('indefinite-length byte strings are not supported');
        const start = this.span(this.length(minor));
        // A copy, as cborg gave: callers keep kids, payloads and signatures (caches, Sig_structure,
        // worker messages) and must neither pin the whole input nor see it through `.buffer`.
        return b.slice(start, this.pos);
      }
      case 3: {
        if (minor === 31) throw bad('indefinite-length text strings are not supported');
        const start = this.span(this.length(minor));
        return this.text(start, this.pos);
      }
      case 4:
        return this.array(minor, depth);
      case 5:
        return this.map(minor, depth);
      case 6: {
        const tag = minor < 24 ? minor : this.integer(minor);
        if (depth >= this.s.maxDepth) throw bad(`nested deeper than ${this.s.maxDepth} levels`);
        if (typeof tag !== 'number' || !this.s.tags.includes(tag)) throw bad(`tag not supported (${tag})`);
        return this.s.tagged(tag, this.item(depth + 1));
      }
      default:
        return this.simple(minor);
    }
  }

  /** The argument after a head with additional information 24–27: number, or bigint beyond 2^53 − 1. */
  private integer(minor: number): number | bigint {
    if (minor > 27) throw bad(`invalid additional information ${minor}`);
    const size = 1 << (minor - 24);
    const b = this.b;
    const p = this.pos;
    if (b.length - p < size) throw bad('truncated: an argument is missing');
    this.pos = p + size;
    const hi = size === 1 ? b[p]! : size === 2 ? (b[p]! << 8) | b[p + 1]! : b[p]! * 0x1000000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!);
    // Shortest form: a 1-byte argument is at least 24, a 2-byte one 2^8, 4-byte 2^16, 8-byte 2^32.
    if (this.s.strict && (size === 8 ? hi === 0 : hi < (size === 1 ? 24 : size === 2 ? 0x100 : 0x10000))) throw bad('integer encoded in more bytes than necessary');
    if (size !== 8) return hi;
    const lo = b[p + 4]! * 0x1000000 + ((b[p + 5]! << 16) | (b[p + 6]! << 8) | b[p + 7]!);
    // 2^53 - 1 is hi 0x1fffff, lo 0xffffffff: up to there the number is exact.
    return hi <= 0x1fffff ? hi * TWO_32 + lo : (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** A definite length (strings, arrays, maps). */
  private length(minor: number): number {
    if (minor < 24) return minor;
    const n = this.integer(minor);
    if (typeof n !== 'number') throw bad('length beyond 2^53');
    return n;
  }

  /** Skips `n` content bytes, refusing a length longer than the input left; returns where they start. */
  private span(n: number): number {
    const start = this.pos;
    if (n > this.b.length - start) throw bad('truncated: a string is longer than the bytes left');
    this.pos = start + n;
    return start;
  }

  private text(start: number, end: number): string {
    const b = this.b;
    if (end - start < ASCII_FAST) {
      let s = '';
      for (let i = start; i < end; i++) {
        const c = b[i]!;
        if (c >= 0x80) return this.utf8(start, end);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return this.utf8(start, end);
  }

  /**
   * RFC 8949 §3.1: a text string that is not UTF-8 is invalid; a signed code means one text only.
   * A leading U+FEFF is dropped (TextDecoder's default), as cborg's decoding did.
   */
  private utf8(start: number, end: number): string {
    try {
      return UTF8.decode(this.b.subarray(start, end));
    } catch {
      throw bad('text string is not valid UTF-8');
    }
  }

  /** Opening a container one level deeper: refused beyond the limit, before any recursion. */
  private enter(depth: number): void {
    if (depth >= this.s.maxDepth) throw bad(`nested deeper than ${this.s.maxDepth} levels`);
  }

  private indefinite(): void {
    if (this.s.strict) throw bad('indefinite length items not allowed');
  }

  /** At a break code (lax mode: the end of an indefinite array or map), consumes it. */
  private atBreak(): boolean {
    if (this.pos >= this.b.length) throw bad('truncated: an indefinite-length item has no break');
    if (this.b[this.pos] !== BREAK) return false;
    this.pos++;
    return true;
  }

  private array(minor: number, depth: number): unknown[] {
    const out: unknown[] = [];
    if (minor === 31) {
      this.indefinite();
      this.enter(depth);
      while (!this.atBreak()) out.push(this.item(depth + 1));
      return out;
    }
    const n = this.length(minor);
    if (n === 0) return out;
    this.enter(depth);
    if (n > this.b.length - this.pos) throw bad('truncated: an array claims more items than bytes left');
    for (let i = 0; i < n; i++) out.push(this.item(depth + 1));
    return out;
  }

  private map(minor: number, depth: number): Map<unknown, unknown> {
    const out = new Map<unknown, unknown>();
    const indefinite = minor === 31;
    let n = Infinity;
    if (indefinite) {
      this.indefinite();
    } else {
      n = this.length(minor);
      if (n === 0) return out;
      if (n > (this.b.length - this.pos) / 2) throw bad('truncated: a map claims more entries than bytes left');
    }
    this.enter(depth);
    let byteKeys: Set<string> | undefined;
    for (let i = 0; i < n && !(indefinite && this.atBreak()); i++) {
      const key = this.item(depth + 1);
      if (out.has(key)) throw bad(`repeated map key ${String(key).slice(0, 40)}`);
      if (key instanceof Uint8Array) {
        const k = byteKey(key);
        if ((byteKeys ??= new Set()).has(k)) throw bad('repeated map key (a byte string)');
        byteKeys.add(k);
      }
      // A break where a value belongs is an error (cborg stored it as a value).
      out.set(key, this.item(depth + 1));
    }
    return out;
  }

  private simple(minor: number): unknown {
    switch (minor) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        throw bad('undefined values are not supported');
      case 25:
      case 26:
      case 27: {
        const size = 1 << (minor - 24);
        if (this.b.length - this.pos < size) throw bad('truncated: a float is missing');
        const view = (this.view ??= new DataView(this.b.buffer, this.b.byteOffset, this.b.byteLength));
        const v = size === 2 ? half(view.getUint16(this.pos)) : size === 4 ? view.getFloat32(this.pos) : view.getFloat64(this.pos);
        this.pos += size;
        return finite(v);
      }
      case 31:
        if (this.s.strict) throw bad('indefinite length items not allowed');
        throw bad('unexpected break');
      default:
        throw bad(`simple value ${minor} is not supported`);
    }
  }
}
