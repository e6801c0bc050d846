/**
 * The single-pass decoder (cbor-decode.ts) against decodeCbor as it was — cborg's decode with a
 * checking tokenizer, kept below as the reference — on hand-written items, the EU DCC, NZCP and CN
 * code bytes, and seeded random mutations of them: same accept/refuse, same values (Map key order,
 * Tagged, bigint, -0, byte string contents), for strict and lax options and several tag lists.
 * Two refusals are deliberately stricter than the reference (knownStricter): a break code where a
 * map value belongs (cborg stored its internal BREAK symbol as the value) and two byte-string map
 * keys with the same contents (cborg compared them by object identity; RFC 8949 §5.6 calls them
 * duplicates).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, Tokenizer, Type } from 'cborg';
import { describe, expect, it } from 'vitest';
import { readBlocks } from '../../../test/support/cn-hc-spec-doc.ts';
import { prng } from '../../../test/support/prng.ts';
import { requireShared } from '../../../test/support/shared.ts';
import { readRawVectors } from '../../../test/support/eu-dcc-raw.ts';
import { decodeBase32 } from '../formats/nzcp/base32.ts';
import { fail, ok, type Result } from '../result.ts';
import { decodeBase45 } from './base45.ts';
import { fromHex, toHex } from './bytes.ts';
import { decodeCbor, MAX_CBOR_DEPTH, Tagged, type CborDecodeOptions } from './cbor.ts';
import { inflateZlib } from './zlib.ts';

// ---- The reference: decodeCbor before the single-pass decoder, unchanged. ----
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
class CheckingTokenizer extends Tokenizer {
  private readonly open: number[] = [];
  override next() {
    const t = super.next();
    if (t.type === Type.break) {
      this.open.pop();
      return t;
    }
    if (this.open.length) this.open[this.open.length - 1]!--;
    if (t.type === Type.string && typeof t.value === 'string' && t.value.includes('\uFFFD') && t.byteValue) STRICT_UTF8.decode(t.byteValue);
    const items = t.type === Type.array ? (t.value as number) : t.type === Type.map ? (t.value as number) * 2 : t.type === Type.tag ? 1 : 0;
    if (items > 0) {
      if (this.open.length >= MAX_CBOR_DEPTH) throw new Error(`nested deeper than ${MAX_CBOR_DEPTH} levels`);
      this.open.push(items);
    }
    while (this.open.length && this.open[this.open.length - 1] === 0) this.open.pop();
    return t;
  }
}
function referenceDecode(bytes: Uint8Array, opts: CborDecodeOptions = {}): Result<unknown> {
  const tags: Record<number, (d: () => unknown) => unknown> = {};
  for (const t of opts.tags ?? []) tags[t] = (d) => new Tagged(t, d());
  const options = { useMaps: true, rejectDuplicateMapKeys: true, allowIndefinite: !opts.strict, allowUndefined: false, allowInfinity: false, allowNaN: false, allowBigInt: true, strict: opts.strict ?? false, tags, retainStringBytes: true };
  try {
    return ok(decode(bytes, { ...options, tokenizer: new CheckingTokenizer(bytes, options) }));
  } catch (e) {
    return fail('MALFORMED_CBOR', e instanceof Error ? e.message.slice(0, 120) : 'invalid CBOR');
  }
}

// ---- Comparison ----
const CBORG_BREAK = Symbol.for('BREAK');
const OPTIONS: CborDecodeOptions[] = [false, true].flatMap((strict) => [[], [18], [61, 18], [0, 1, 100, 1004]].map((tags) => ({ strict, tags })));

/** Why the reference's value is one the new decoder refuses on purpose, or ''. */
function knownStricter(v: unknown): string {
  if (v === CBORG_BREAK) return 'a break code as a map value';
  if (v instanceof Tagged) return knownStricter(v.value);
  if (Array.isArray(v)) return v.map(knownStricter).find(Boolean) ?? '';
  if (!(v instanceof Map)) return '';
  const byteKeys = [...v.keys()].filter((k): k is Uint8Array => k instanceof Uint8Array).map(toHex);
  if (new Set(byteKeys).size < byteKeys.length) return 'two byte-string keys with the same contents';
  return [...v].flat().map(knownStricter).find(Boolean) ?? '';
}

/** The first difference between the two values (path and what), or ''. */
function diff(a: unknown, b: unknown, path = '$'): string {
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || b.constructor !== Uint8Array) return `${path}: byte string types`;
    return toHex(a) === toHex(b) ? '' : `${path}: bytes ${toHex(a)} vs ${toHex(b)}`;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!(Array.isArray(a) && Array.isArray(b)) || a.length !== b.length) return `${path}: arrays`;
    return a.map((x, i) => diff(x, b[i], `${path}[${i}]`)).find(Boolean) ?? '';
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return `${path}: maps`;
    const ea = [...a], eb = [...b];
    return ea.map(([k, v], i) => diff(k, eb[i]![0], `${path}.key${i}`) || diff(v, eb[i]![1], `${path}.value${i}`)).find(Boolean) ?? '';
  }
  if (a instanceof Tagged || b instanceof Tagged) {
    if (!(a instanceof Tagged && b instanceof Tagged) || a.tag !== b.tag) return `${path}: tags`;
    return diff(a.value, b.value, `${path}.tag${a.tag}`);
  }
  return typeof a === typeof b && Object.is(a, b) ? '' : `${path}: ${String(a)} vs ${String(b)}`;
}

/** '' when the new decoder agrees with the reference on these bytes and options, else what differs. */
function mismatch(bytes: Uint8Array, opts: CborDecodeOptions): string {
  const old = referenceDecode(bytes, opts);
  const now = decodeCbor(bytes, opts);
  if (!now.ok && (now.reason.code !== 'MALFORMED_CBOR' || !now.reason.detail || now.reason.detail.length > 120)) return `bad failure ${JSON.stringify(now.reason)}`;
  const stricter = old.ok ? knownStricter(old.value) : '';
  if (stricter) return now.ok ? `${stricter}: accepted` : '';
  if (old.ok !== now.ok) return `reference ${old.ok ? 'accepts' : `refuses (${old.reason.detail})`}, new ${now.ok ? 'accepts' : `refuses (${now.reason.detail})`}`;
  return old.ok && now.ok ? diff(old.value, now.value) : '';
}

function mismatches(inputs: Uint8Array[], label: (i: number) => string): string[] {
  const out: string[] = [];
  inputs.forEach((bytes, i) => {
    for (const opts of OPTIONS) {
      const m = mismatch(bytes, opts);
      if (m && out.length < 8) out.push(`${label(i)} ${toHex(bytes).slice(0, 80)} ${JSON.stringify(opts)}: ${m}`);
    }
  });
  return out;
}

// ---- Inputs ----
const HAND_WRITTEN = [
  // major 0 and 1, every width, preferred or not, reserved additional information, 64-bit edges
  '00', '17', '1818', '18ff', '190100', '19ffff', '1a00010000', '1affffffff', '1b0000000100000000', '1b001fffffffffffff', '1b0020000000000000', '1bffffffffffffffff',
  '1800', '1817', '190001', '1900ff', '1a0000ffff', '1b00000000ffffffff', '1c', '1d', '1e', '1f', '18', '1900', '1b00',
  '20', '37', '3818', '38ff', '39ffff', '3affffffff', '3b001ffffffffffffe', '3b001fffffffffffff', '3bffffffffffffffff', '3800', '390000', '3c', '3f',
  // byte strings: widths, claimed lengths beyond the input, indefinite
  '40', '4101', '5801ff', '5818' + '00'.repeat(24), '590000', '5a00000001ff', '5b000000000000000100', '5bffffffffffffffff', '5affffffff00', '5b0020000000000000', '43010203', '4301', '5f4101ff', '5fff', '5c', '5f',
  // text strings: ASCII, UTF-8, invalid UTF-8 short and long, a BOM, a real U+FFFD, indefinite
  '60', '6161', '780161', '62c3a9', '63efbfbd', '64efbbbf61', '62c328', '6241ff', '62c080', '6180', '62e4b8', '63eda080', '64f4908080', '66e5bca0e4b889',
  '7828' + '61'.repeat(40), '7828' + '61'.repeat(39) + 'ff', '7823' + 'e5bca0'.repeat(11) + '61a0', '7f6161ff', '7fff', '7f6241ffff', '7a00000001', '7b',
  // arrays
  '80', '8101', '820102', '980100', '9818' + '00'.repeat(24), '9fff', '9f0102ff', '9f9fffff', '829fff01', '9affffffff00', '9b0020000000000000', '9c', '8301', '82ff01', '9f01', '9f',
  // maps and a break where a value belongs
  'a0', 'a10102', 'a201020304', 'bfff', 'bf0102ff', 'b8010102', 'a101ff', 'bf01ffff', 'bf01ff', 'a1ff01', 'baffffffff00', 'a201', 'bf0102', 'a1a0a0', 'a18080',
  // duplicate keys of every key type
  'a201000101', 'a2616100616101', 'a24101004101 01', 'a2400040 01', 'a20000f9800000', 'a2f93c0000 0100', 'a2f93c0000fa3f80000001',
  'a21b0020000000000000001b002000000000000001', 'a23b0020000000000000003b002000000000000001', 'a2f600f601', 'a2f400f401', 'a2f400f501', 'a28100008100 01',
  'a2a000a001', 'a2d20000d20001', 'a201016131 02', 'bf01000101ff', 'bf4100004100 01ff', 'a24100004101 01',
  // tags
  'c06161', 'c11a5f5e1000', 'c24101', 'c34101', 'd280', 'd28440a04040', 'd81280', 'd903ec00', 'd86400', 'd83dd280', 'db000000000000001280', 'dbffffffffffffffff00', 'dc00', 'd2', 'd2ff', 'd9001280', 'd2d280',
  // simple values and floats: -0, half subnormals, NaN and Infinity of every width, truncated
  'f4', 'f5', 'f6', 'f7', 'f800', 'f8ff', 'f818', 'e0', 'f3', 'fc', 'fd', 'fe', 'ff',
  'f90000', 'f98000', 'f93c00', 'f97bff', 'f90001', 'f98001', 'f97c00', 'f9fc00', 'f97e00', 'f97c01', 'f9fe00', 'fa00000000', 'fa80000000', 'fa7f800000', 'faff800000', 'fa7fc00000', 'fa3fc00000',
  'fb0000000000000000', 'fb8000000000000000', 'fb7ff0000000000000', 'fb7ff8000000000000', 'fb3ff8000000000000', 'fb3ff0000000000000', 'f900', 'fa0000', 'fb00',
  // trailing bytes, nothing at all
  '0000', '8000', '', 'a0ff',
].map((h) => fromHex(h.replace(/\s+/g, '')));

/** Nesting around one innermost item: `depth` heads, the item, then `tail` once per level. */
const nest = (depth: number, head: number[], inner: number[], tail: number[] = []) => Uint8Array.from([...Array.from({ length: depth }, () => head).flat(), ...inner, ...Array.from({ length: depth }, () => tail).flat()]);
const DEPTHS = [MAX_CBOR_DEPTH - 1, MAX_CBOR_DEPTH, MAX_CBOR_DEPTH + 1].flatMap((d) => [
  nest(d, [0x81], [0x00]), nest(d, [0x81], [0x80]), nest(d, [0x81], [0xa0]), nest(d, [0x81], [0x9f, 0xff]), nest(d, [0x81], [0x81, 0x00]),
  nest(d, [0x9f], [0x00], [0xff]), nest(d, [0xa1, 0x00], [0x00]), nest(d, [0xbf, 0x00], [0x00], [0xff]), nest(d, [0xd2], [0x00]), nest(d, [0xd2, 0x81], [0x00]),
  nest(d, [0x82, 0x00], [0x00]), nest(d, [0x82], [0x00], [0x00]),
]);

const cose = (text: string, prefix: string): Uint8Array | undefined => {
  const b45 = decodeBase45(text.slice(prefix.length));
  const inflated = b45.ok ? inflateZlib(b45.value) : b45;
  return inflated.ok ? inflated.value : undefined;
};

/** COSE messages and CBOR of the EU DCC suite: PREFIX texts inflated, and its COSE and CBOR hex fields. */
function euBytes(): Uint8Array[] {
  const dir = requireShared('vectors/eu-dcc', 'the EU DCC test vectors, whose COSE and CBOR the decoder is checked on');
  const out = new Map<string, Uint8Array>();
  for (const { v } of readRawVectors(dir)) {
    const found = [typeof v.PREFIX === 'string' && v.PREFIX.startsWith('HC1:') ? cose(v.PREFIX, 'HC1:') : undefined];
    for (const field of ['COSE', 'CBOR']) if (typeof v[field] === 'string' && /^([0-9a-fA-F]{2})+$/.test(v[field])) found.push(fromHex(v[field]));
    for (const b of found) if (b) out.set(toHex(b), b);
  }
  return [...out.values()];
}

/** The payload and protected header of each COSE_Sign1 the reference decodes. */
function innerBytes(messages: Uint8Array[]): Uint8Array[] {
  return messages.flatMap((m) => {
    const r = referenceDecode(m, { tags: [61, 18] });
    let v = r.ok ? r.value : undefined;
    while (v instanceof Tagged) v = v.value;
    return Array.isArray(v) ? v.filter((x): x is Uint8Array => x instanceof Uint8Array && x.length > 0) : [];
  });
}

function nzcpBytes(): Uint8Array[] {
  const dir = requireShared('vectors/nzcp/examples', "the NZ COVID Pass specification's examples");
  const texts = ['valid', 'invalid'].flatMap((d) => readdirSync(join(dir, d)).filter((f) => f.endsWith('.txt') && !f.includes('commented')).map((f) => readFileSync(join(dir, d, f), 'utf8').trim()));
  return texts.flatMap((t) => {
    if (/^([0-9a-f]{2})+$/i.test(t)) return [fromHex(t)];
    const b = t.startsWith('NZCP:/1/') ? decodeBase32(t.slice(8)) : undefined;
    return b?.ok ? [b.value] : [];
  });
}

function cnBytes(): Uint8Array[] {
  const doc = readFileSync(new URL('../../../docs/formats/cn-health-code.md', import.meta.url), 'utf8');
  return [...readBlocks(doc).values()].flatMap((blocks) => ['cose', 'claims', 'protected', 'presentation-cbor'].flatMap((item) => (blocks.has(item) ? [fromHex(blocks.get(item)!.replace(/\s+/g, ''))] : [])));
}

describe('single-pass CBOR decoder, held to the cborg-based reference', () => {
  const EU = euBytes();
  const REAL = [...EU, ...innerBytes(EU), ...nzcpBytes(), ...cnBytes()];

  it('has the real codes it compares on (EU DCC, NZCP, CN)', () => {
    expect(EU.length).toBeGreaterThan(150);
    expect(REAL.length).toBeGreaterThan(2 * EU.length);
    // Most of them decode: the comparison covers accepted values, not just refusals.
    expect(REAL.filter((b) => decodeCbor(b, { tags: [61, 18, 0, 1, 100, 1004] }).ok).length).toBeGreaterThan(EU.length);
  });

  it('agrees on every hand-written item (every major type, width, indefinite form, tag, float, duplicate key)', () => {
    expect(mismatches(HAND_WRITTEN, (i) => `item ${i}`)).toEqual([]);
  });

  it(`agrees on nesting ${MAX_CBOR_DEPTH - 1}, ${MAX_CBOR_DEPTH} and ${MAX_CBOR_DEPTH + 1} levels deep, and keeps the limit's message`, () => {
    expect(mismatches(DEPTHS, (i) => `depth case ${i}`)).toEqual([]);
    const r = decodeCbor(nest(MAX_CBOR_DEPTH + 1, [0x81], [0x00]));
    expect(r.ok ? 'ok' : r.reason.detail).toBe(`nested deeper than ${MAX_CBOR_DEPTH} levels`);
  });

  it('agrees on the EU DCC, NZCP and CN code bytes', () => {
    expect(mismatches(REAL, (i) => `real ${i}`)).toEqual([]);
  });

  it('refuses, stricter than the reference, a break as a map value and repeated byte-string keys', () => {
    for (const h of ['a101ff', 'bf01ffff', 'a2410100410101', 'bf410100410101ff']) {
      expect(knownStricter((referenceDecode(fromHex(h)) as { value: unknown }).value), h).not.toBe('');
      expect(decodeCbor(fromHex(h)).ok, h).toBe(false);
    }
  });

  it('returns byte strings as plain Uint8Array copies, also from a Buffer', () => {
    const input = Buffer.from('824201024103', 'hex');
    const r = decodeCbor(input);
    const [a, b] = (r.ok ? r.value : []) as Uint8Array[];
    input.fill(0);
    expect([a?.constructor, toHex(a!), toHex(b!), a!.buffer === input.buffer]).toEqual([Uint8Array, '0102', '03', false]);
  });

  it('agrees on seeded random mutations of all of the above (flips, truncations, insertions, deletions)', () => {
    const seed = Number(process.env.CBOR_FUZZ_SEED ?? 0x5eed2208);
    const rand = prng(seed);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const SPECIAL = [0x00, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1f, 0x40, 0x5f, 0x60, 0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc2, 0xd2, 0xd8, 0xf7, 0xf9, 0xfa, 0xfb, 0xff];
    const seeds = [...HAND_WRITTEN.filter((b) => b.length > 0), ...DEPTHS, ...REAL];
    const inputs: Uint8Array[] = [];
    for (let i = 0; i < 4000; i++) {
      let b = Array.from(i % 8 === 7 ? Array.from({ length: 1 + Math.floor(rand() * 12) }, () => Math.floor(rand() * 256)) : pick(seeds));
      for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
        const at = Math.floor(rand() * (b.length + 1));
        const kind = Math.floor(rand() * 6);
        if (kind === 0 && b.length) b[at % b.length]! ^= 1 << Math.floor(rand() * 8);
        else if (kind === 1 && b.length) b[at % b.length] = pick(SPECIAL);
        else if (kind === 2) b = b.slice(0, at);
        else if (kind === 3) b.splice(at, 0, ...Array.from({ length: 1 + Math.floor(rand() * 4) }, () => (rand() < 0.5 ? pick(SPECIAL) : Math.floor(rand() * 256))));
        else if (kind === 4) b.splice(at, 1 + Math.floor(rand() * 8));
        else b[at % Math.max(1, b.length)] = Math.floor(rand() * 256);
      }
      inputs.push(Uint8Array.from(b));
    }
    expect(mismatches(inputs, (i) => `seed ${seed} case ${i}`)).toEqual([]);
  });
});
