/**
 * Layer-aware damage for formats built as prefix + base45 + zlib + COSE_Sign1 + CWT (cn-hc, eu-dcc):
 * every layer is taken apart and re-encoded with changed content, signatures are kept, dropped or
 * remade with untrusted keys, headers get other algorithms and other trusted keys' kids, and
 * claims are rebuilt with duplicate keys, indefinite lengths, deep nesting, huge numbers and
 * invalid UTF-8 — the malformed ones re-signed by the trusted key itself, so only the content
 * parser stands between them and a PASS.
 */
import { deflateSync } from 'node:zlib';
import { zlibSync } from 'fflate';
import { coseIdOf } from '../../../src/core/crypto/algorithms.ts';
import { sign } from '../../../src/core/crypto/verify-signature.ts';
import { encodeBase45 } from '../../../src/core/encoding/base45.ts';
import { bytesEqual, concatBytes, fromBase64Url } from '../../../src/core/encoding/bytes.ts';
import { sigStructure } from '../../../src/core/encoding/cose-sign1.ts';
import type { SigningKey } from '../../../src/issuer/formats/cn-hc/encode.ts';
import { deepArray, int, text, writeCbor, type Node, type WriteOptions } from '../cbor-writer.ts';
import type { Expect, FuzzCase, Genuine, Mutator, Rng } from '../harness.ts';
import type { TextSeed } from './text.ts';

export interface CoseSeed extends TextSeed {
  /** base45-decoded bytes (the zlib stream). */
  compressed: Uint8Array;
  cose: Uint8Array;
  protectedBytes: Uint8Array;
  /** The unprotected header as a node (entries kept in order). */
  unprotected: Node & { t: 'map' };
  payload: Uint8Array;
  signature: Uint8Array;
  /** The decoded payload as a node tree. */
  claims: Node & { t: 'map' };
  /** Key of the format's own claim in the CWT (-65537 cn-hc, -260 eu-dcc, "vc" nzcp): every leaf below it is checked content. */
  mainClaim: number | string;
  /** The trusted key that signed the seed, when we hold it (absent for third-party test vectors). */
  signer?: SigningKey;
  /** Other keys the seed's bundle trusts (for kid swaps and wrong-key signatures). */
  otherTrusted: SigningKey[];
  untrusted: SigningKey[];
  /** The seed's credential as verifyCode shows it (JSON), for the Genuine registry. */
  credentialJson: string;
  genuine: Genuine;
}

type Path = number[];
const HEADER = { alg: 1, crit: 2, kid: 4 } as const;

// ---- layer helpers ----

export const pack = (s: CoseSeed, cose: Uint8Array, level: 0 | 1 | 6 | 9 = 9): string => s.prefix + encodeBase45(zlibSync(cose, { level }));

export function coseBytes(protectedBytes: Uint8Array, unprotected: Node, payload: Uint8Array, signature: Uint8Array, opts: WriteOptions = {}, tag: 'tag18' | 'none' | 'cwt' = 'tag18'): Uint8Array {
  const arr: Node = { t: 'array', v: [{ t: 'bytes', v: protectedBytes }, unprotected, { t: 'bytes', v: payload }, { t: 'bytes', v: signature }] };
  const item: Node = tag === 'none' ? arr : tag === 'tag18' ? { t: 'tag', tag: 18n, v: arr } : { t: 'tag', tag: 61n, v: { t: 'tag', tag: 18n, v: arr } };
  return writeCbor(item, opts);
}

const emptyMap = (): Node & { t: 'map' } => ({ t: 'map', v: [] });
const kidBytes = (k: SigningKey) => fromBase64Url(k.kid);

export const protectedHeader = (alg: Node, kid: Uint8Array, extra: [Node, Node][] = []): Uint8Array =>
  writeCbor({ t: 'map', v: [[int(HEADER.alg), alg], ...extra, [int(HEADER.kid), { t: 'bytes', v: kid }]] });

async function signWith(key: SigningKey, protectedBytes: Uint8Array, payload: Uint8Array): Promise<Uint8Array> {
  return sign(key.alg, key.privateJwk, sigStructure(protectedBytes, payload));
}

/** A code carrying `payload`, signed by `key` with its own alg and kid. */
async function signed(s: CoseSeed, key: SigningKey, payload: Uint8Array): Promise<{ text: string; signedBytes: Uint8Array }> {
  const p = protectedHeader(int(coseIdOf(key.alg)), kidBytes(key));
  const sig = await signWith(key, p, payload);
  return { text: pack(s, coseBytes(p, emptyMap(), payload, sig)), signedBytes: sigStructure(p, payload) };
}

function flip(bytes: Uint8Array, r: Rng, count = 1 + r.int(3)): Uint8Array {
  const out = bytes.slice();
  for (let k = 0; k < count; k++) out[r.int(out.length)]! ^= 1 << r.int(8);
  return out;
}

// ---- claim-tree helpers ----

function mainPath(s: CoseSeed): Path {
  const main = s.mainClaim;
  const i = s.claims.v.findIndex(([k]) => (typeof main === 'number' ? k.t === 'int' && k.v === BigInt(main) : k.t === 'text' && new TextDecoder().decode(k.v) === main));
  return i < 0 ? [] : [i];
}

function at(n: Node, path: Path): Node {
  let cur = n;
  for (const i of path) cur = cur.t === 'map' ? cur.v[i]![1] : cur.t === 'array' ? cur.v[i]! : cur.t === 'tag' ? cur.v : cur;
  return cur;
}

function replaceAt(root: Node, path: Path, value: Node): Node {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Node;
  const parent = at(copy, path.slice(0, -1));
  const i = path[path.length - 1]!;
  if (parent.t === 'map') parent.v[i]![1] = value;
  else if (parent.t === 'array') parent.v[i] = value;
  else if (parent.t === 'tag') parent.v = value;
  return copy;
}

function walk(n: Node, path: Path, out: { path: Path; node: Node }[]): void {
  out.push({ path, node: n });
  if (n.t === 'map') n.v.forEach(([, v], i) => walk(v, [...path, i], out));
  else if (n.t === 'array') n.v.forEach((v, i) => walk(v, [...path, i], out));
  else if (n.t === 'tag') walk(n.v, [...path, 0], out);
}

/** Every node below the format's own claim (all of it is content the format type-checks). */
function contentNodes(s: CoseSeed, keep: (n: Node) => boolean): { path: Path; node: Node }[] {
  const root = mainPath(s);
  if (root.length === 0) return [];
  const out: { path: Path; node: Node }[] = [];
  walk(at(s.claims, root), root, out);
  return out.slice(1).filter((x) => keep(x.node));
}

const isLeaf = (n: Node) => n.t !== 'map' && n.t !== 'array' && n.t !== 'tag';

function timeClaimPath(s: CoseSeed, r: Rng): Path | null {
  const key = BigInt(r.pick([4, 6])); // exp, iat
  const i = s.claims.v.findIndex(([k]) => k.t === 'int' && k.v === key);
  return i < 0 ? null : [i];
}

const INVALID_UTF8 = [[0xff], [0xc0, 0x80], [0x80], [0xe4, 0xb8], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]];
const HUGE: Node[] = [
  int((1n << 64n) - 1n),
  int(-(1n << 64n)),
  int(2n ** 53n + 1n),
  int(-1),
  int(0),
  int(8_640_000_000_001n),
  int(1n << 70n), // bignum tag 2
  { t: 'float', v: 1e300 },
  { t: 'float', v: -1e300 },
  { t: 'float', v: 5e-324 },
  { t: 'float', v: 1.7e12 }, // milliseconds instead of seconds
];
const EXTREME_DATES = ['9999-12-31', '+275760-09-13T00:00:00Z', '-271821-04-20', '0000-01-01', '2021-02-30', '2021-13-01T25:61:61Z', '1970-01-01T00:00:00Z', '2021-06-01T00:00:00+99:99', '99999999999999999999', ''];

function otherType(n: Node, r: Rng): Node {
  const options: Node[] = [int(r.int(1000)), text('x'), { t: 'bytes', v: r.bytes(4) }, { t: 'array', v: [] }, emptyMap(), { t: 'simple', v: 'null' }, { t: 'simple', v: 'true' }, { t: 'float', v: 0.5 }];
  return r.pick(options.filter((o) => o.t !== n.t));
}

function changedValue(n: Node, r: Rng): Node {
  switch (n.t) {
    case 'int':
      return int(n.v + BigInt(1 + r.int(100)) * (r.chance(0.5) ? 1n : -1n));
    case 'text':
      return text(r.pick(['', 'A', 'ZZZ', '张三', 'X'.repeat(200), '2099-01-01', 'EU/1/20/1528', '260415000']));
    case 'bytes':
      return { t: 'bytes', v: r.bytes(r.int(40)) };
    default:
      return otherType(n, r);
  }
}

// ---- the mutators ----

type M = Mutator<CoseSeed>;
const out = (mutator: string, s: CoseSeed, text: string, expect: Expect, heavy = false): FuzzCase => ({ mutator, text, ctx: s.ctx, expect, ...(heavy ? { heavy } : {}) });

/** Same bytes, other payload: `fail` unless the change left the bytes as they were. */
const tampered = (a: Uint8Array, b: Uint8Array): Expect => (bytesEqual(a, b) ? 'oracle' : 'fail');

/** Claims re-signed by the seed's trusted key (falls back to keeping the old signature when we do not hold it). */
async function resignedClaims(s: CoseSeed, claims: Uint8Array, opts: { genuine?: boolean } = {}): Promise<{ text: string; trustedSigned: boolean }> {
  if (!s.signer) return { text: pack(s, coseBytes(s.protectedBytes, s.unprotected, claims, s.signature)), trustedSigned: false };
  const r = await signed(s, s.signer, claims);
  // A semantically identical re-encoding signed by the trusted key is a valid code: may PASS showing the same credential.
  if (opts.genuine) s.genuine.add(r.signedBytes, s.credentialJson);
  return { text: r.text, trustedSigned: true };
}

let bigBomb: Uint8Array | undefined;
/** 100 MiB of zeros as zlib (≈ 100 KB). */
export function hugeZlibBomb(): Uint8Array {
  return (bigBomb ??= new Uint8Array(deflateSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 })));
}
let bigBombText: string | undefined;
/** As base45 it is too long for any QR code, so through the pipeline it must stop at the length check. */
const hugeBombBody = (): string => (bigBombText ??= encodeBase45(hugeZlibBomb()));
let fitBomb: string | undefined;
/** The largest zlib bomb that still fits the input limit (≈ 5.4 KB -> ≈ 5.5 MB): it must stop at the inflate bound. */
function fittingBombBody(): string {
  return (fitBomb ??= encodeBase45(deflateSync(Buffer.alloc(5_400_000), { level: 9 })));
}

export const coseMutators = (): M[] => [
  // zlib layer
  { name: 'zlib bit flip', weight: 2, make: (s, r) => out('zlib bit flip', s, s.prefix + encodeBase45(flip(s.compressed, r)), 'oracle') },
  {
    name: 'zlib truncate/extend',
    make: (s, r) => {
      const b = r.chance(0.5) ? s.compressed.subarray(0, r.int(s.compressed.length)) : concatBytes(s.compressed, r.bytes(1 + r.int(16)));
      return out('zlib truncate/extend', s, s.prefix + encodeBase45(b), 'oracle');
    },
  },
  {
    // One zlib stream, nothing between its DEFLATE end and the Adler-32 (issue 17, item 8): a second
    // stream behind the first, or bytes before the checksum, are unsigned and must not verify.
    name: 'zlib trailing data',
    make: (s, r) => {
      const c = s.compressed;
      const b = r.pick([
        () => concatBytes(c, c),
        () => concatBytes(c, zlibSync(s.cose, { level: r.pick([0, 1, 6, 9] as const) })),
        () => concatBytes(c.subarray(0, c.length - 4), r.bytes(1 + r.int(16)), c.subarray(c.length - 4)),
        () => concatBytes(c.subarray(0, c.length - 4), c, c.subarray(c.length - 4)),
      ])();
      return out('zlib trailing data', s, s.prefix + encodeBase45(b), 'fail');
    },
  },
  { name: 'recompressed (identity)', make: (s, r) => out('recompressed (identity)', s, pack(s, s.cose, r.pick([0, 1, 6, 9] as const)), 'pass') },
  { name: 'uncompressed COSE', make: (s) => out('uncompressed COSE', s, s.prefix + encodeBase45(s.cose), 'oracle') },
  {
    name: 'zlib bomb',
    make: (s, r) => (r.chance(0.5) ? out('zlib bomb', s, s.prefix + fittingBombBody(), 'fail', true) : out('zlib bomb (100 MB)', s, s.prefix + hugeBombBody(), 'fail', true)),
  },
  // COSE layer
  { name: 'COSE bit flip', weight: 3, make: (s, r) => out('COSE bit flip', s, pack(s, flip(s.cose, r)), 'oracle') },
  {
    name: 'COSE truncate/extend',
    make: (s, r) => {
      const b = r.chance(0.5) ? s.cose.subarray(0, r.int(s.cose.length)) : concatBytes(s.cose, r.bytes(1 + r.int(8)));
      return out('COSE truncate/extend', s, pack(s, b), 'oracle');
    },
  },
  {
    name: 'COSE re-encoded structure',
    make: (s, r) => {
      const opts = { indefinite: r.chance(0.5), wide: r.chance(0.5) };
      return out('COSE re-encoded structure', s, pack(s, coseBytes(s.protectedBytes, s.unprotected, s.payload, s.signature, opts, r.pick(['tag18', 'none', 'cwt'] as const))), 'oracle');
    },
  },
  {
    name: 'payload tampered, signature kept',
    weight: 2,
    make: (s, r) => {
      const targets = contentNodes(s, isLeaf);
      const t = targets.length ? r.pick(targets) : { path: [], node: s.claims as Node };
      const payload = writeCbor(replaceAt(s.claims, t.path, changedValue(t.node, r)));
      return out('payload tampered, signature kept', s, pack(s, coseBytes(s.protectedBytes, s.unprotected, payload, s.signature)), tampered(payload, s.payload));
    },
  },
  {
    name: 'signature damaged',
    make: (s, r) => {
      const sig = r.pick([() => flip(s.signature, r), () => s.signature.subarray(0, r.int(s.signature.length)), () => new Uint8Array(s.signature.length), () => concatBytes(s.signature, r.bytes(1 + r.int(8))), () => new Uint8Array(0)])();
      return out('signature damaged', s, pack(s, coseBytes(s.protectedBytes, s.unprotected, s.payload, sig)), bytesEqual(sig, s.signature) ? 'oracle' : 'fail');
    },
  },
  {
    name: 're-signed by an untrusted key',
    weight: 2,
    make: async (s, r) => {
      const key = r.pick(s.untrusted);
      const targets = contentNodes(s, isLeaf);
      const payload = r.chance(0.5) && targets.length ? writeCbor(replaceAt(s.claims, r.pick(targets).path, text('forged'))) : s.payload;
      // Either its own kid, or impersonating the seed's trusted key.
      const kid = r.chance(0.5) && s.signer ? kidBytes(s.signer) : kidBytes(key);
      const p = protectedHeader(int(coseIdOf(key.alg)), kid);
      return out('re-signed by an untrusted key', s, pack(s, coseBytes(p, emptyMap(), payload, await signWith(key, p, payload))), 'fail');
    },
  },
  {
    name: 'alg swapped',
    weight: 2,
    make: async (s, r) => {
      const seedAlg = s.signer ? coseIdOf(s.signer.alg) : undefined;
      const algs: Node[] = [text('none'), int(0), int(5), int(-7), int(-35), int(-37), int(-65537), int((1n << 64n) - 1n), { t: 'float', v: -7.5 }, { t: 'simple', v: 'null' }, { t: 'bytes', v: Uint8Array.of(0xf9) }];
      const alg = r.pick(algs.filter((a) => !(a.t === 'int' && seedAlg !== undefined && a.v === BigInt(seedAlg))));
      const kid = s.signer ? kidBytes(s.signer) : new Uint8Array(8);
      const p = protectedHeader(alg, kid);
      // Signed by the trusted key (whose own algorithm is another), or the old signature kept.
      const sig = s.signer && r.chance(0.7) ? await signWith(s.signer, p, s.payload) : s.signature;
      const same = s.signer === undefined && bytesEqual(p, s.protectedBytes);
      return out('alg swapped', s, pack(s, coseBytes(p, emptyMap(), s.payload, sig)), same ? 'oracle' : 'fail');
    },
  },
  {
    name: 'kid swapped to another trusted key',
    weight: 2,
    make: async (s, r) => {
      if (!s.otherTrusted.length) return out('kid swapped to another trusted key', s, s.text, 'oracle');
      const other = r.pick(s.otherTrusted);
      const headerAlg = s.signer ? r.pick([s.signer.alg, other.alg]) : other.alg;
      const p = protectedHeader(int(coseIdOf(headerAlg)), kidBytes(other));
      // The signature is the seed signer's (remade over the new header when we hold its key), never the named key's.
      const sig = s.signer && r.chance(0.7) ? await signWith(s.signer, p, s.payload) : s.signature;
      const inUnprotected = r.chance(0.3);
      const cose = inUnprotected
        ? coseBytes(s.protectedBytes, { t: 'map', v: [[int(HEADER.kid), { t: 'bytes', v: kidBytes(other) }]] }, s.payload, s.signature)
        : coseBytes(p, s.unprotected, s.payload, sig);
      // An unprotected kid next to a protected one changes nothing (the protected one counts); the oracle judges those.
      return out('kid swapped to another trusted key', s, pack(s, cose), inUnprotected ? 'oracle' : 'fail');
    },
  },
  {
    name: 'critical header',
    make: async (s, r) => {
      const key = s.signer;
      const alg = int(key ? coseIdOf(key.alg) : -7);
      const p = protectedHeader(alg, key ? kidBytes(key) : new Uint8Array(8), [[int(HEADER.crit), { t: 'array', v: [int(r.pick([3, 99, -70000]))] }]]);
      const sig = key ? await signWith(key, p, s.payload) : s.signature;
      return out('critical header', s, pack(s, coseBytes(p, s.unprotected, s.payload, sig)), 'fail');
    },
  },
  {
    name: 'unprotected header junk',
    make: (s, r) => {
      const junk: [Node, Node][] = [
        [int(HEADER.alg), int(r.pick([-7, -37, -65537, 5]))],
        [int(HEADER.kid), { t: 'bytes', v: r.bytes(8) }],
        [int(33), { t: 'raw', v: deepArray(200) }],
        [text('x'), text('y')],
        [int(-70000), { t: 'bytes', v: r.bytes(r.int(64)) }],
      ];
      const u: Node = { t: 'map', v: [...s.unprotected.v, r.pick(junk)] };
      return out('unprotected header junk', s, pack(s, coseBytes(s.protectedBytes, u, s.payload, s.signature)), 'oracle');
    },
  },
  // Claims, re-signed by the trusted key
  {
    name: 'duplicate CBOR map key',
    weight: 2,
    make: async (s, r) => {
      const maps: { path: Path; node: Node }[] = [];
      walk(s.claims, [], maps);
      const withEntries = maps.filter((m) => m.node.t === 'map' && m.node.v.length > 0);
      const m = r.pick(withEntries);
      const node = m.node as Node & { t: 'map' };
      const e = r.pick(node.v);
      const dup: [Node, Node] = [e[0], r.chance(0.5) ? e[1] : changedValue(e[1], r)];
      const entries = [...node.v];
      entries.splice(r.int(entries.length + 1), 0, dup);
      const payload = writeCbor(replaceAt(s.claims, m.path, { t: 'map', v: entries }));
      return out('duplicate CBOR map key', s, (await resignedClaims(s, payload)).text, 'fail');
    },
  },
  {
    name: 'indefinite / wide re-encoding',
    make: async (s, r) => {
      const opts = r.pick([{ indefinite: true }, { wide: true }, { indefinite: true, wide: true }]);
      const payload = writeCbor(s.claims, opts);
      const { text: t, trustedSigned } = await resignedClaims(s, payload, { genuine: true });
      return out('indefinite / wide re-encoding', s, t, trustedSigned ? 'oracle' : tampered(payload, s.payload));
    },
  },
  {
    name: 'deep nesting',
    make: async (s, r) => {
      const targets = contentNodes(s, () => true);
      if (!targets.length) return out('deep nesting', s, s.text, 'oracle');
      const depth = r.pick([64, 600, 5_000, 30_000, 200_000]);
      const payload = writeCbor(replaceAt(s.claims, r.pick(targets).path, { t: 'raw', v: deepArray(depth) }));
      return out('deep nesting', s, (await resignedClaims(s, payload)).text, 'fail', depth >= 30_000);
    },
  },
  {
    name: 'huge integers and times',
    weight: 2,
    make: async (s, r) => {
      // Either a CWT time (every value here lies outside 2000..2200) or any number in the content.
      const time = r.chance(0.5) ? timeClaimPath(s, r) : null;
      const ints = contentNodes(s, (n) => n.t === 'int');
      const path = time ?? (ints.length ? r.pick(ints).path : null);
      if (!path) return out('huge integers and times', s, s.text, 'oracle');
      const payload = writeCbor(replaceAt(s.claims, path, r.pick(HUGE)));
      // Out-of-range times must fail; other numbers (e.g. a dose count of 0) are content the checks judge.
      return out('huge integers and times', s, (await resignedClaims(s, payload)).text, time || !s.signer ? 'fail' : 'any');
    },
  },
  {
    name: 'extreme date strings',
    make: async (s, r) => {
      const texts = contentNodes(s, (n) => n.t === 'text');
      if (!texts.length) return out('extreme date strings', s, s.text, 'oracle');
      const payload = writeCbor(replaceAt(s.claims, r.pick(texts).path, text(r.pick(EXTREME_DATES))));
      const { text: t, trustedSigned } = await resignedClaims(s, payload);
      return out('extreme date strings', s, t, trustedSigned ? 'any' : 'fail');
    },
  },
  {
    name: 'invalid UTF-8',
    weight: 2,
    make: async (s, r) => {
      const texts = [...contentNodes(s, (n) => n.t === 'text'), ...s.claims.v.map((_, i) => ({ path: [i], node: s.claims.v[i]![1] })).filter((x) => x.node.t === 'text')];
      if (!texts.length) return out('invalid UTF-8', s, s.text, 'oracle');
      const t = r.pick(texts);
      const old = (t.node as { v: Uint8Array }).v;
      const at = r.int(old.length + 1);
      const bad = Uint8Array.from(r.pick(INVALID_UTF8));
      const payload = writeCbor(replaceAt(s.claims, t.path, { t: 'text', v: concatBytes(old.subarray(0, at), bad, old.subarray(at)) }));
      return out('invalid UTF-8', s, (await resignedClaims(s, payload)).text, 'fail');
    },
  },
  {
    name: 'field type swapped',
    make: async (s, r) => {
      const targets = contentNodes(s, () => true);
      if (!targets.length) return out('field type swapped', s, s.text, 'oracle');
      const t = r.pick(targets);
      const payload = writeCbor(replaceAt(s.claims, t.path, otherType(t.node, r)));
      const { text: x, trustedSigned } = await resignedClaims(s, payload);
      return out('field type swapped', s, x, trustedSigned ? 'any' : 'fail');
    },
  },
  {
    name: 'content changed and re-signed',
    make: async (s, r) => {
      const targets = contentNodes(s, isLeaf);
      if (!targets.length) return out('content changed and re-signed', s, s.text, 'oracle');
      const t = r.pick(targets);
      const payload = writeCbor(replaceAt(s.claims, t.path, changedValue(t.node, r)));
      const { text: x, trustedSigned } = await resignedClaims(s, payload);
      return out('content changed and re-signed', s, x, trustedSigned ? 'any' : tampered(payload, s.payload));
    },
  },
  {
    name: 'claims not a map',
    make: async (s, r) => {
      const payload = r.pick([new Uint8Array(0), writeCbor({ t: 'array', v: [s.claims] }), writeCbor(int(1)), writeCbor(text('x')), Uint8Array.of(0xa1), writeCbor(s.claims).subarray(1)]);
      return out('claims not a map', s, (await resignedClaims(s, payload)).text, 'fail');
    },
  },
];
