/**
 * inflate.ts against node:zlib (the reference zlib): round trips over levels and strategies, a
 * seeded mutation fuzz that must agree with node on accept/refuse, output and stream end, a
 * hand-built stream for each kind of invalid data, and the output bound.
 */
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflate, type Inflated } from './inflate.ts';
import { prng } from '../../../test/support/prng.ts';

const u8 = (b: Uint8Array) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const MiB = 1024 * 1024;

/** node:zlib's verdict: the output, or its error code (Z_BUF_ERROR: input ended; Z_DATA_ERROR: invalid). */
function node(z: Uint8Array): { ok: true; bytes: Uint8Array } | { ok: false; code: string } {
  try {
    return { ok: true, bytes: u8(inflateRawSync(z, { maxOutputLength: 4 * MiB })) };
  } catch (e) {
    return { ok: false, code: String((e as { code?: string }).code) };
  }
}

function sample(rand: () => number, kind: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const alphabet = 1 + Math.floor(rand() * 255);
  for (let i = 0; i < n; ) {
    if (kind === 0) out[i++] = Math.floor(rand() * 256); // incompressible
    else {
      // Runs and repeats of a small alphabet: matches of every length and distance.
      const run = 1 + Math.floor(rand() * (kind === 1 ? 4 : 300));
      const back = 1 + Math.floor(rand() * Math.min(i || 1, 40_000));
      for (let k = 0; k < run && i < n; k++, i++) out[i] = i >= back && rand() < 0.8 ? out[i - back]! : Math.floor(rand() * alphabet);
    }
  }
  return out;
}

const STRATEGIES = [constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FILTERED];

function expectSame(r: Inflated, z: Uint8Array, what: string): void {
  const ref = node(z);
  expect(r.ok, `${what}: ours ${r.ok ? 'ok' : r.error}, node ${ref.ok ? 'ok' : ref.code}`).toBe(ref.ok);
  if (!r.ok && !ref.ok) expect(`${r.error} ${ref.code}`, what).toBe(r.error === 'truncated' ? 'truncated Z_BUF_ERROR' : 'invalid Z_DATA_ERROR');
  if (!r.ok || !ref.ok) return;
  expect(Buffer.compare(r.bytes, ref.bytes), `${what}: output differs`).toBe(0);
  // node reads to the end of the stream and ignores the rest: the shortest prefix it accepts is our end.
  expect(node(z.subarray(0, r.end)).ok, `${what}: node refuses the stream up to end ${r.end}`).toBe(true);
  expect(node(z.subarray(0, r.end - 1)).ok, `${what}: node accepts the stream without its byte ${r.end - 1}`).toBe(false);
}

describe('inflate: round trips against node:zlib', () => {
  const seed = 1951;
  const rand = prng(seed);
  const sizes = [0, 1, 2, 3, 17, 258, 1000, 2900, 20_000];
  it(`inflates node's raw DEFLATE at levels 0-9 × 5 strategies × ${sizes.length} sizes × 3 kinds of data (seed ${seed})`, () => {
    let cases = 0;
    for (const n of sizes)
      for (let kind = 0; kind < 3; kind++) {
        const data = sample(rand, kind, n);
        for (let level = 0; level <= 9; level++)
          for (const strategy of STRATEGIES) {
            const z = u8(deflateRawSync(data, { level, strategy }));
            const r = inflate(z, 64 * 1024);
            const what = `seed ${seed}, n ${n}, kind ${kind}, level ${level}, strategy ${strategy}`;
            expect(r.ok && r.end === z.length && Buffer.compare(r.bytes, data) === 0, what).toBe(true);
            cases++;
          }
      }
    expect(cases).toBe(sizes.length * 3 * 10 * STRATEGIES.length);
  });

  it('70 KB: inflates with room, and is too large for a 64 KB bound', () => {
    const data = sample(prng(70), 2, 70_000);
    for (const strategy of STRATEGIES) {
      const z = u8(deflateRawSync(data, { strategy }));
      const r = inflate(z, 70_000);
      expect(r.ok && r.end === z.length && Buffer.compare(r.bytes, data) === 0).toBe(true);
      expect(inflate(z, 64 * 1024)).toEqual({ ok: false, error: 'too-large' });
      expect(inflate(z, 69_999)).toEqual({ ok: false, error: 'too-large' });
    }
  });

  it('stored blocks: 200 KB at level 0 (several blocks of 65,535 bytes), and any truncation of one', () => {
    const data = sample(prng(0), 0, 200_000);
    const z = u8(deflateRawSync(data, { level: 0 }));
    const r = inflate(z, 200_000);
    expect(r.ok && r.end === z.length && Buffer.compare(r.bytes, data) === 0).toBe(true);
    for (const keep of [0, 1, 4, 5, 6, 65_539, 65_540, 65_541, z.length - 1]) {
      expect(inflate(z.subarray(0, keep), MiB), `keep ${keep}`).toEqual({ ok: false, error: 'truncated' });
    }
  });
});

describe('inflate: seeded mutation fuzz agrees with node:zlib', () => {
  const seed = 0x5eed1951;
  it(`3,000 mutants of node's streams (bit flips, truncations, appended and replaced bytes; seed ${seed})`, () => {
    const rand = prng(seed);
    const bases: Uint8Array[] = [];
    for (let i = 0; i < 40; i++) {
      const data = sample(rand, i % 3, Math.floor(rand() * 3000));
      bases.push(u8(deflateRawSync(data, { level: i % 10, strategy: STRATEGIES[i % STRATEGIES.length]! })));
    }
    const kinds = { ok: 0, fail: 0 };
    for (let c = 0; c < 3000; c++) {
      const z = Uint8Array.from(bases[c % bases.length]!);
      const op = Math.floor(rand() * 4);
      let m: Uint8Array = z;
      if (op === 0) for (let f = 1 + Math.floor(rand() * 3); f > 0; f--) z[Math.floor(rand() * z.length)]! ^= 1 << Math.floor(rand() * 8);
      else if (op === 1) m = z.subarray(0, Math.floor(rand() * z.length));
      else if (op === 2) m = Uint8Array.from([...z, ...Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * 256))]);
      else z[Math.floor(rand() * z.length)] = Math.floor(rand() * 256);
      const r = inflate(m, 4 * MiB);
      expectSame(r, m, `seed ${seed}, case ${c}, mutation ${op}`);
      if (!r.ok && op === 1) expect(r.error, `seed ${seed}, case ${c}: a truncation`).toBe('truncated');
      kinds[r.ok ? 'ok' : 'fail']++;
    }
    // Both outcomes are well represented, so agreement means something.
    expect(kinds.ok).toBeGreaterThan(300);
    expect(kinds.fail).toBeGreaterThan(300);
  });
});

type Code = { code: number; len: number };

/** Writes DEFLATE bits: fields LSB first, Huffman codes most significant bit first (RFC 1951 §3.1.1). */
class Bits {
  private readonly bytes: number[] = [];
  private n = 0;
  put(value: number, count: number): this {
    for (let i = 0; i < count; i++, this.n++) {
      if (this.n % 8 === 0) this.bytes.push(0);
      this.bytes[this.bytes.length - 1]! |= ((value >> i) & 1) << this.n % 8;
    }
    return this;
  }
  code(c: Code): this {
    for (let i = c.len - 1; i >= 0; i--) this.put((c.code >> i) & 1, 1);
    return this;
  }
  done = (): Uint8Array => Uint8Array.from(this.bytes);
}

/** The canonical code for code lengths (RFC 1951 §3.2.2). */
function canonical(lens: number[]): Code[] {
  const count = new Array<number>(16).fill(0);
  for (const l of lens) if (l) count[l]!++;
  const next = [0];
  for (let l = 1, code = 0; l <= 15; l++) next[l] = code = (code + (count[l - 1] ?? 0)) << 1;
  return lens.map((len) => ({ code: len ? next[len]!++ : -1, len }));
}

const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
/** A complete code-length code: lengths 0..13 in 4 bits, 15..18 in 5. */
const CL_LENS = Array.from({ length: 19 }, (_, s) => (s <= 13 ? 4 : s === 14 ? 0 : 5));
/** A complete literal/length code: 0..253 in 8 bits, 254..257 in 9. */
const LIT_LENS = Array.from({ length: 258 }, (_, s) => (s <= 253 ? 8 : 9));

/**
 * A final dynamic block: its header (code-length symbols [symbol, extra bits, extra value] as
 * given, else each length written as itself), then the literal/length symbols of body (a symbol ≥
 * 257 takes [symbol, distance symbol or a raw code]), then end-of-block when the code has one.
 */
interface DynamicBlock {
  lit?: number[];
  dist: number[];
  cl?: number[];
  seq?: [number, number, number][];
  hlit?: number;
  hdist?: number;
  body?: (number | [number, number | Code])[];
}
function dynamic(o: DynamicBlock): Uint8Array {
  const lit = o.lit ?? LIT_LENS;
  const cl = o.cl ?? CL_LENS;
  const w = new Bits().put(1, 1).put(2, 2);
  w.put((o.hlit ?? lit.length) - 257, 5).put((o.hdist ?? o.dist.length) - 1, 5).put(15, 4);
  for (const s of CL_ORDER) w.put(cl[s]!, 3);
  const clCodes = canonical(cl);
  for (const [s, bits, v] of o.seq ?? plain([...lit, ...o.dist])) w.code(clCodes[s]!).put(v, bits);
  const litCodes = canonical(lit);
  const distCodes = canonical(o.dist);
  for (const b of o.body ?? []) {
    if (typeof b === 'number') w.code(litCodes[b]!);
    else w.code(litCodes[b[0]]!).code(typeof b[1] === 'number' ? distCodes[b[1]]! : b[1]);
  }
  if (lit[256]) w.code(litCodes[256]!);
  return w.done();
}

/** Code lengths written as themselves (code-length symbols 0-15, no extra bits). */
const plain = (lens: number[]) => lens.map((l): [number, number, number] => [l, 0, 0]);

/** A final fixed-code block of the given literal/length symbols ([length symbol, distance symbol] pairs), then end-of-block. */
function fixed(body: (number | [number, number])[]): Uint8Array {
  const lit = canonical(Array.from({ length: 288 }, (_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8)));
  const w = new Bits().put(1, 1).put(1, 2);
  for (const b of body) {
    if (typeof b === 'number') w.code(lit[b]!);
    else w.code(lit[b[0]]!).code({ code: b[1], len: 5 });
  }
  return w.code(lit[256]!).done();
}

describe('inflate: hand-built streams (each also checked against node:zlib)', () => {
  /** Each with the message zlib gives, so the stream is known to break the rule it names. */
  const invalid: [string, string, Uint8Array][] = [
    ['block type 3', 'invalid block type', new Bits().put(1, 1).put(3, 2).put(0, 13).done()],
    ['stored LEN that is not NLEN\'s complement', 'invalid stored block lengths', Uint8Array.of(1, 5, 0, 0xfa, 0xfe, 1, 2, 3, 4, 5)],
    ['an over-subscribed code-length code', 'invalid code lengths set', dynamic({ dist: [1, 1], cl: CL_LENS.map((l) => (l ? 3 : 0)) })],
    ['an incomplete code-length code', 'invalid code lengths set', dynamic({ dist: [1, 1], cl: CL_LENS.map((l, s) => (s === 14 ? 5 : l === 5 ? 6 : l)) })],
    ['an over-subscribed literal/length code', 'invalid literal/lengths set', dynamic({ lit: LIT_LENS.map((l, s) => (s === 0 ? 7 : l)), dist: [1, 1] })],
    ['an incomplete literal/length code', 'invalid literal/lengths set', dynamic({ lit: LIT_LENS.map((l, s) => (s === 257 ? 10 : l)), dist: [1, 1] })],
    ['an over-subscribed distance code', 'invalid distances set', dynamic({ dist: [1, 1, 1] })],
    ['an incomplete distance code of two codes', 'invalid distances set', dynamic({ dist: [1, 2] })],
    ['no end-of-block code', 'invalid code -- missing end-of-block', dynamic({ lit: LIT_LENS.map((l, s) => (s === 256 ? 0 : s === 257 ? 8 : l)), dist: [1, 1] })],
    ['a length repeat (16) with no length before it', 'invalid bit length repeat', dynamic({ dist: [1, 1], seq: [[16, 2, 0]] })],
    ['a zero repeat (18) past the last length', 'invalid bit length repeat', dynamic({ dist: [1, 1], seq: [...plain(LIT_LENS), [18, 7, 0]] })],
    ['HLIT of 287 literal/length codes', 'too many length or distance symbols', dynamic({ dist: [1, 1], hlit: 287, seq: plain([...LIT_LENS, ...new Array<number>(29).fill(0), 1, 1]) })],
    ['HDIST of 31 distance codes', 'too many length or distance symbols', dynamic({ dist: [1, 1, ...new Array<number>(29).fill(0)] })],
    ['a distance before the start of the output', 'invalid distance too far back', fixed([97, [257, 1]])],
    ['a distance at the very start', 'invalid distance too far back', fixed([[257, 0]])],
    ['fixed literal/length code 286', 'invalid literal/length code', fixed([97, 286])],
    ['fixed literal/length code 287', 'invalid literal/length code', fixed([97, 287])],
    ['fixed distance code 30', 'invalid distance code', fixed([97, 98, [257, 30]])],
    ['fixed distance code 31', 'invalid distance code', fixed([97, 98, [257, 31]])],
    ['a length with no distance code at all', 'invalid distance code', dynamic({ dist: [0], body: [97, [257, 0]] })],
    ['the unused half of a lone one-bit distance code', 'invalid distance code', dynamic({ dist: [1], body: [97, [257, { code: 1, len: 1 }]] })],
  ];
  for (const [name, message, z] of invalid) {
    it(`${name}: invalid`, () => {
      expect(inflate(z, MiB)).toEqual({ ok: false, error: 'invalid' });
      expect(() => inflateRawSync(z)).toThrow(message);
    });
  }

  it('controls: the well-formed versions of those streams inflate, as they do in node', () => {
    const good: [string, Uint8Array, number[]][] = [
      ['dynamic block', dynamic({ dist: [1, 1], body: [97, 98, [257, 1]] }), [97, 98, 97, 98, 97]],
      ['a lone one-bit distance code (RFC 1951 §3.2.7)', dynamic({ dist: [1], body: [97, [257, 0]] }), [97, 97, 97, 97]],
      ['a lone one-bit literal/length code: end-of-block only', dynamic({ lit: [...new Array<number>(256).fill(0), 1], dist: [0] }), []],
      ['no distance codes, literals only', dynamic({ dist: [0], body: [1, 2] }), [1, 2]],
      ['fixed block with a match', fixed([97, 98, [257, 1]]), [97, 98, 97, 98, 97]],
      ['empty stored block', Uint8Array.of(1, 0, 0, 0xff, 0xff), []],
    ];
    for (const [name, z, out] of good) {
      const r = inflate(z, MiB);
      expect(r.ok && r.end === z.length && [...r.bytes], name).toEqual(out);
      expectSame(r, z, name);
    }
  });

  it('every proper prefix of a stream is truncated, as in node', () => {
    const z = u8(deflateRawSync(sample(prng(5), 2, 2000)));
    for (let keep = 0; keep < z.length; keep++) {
      expect(inflate(z.subarray(0, keep), MiB), `keep ${keep}`).toEqual({ ok: false, error: 'truncated' });
      expect(node(z.subarray(0, keep)), `keep ${keep}`).toEqual({ ok: false, code: 'Z_BUF_ERROR' });
    }
  });
});

describe('inflate: output bound', () => {
  const bomb = u8(deflateRawSync(new Uint8Array(10 * MiB), { level: 9 }));

  /** Runs f while recording the size of every Uint8Array constructed. */
  function allocations(f: () => void): number[] {
    const sizes: number[] = [];
    const Real = globalThis.Uint8Array;
    globalThis.Uint8Array = class extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        sizes.push(this.length);
      }
    } as typeof Real;
    try {
      f();
    } finally {
      globalThis.Uint8Array = Real;
    }
    return sizes;
  }

  it(`10 MiB of zeros (${bomb.length} bytes compressed) is too large, and nothing larger than the bound is ever allocated`, () => {
    expect(bomb.length).toBeLessThan(20_000);
    for (const max of [0, 1, 1000, 64 * 1024, 200_000, 4 * MiB]) {
      let r: Inflated | undefined;
      const sizes = allocations(() => (r = inflate(bomb, max)));
      expect(r, `max ${max}`).toEqual({ ok: false, error: 'too-large' });
      expect(Math.max(0, ...sizes), `max ${max}: allocations ${sizes.join(', ')}`).toBeLessThanOrEqual(Math.max(max, 16 * 1024));
    }
  });

  it('exactly the bound passes, one byte less is too large', () => {
    for (const n of [1, 4095, 4096, 65_536, 100_000]) {
      const z = u8(deflateRawSync(new Uint8Array(n).fill(3)));
      const r = inflate(z, n);
      expect(r.ok && r.bytes.length, `n ${n}`).toBe(n);
      expect(inflate(z, n - 1), `n ${n}`).toEqual({ ok: false, error: 'too-large' });
    }
  });
});
