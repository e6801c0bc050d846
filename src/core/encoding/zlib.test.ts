import { createInflate, deflateRawSync, deflateSync, inflateSync } from 'node:zlib';
import { Zlib } from 'fflate';
import { describe, expect, it } from 'vitest';
import { concatBytes } from './bytes.ts';
import { DEFAULT_MAX_INFLATED, deflateZlib, inflateRaw, inflateZlib } from './zlib.ts';
import { prng } from '../../../test/support/prng.ts';


function randomBytes(rand: () => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

/** Text-like data: compressible, but not trivially so. */
function textish(rand: () => number, n: number): Uint8Array {
  const words = ['health', 'code', '健康码', 'green', 'NAT', 'negative', '440000', 'gatecheck', ' ', '\n'];
  const enc = new TextEncoder();
  const out = new Uint8Array(n);
  let o = 0;
  while (o < n) {
    const w = enc.encode(words[Math.floor(rand() * words.length)]!);
    out.set(w.subarray(0, n - o), o);
    o += w.length;
  }
  return out;
}

const u8 = (b: Uint8Array) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

function expectInflates(data: Uint8Array, max?: number): Uint8Array {
  const r = inflateZlib(data, max);
  if (!r.ok) throw new Error(`expected inflate to succeed, got ${r.reason.code}: ${r.reason.detail}`);
  return r.value;
}

function expectFailure(data: Uint8Array, code: 'MALFORMED_COMPRESSION' | 'PAYLOAD_TOO_LARGE', max?: number): void {
  const r = inflateZlib(data, max);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.reason.code).toBe(code);
}

/** Sets the zlib header to CMF/FLG, choosing FCHECK so the header check itself passes. */
function withHeader(stream: Uint8Array, cmf: number, flgHigh: number): Uint8Array {
  const out = stream.slice();
  const base = (cmf << 8) | (flgHigh & 0xe0);
  out[0] = cmf;
  out[1] = (flgHigh & 0xe0) | ((31 - (base % 31)) % 31);
  expect(((out[0]! << 8) | out[1]!) % 31).toBe(0);
  return out;
}

describe('zlib: round trip', () => {
  const rand = prng(1950);
  const samples: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['one byte', Uint8Array.of(42)],
    ['random 1 KB', randomBytes(rand, 1024)],
    ['random 20 KB (many input slices)', randomBytes(rand, 20_000)],
    ['text-like 30 KB', textish(rand, 30_000)],
    ['zeros 60 KB', new Uint8Array(60_000)],
  ];
  for (const [name, data] of samples) {
    it(`round-trips ${name} through deflateZlib/inflateZlib`, () => {
      expect(expectInflates(deflateZlib(data))).toEqual(data);
    });
    it(`interoperates with node:zlib for ${name}`, () => {
      // An independent implementation on each side: our inflate of node's deflate, node's inflate of ours.
      expect(expectInflates(u8(deflateSync(data, { level: 6 })))).toEqual(data);
      expect(u8(inflateSync(deflateZlib(data)))).toEqual(data);
    });
  }

  it('inflateRaw round-trips raw DEFLATE from node:zlib', () => {
    const data = textish(prng(7), 12_345);
    const r = inflateRaw(u8(deflateRawSync(data)));
    expect(r.ok && r.value).toEqual(data);
  });
});

describe('zlib: malformed streams are MALFORMED_COMPRESSION', () => {
  const data = textish(prng(99), 4000);
  const good = u8(deflateSync(data));

  it('control: the unmodified stream inflates', () => {
    expect(expectInflates(good)).toEqual(data);
  });

  it('rejects a compression method other than DEFLATE (CM != 8)', () => {
    expectFailure(withHeader(good, 0x79, good[1]!), 'MALFORMED_COMPRESSION');
    expectFailure(withHeader(good, 0x7f, good[1]!), 'MALFORMED_COMPRESSION');
  });

  it('rejects a window size beyond 32 KB (CINFO > 7)', () => {
    expectFailure(withHeader(good, 0x88, good[1]!), 'MALFORMED_COMPRESSION');
    expectFailure(withHeader(good, 0xf8, good[1]!), 'MALFORMED_COMPRESSION');
  });

  it('accepts any FLEVEL (an informational field) when the check bits are right', () => {
    for (const flevel of [0x00, 0x40, 0x80, 0xc0]) expect(expectInflates(withHeader(good, 0x78, flevel))).toEqual(data);
  });

  it('rejects wrong header check bits', () => {
    const bad = good.slice();
    bad[1] = bad[1]! ^ 0x01;
    expect(((bad[0]! << 8) | bad[1]!) % 31).not.toBe(0);
    expectFailure(bad, 'MALFORMED_COMPRESSION');
  });

  it('rejects the preset dictionary flag (FDICT)', () => {
    const dict = withHeader(good, 0x78, 0x20 | (good[1]! & 0xc0));
    expect(dict[1]! & 0x20).toBe(0x20);
    expectFailure(dict, 'MALFORMED_COMPRESSION');
  });

  it('rejects a corrupted Adler-32 trailer, whichever of its bytes changes', () => {
    for (let k = 1; k <= 4; k++) {
      const bad = good.slice();
      bad[bad.length - k] = bad[bad.length - k]! ^ 0x10;
      expectFailure(bad, 'MALFORMED_COMPRESSION');
    }
  });

  it('rejects truncated streams', () => {
    for (const keep of [good.length - 1, good.length - 4, good.length - 5, good.length - 40, Math.floor(good.length / 2), 6, 5, 2, 1, 0]) {
      expectFailure(good.subarray(0, keep), 'MALFORMED_COMPRESSION');
    }
  });

  it('rejects a bit flip inside the compressed data', () => {
    for (const pos of [2, 3, 10, Math.floor(good.length / 2), good.length - 6]) {
      const bad = good.slice();
      bad[pos] = bad[pos]! ^ 0x04;
      const r = inflateZlib(bad);
      expect(r.ok, `flip at ${pos}`).toBe(false);
    }
  });

  it('rejects garbage (random bytes, fixed seed)', () => {
    const rand = prng(0xbad);
    for (let i = 0; i < 200; i++) {
      const junk = randomBytes(rand, 6 + Math.floor(rand() * 200));
      expectFailure(junk, 'MALFORMED_COMPRESSION');
      // Garbage behind a valid header must fail in the DEFLATE layer or the checksum instead.
      junk[0] = 0x78;
      junk[1] = 0x9c;
      expectFailure(junk, 'MALFORMED_COMPRESSION');
    }
  });

  it('rejects text that is not compressed at all', () => {
    expectFailure(new TextEncoder().encode('CNHC1:this is not zlib'), 'MALFORMED_COMPRESSION');
  });
});

describe('zlib: one stream, nothing after its end (issue 17, item 8)', () => {
  const data = textish(prng(17), 600);
  const good = deflateZlib(data);
  const deflate = good.subarray(2, good.length - 4);
  const adler = good.subarray(good.length - 4);

  it('two concatenated zlib streams of the same text are MALFORMED_COMPRESSION (one code, one text)', () => {
    expectFailure(concatBytes(good, good), 'MALFORMED_COMPRESSION');
    expectFailure(concatBytes(good, u8(deflateSync(data, { level: 1 }))), 'MALFORMED_COMPRESSION');
  });

  it('bytes between the end of the DEFLATE stream and the Adler-32 are MALFORMED_COMPRESSION, however many', () => {
    for (const extra of [Uint8Array.of(0), Uint8Array.of(0xff), new Uint8Array(7), concatBytes(deflate, adler), u8(deflateRawSync(data))]) {
      const r = inflateZlib(concatBytes(good.subarray(0, 2), deflate, extra, adler));
      expect(r.ok, `${extra.length} bytes`).toBe(false);
      if (!r.ok) expect(r.reason).toEqual({ code: 'MALFORMED_COMPRESSION', detail: 'bytes after the end of the DEFLATE stream' });
    }
  });

  it('the same holds for a larger input (9,000 bytes, several DEFLATE blocks)', () => {
    const big = randomBytes(prng(18), 9000);
    const z = deflateZlib(big);
    expect(z.length).toBeGreaterThan(4096);
    expect(expectInflates(z)).toEqual(big);
    expectFailure(concatBytes(z.subarray(0, z.length - 4), new Uint8Array(3), z.subarray(z.length - 4)), 'MALFORMED_COMPRESSION');
  });

  it('an empty DEFLATE part is a truncated stream', () => {
    expectFailure(concatBytes(good.subarray(0, 2), Uint8Array.of(0, 0, 0, 1)), 'MALFORMED_COMPRESSION');
  });

  it('controls: streams whose last DEFLATE byte is only partly used, stored blocks, every level', () => {
    for (const level of [0, 1, 6, 9] as const) expect(expectInflates(u8(deflateSync(data, { level })))).toEqual(data);
    expect(expectInflates(u8(deflateSync(new Uint8Array(0))))).toEqual(new Uint8Array(0));
  });

  it('inflateRaw (raw DEFLATE, no zlib wrapper: SMART Health Cards) is unchanged: it reads up to the end of the stream', () => {
    const r = inflateRaw(concatBytes(u8(deflateRawSync(data)), Uint8Array.of(1, 2, 3)));
    expect(r.ok && r.value).toEqual(data);
  });
});

describe('zlib: output bound', () => {
  it('accepts output of exactly the limit and rejects one byte over (small limit)', () => {
    const data = textish(prng(3), 1000);
    const z = deflateZlib(data);
    expect(expectInflates(z, 1000)).toEqual(data);
    expectFailure(z, 'PAYLOAD_TOO_LARGE', 999);
    const over = deflateZlib(textish(prng(3), 1001));
    expectFailure(over, 'PAYLOAD_TOO_LARGE', 1000);
  });

  it('counts across many output chunks: exactly the limit passes, one byte over fails (200 KB)', () => {
    const n = 200_000;
    const data = textish(prng(4), n);
    const z = deflateZlib(data);
    expect(expectInflates(z, n)).toEqual(data);
    expectFailure(z, 'PAYLOAD_TOO_LARGE', n - 1);
  });

  it('applies DEFAULT_MAX_INFLATED when no limit is given', () => {
    const at = new Uint8Array(DEFAULT_MAX_INFLATED).fill(7);
    expect(expectInflates(deflateZlib(at)).length).toBe(DEFAULT_MAX_INFLATED);
    expectFailure(deflateZlib(new Uint8Array(DEFAULT_MAX_INFLATED + 1).fill(7)), 'PAYLOAD_TOO_LARGE');
  });

  it('inflateRaw honours the same bound', () => {
    const data = new Uint8Array(5000).fill(1);
    const raw = u8(deflateRawSync(data));
    expect(inflateRaw(raw, 5000).ok).toBe(true);
    const r = inflateRaw(raw, 4999);
    expect(!r.ok && r.reason.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('zlib: decompression bomb', () => {
  const MiB = 1024 * 1024;
  const BOMB_MIB = 128;

  /** A valid zlib stream of BOMB_MIB MiB of zeros, built by streaming one reused zero chunk. */
  function buildBomb(): Uint8Array {
    const parts: Uint8Array[] = [];
    const z = new Zlib({ level: 9 }, (chunk) => parts.push(chunk));
    const zeros = new Uint8Array(MiB);
    for (let i = 0; i < BOMB_MIB; i++) z.push(zeros, i === BOMB_MIB - 1);
    return concatBytes(...parts);
  }

  /** Counts the inflated size with node:zlib's streaming inflater (bounded memory, independent code). */
  function streamedSize(data: Uint8Array): Promise<number> {
    return new Promise((resolve, reject) => {
      let n = 0;
      const inf = createInflate();
      inf.on('data', (c: Buffer) => (n += c.length));
      inf.on('end', () => resolve(n));
      inf.on('error', reject);
      inf.end(data);
    });
  }

  it(`rejects ${BOMB_MIB} MiB of zeros with PAYLOAD_TOO_LARGE without holding the output in memory`, async () => {
    const bomb = buildBomb();
    expect(bomb.length).toBeLessThan(BOMB_MIB * 1100); // ~1000:1, i.e. a small input

    const before = process.resourceUsage().maxRSS; // KiB, peak so far
    const r = inflateZlib(bomb);
    const grownKiB = process.resourceUsage().maxRSS - before;
    expect(!r.ok && r.reason.code).toBe('PAYLOAD_TOO_LARGE');
    // Inflating everything first would need at least the BOMB_MIB MiB output resident; the bound
    // must stop it long before. Generous margin for GC noise, far below the bomb's size.
    expect(grownKiB).toBeLessThan(32 * 1024);

    // A larger explicit limit still stops it, and the same input is a genuine, valid zlib stream.
    const r2 = inflateZlib(bomb, 4 * MiB);
    expect(!r2.ok && r2.reason.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await streamedSize(bomb)).toBe(BOMB_MIB * MiB);
  });
});

describe('zlib: results are independent of later calls', () => {
  it('a result is not overwritten by the next inflate (the inflater reuses its output buffer)', () => {
    const a = inflateZlib(deflateZlib(new TextEncoder().encode('first '.repeat(50))));
    const b = inflateZlib(deflateZlib(new TextEncoder().encode('SECOND'.repeat(50))));
    expect(a.ok && new TextDecoder().decode(a.value)).toBe('first '.repeat(50));
    expect(b.ok && new TextDecoder().decode(b.value)).toBe('SECOND'.repeat(50));
  });
});

describe('zlib: each DEFLATE failure keeps its reason and detail', () => {
  const data = textish(prng(1951), 800);
  const good = deflateZlib(data);
  const deflate = good.subarray(2, good.length - 4);
  const adler = good.subarray(good.length - 4);
  const reason = (z: Uint8Array, max?: number) => {
    const r = inflateZlib(z, max);
    return r.ok ? 'inflated' : r.reason;
  };

  it('a DEFLATE stream missing its last byte (checksum intact) is truncated, not "bytes after the end"', () => {
    expect(reason(concatBytes(good.subarray(0, 2), deflate.subarray(0, deflate.length - 1), adler))).toEqual({
      code: 'MALFORMED_COMPRESSION',
      detail: 'DEFLATE stream is truncated',
    });
  });

  it('one byte after the end is "bytes after the end", however the stream\'s last byte is filled', () => {
    for (const level of [0, 1, 9] as const) {
      const z = u8(deflateSync(data, { level }));
      const r = reason(concatBytes(z.subarray(0, z.length - 4), Uint8Array.of(0), z.subarray(z.length - 4)));
      expect(r, `level ${level}`).toEqual({ code: 'MALFORMED_COMPRESSION', detail: 'bytes after the end of the DEFLATE stream' });
    }
  });

  it('invalid data (block type 3) and output over the bound keep their details', () => {
    expect(reason(concatBytes(good.subarray(0, 2), Uint8Array.of(0x07, 0), adler))).toEqual({ code: 'MALFORMED_COMPRESSION', detail: 'invalid DEFLATE data' });
    expect(reason(good, 799)).toEqual({ code: 'PAYLOAD_TOO_LARGE', detail: 'inflates beyond 799 bytes' });
    expect(inflateRaw(Uint8Array.of(0x07, 0))).toEqual({ ok: false, reason: { code: 'MALFORMED_COMPRESSION', detail: 'invalid DEFLATE data' } });
  });
});
