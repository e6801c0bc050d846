/**
 * A CBOR writer with knobs a conforming encoder lacks, for building hostile inputs: duplicate map
 * keys (maps are entry lists), indefinite lengths, non-preferred integer widths, text strings with
 * raw (possibly invalid UTF-8) bytes, any tag. Test-only: the app decodes, it never writes these.
 */
import { Tagged } from '../../src/core/encoding/cbor.ts';

export type Node =
  | { t: 'int'; v: bigint }
  | { t: 'bytes'; v: Uint8Array }
  | { t: 'text'; v: Uint8Array }
  | { t: 'array'; v: Node[] }
  | { t: 'map'; v: [Node, Node][] }
  | { t: 'tag'; tag: bigint; v: Node }
  | { t: 'simple'; v: 'false' | 'true' | 'null' | 'undefined' }
  | { t: 'float'; v: number }
  /** Bytes written verbatim (an already encoded item, e.g. a deep nest). */
  | { t: 'raw'; v: Uint8Array };

export interface WriteOptions {
  /** Write arrays, maps and strings with indefinite length. */
  indefinite?: boolean;
  /** Write every length and integer with 8 bytes (a non-preferred encoding). */
  wide?: boolean;
}

const enc = new TextEncoder();
export const text = (s: string): Node => ({ t: 'text', v: enc.encode(s) });
export const int = (n: number | bigint): Node => ({ t: 'int', v: BigInt(n) });

/** Decoded value (as decodeCbor returns it) -> node tree. */
export function toNode(v: unknown): Node {
  if (typeof v === 'number') return Number.isInteger(v) ? int(v) : { t: 'float', v };
  if (typeof v === 'bigint') return int(v);
  if (typeof v === 'string') return text(v);
  if (v instanceof Uint8Array) return { t: 'bytes', v };
  if (Array.isArray(v)) return { t: 'array', v: v.map(toNode) };
  if (v instanceof Map) return { t: 'map', v: [...v].map(([k, x]) => [toNode(k), toNode(x)] as [Node, Node]) };
  if (v instanceof Tagged) return { t: 'tag', tag: BigInt(v.tag), v: toNode(v.value) };
  if (v === true || v === false || v === null || v === undefined) return { t: 'simple', v: String(v) as 'true' };
  throw new Error(`cannot express ${typeof v} as CBOR`);
}

export function writeCbor(node: Node, opts: WriteOptions = {}): Uint8Array {
  const out: number[] = [];
  write(node, opts, out);
  return Uint8Array.from(out);
}

function head(major: number, n: bigint, wide: boolean, out: number[]): void {
  const m = major << 5;
  if (!wide && n < 24n) out.push(m | Number(n));
  else if (!wide && n < 0x100n) out.push(m | 24, Number(n));
  else if (!wide && n < 0x10000n) out.push(m | 25, Number(n >> 8n), Number(n & 0xffn));
  else if (!wide && n < 0x100000000n) out.push(m | 26, ...[24n, 16n, 8n, 0n].map((s) => Number((n >> s) & 0xffn)));
  else out.push(m | 27, ...[56n, 48n, 40n, 32n, 24n, 16n, 8n, 0n].map((s) => Number((n >> s) & 0xffn)));
}

function write(node: Node, o: WriteOptions, out: number[]): void {
  const wide = !!o.wide;
  switch (node.t) {
    case 'int':
      // Values beyond 64 bits become bignum tags (2/3) as RFC 8949 §3.4.3 writes them.
      if (node.v >= 0n) {
        if (node.v < 1n << 64n) head(0, node.v, wide, out);
        else write({ t: 'tag', tag: 2n, v: { t: 'bytes', v: bigBytes(node.v) } }, o, out);
      } else {
        const n = -1n - node.v;
        if (n < 1n << 64n) head(1, n, wide, out);
        else write({ t: 'tag', tag: 3n, v: { t: 'bytes', v: bigBytes(n) } }, o, out);
      }
      return;
    case 'bytes':
    case 'text': {
      const major = node.t === 'bytes' ? 2 : 3;
      if (o.indefinite && node.v.length > 1) {
        // Two chunks. (A text chunk boundary inside a UTF-8 sequence is itself invalid; callers split bytes only.)
        out.push((major << 5) | 31);
        const cut = major === 2 ? node.v.length >> 1 : node.v.length;
        for (const part of [node.v.subarray(0, cut), node.v.subarray(cut)]) {
          if (part.length === 0) continue;
          head(major, BigInt(part.length), wide, out);
          out.push(...part);
        }
        out.push(0xff);
        return;
      }
      head(major, BigInt(node.v.length), wide, out);
      for (const b of node.v) out.push(b);
      return;
    }
    case 'array':
    case 'map': {
      const major = node.t === 'array' ? 4 : 5;
      if (o.indefinite) out.push((major << 5) | 31);
      else head(major, BigInt(node.v.length), wide, out);
      if (node.t === 'array') for (const x of node.v) write(x, o, out);
      else
        for (const [k, x] of node.v) {
          write(k, o, out);
          write(x, o, out);
        }
      if (o.indefinite) out.push(0xff);
      return;
    }
    case 'tag':
      head(6, node.tag, wide, out);
      write(node.v, o, out);
      return;
    case 'simple':
      out.push({ false: 0xf4, true: 0xf5, null: 0xf6, undefined: 0xf7 }[node.v]);
      return;
    case 'raw':
      for (const b of node.v) out.push(b);
      return;
    case 'float': {
      const b = new DataView(new ArrayBuffer(8));
      b.setFloat64(0, node.v);
      out.push(0xfb, ...new Uint8Array(b.buffer));
      return;
    }
  }
}

function bigBytes(n: bigint): Uint8Array {
  const hex = n.toString(16);
  const h = hex.length % 2 ? '0' + hex : hex;
  return Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));
}

/** An array nested `depth` levels deep around `inner`, written iteratively (no recursion here). */
export function deepArray(depth: number, inner: Uint8Array = Uint8Array.of(0x00)): Uint8Array {
  const out = new Uint8Array(depth + inner.length);
  out.fill(0x81, 0, depth); // array of length 1
  out.set(inner, depth);
  return out;
}
