/**
 * NZCP's own mutators. The base32 layer (the version, padding, letters outside the alphabet, case)
 * and the spec's MUSTs (spec.md §CWT Claims, §CWT Headers, §Verifiable Credential Claim Structure,
 * §Pass Types), each broken in claims or headers that the seed's trusted key signs: no such pass
 * may PASS. New content that the spec allows (no familyName, extra claims) is `any`.
 */
import { sign } from '../../../../src/core/crypto/verify-signature.ts';
import { fromBase64Url, fromUtf8 } from '../../../../src/core/encoding/bytes.ts';
import { sigStructure } from '../../../../src/core/encoding/cose-sign1.ts';
import { encodeBase32NoPad } from '../../../../src/issuer/formats/nzcp/base32.ts';
import { int, text, writeCbor, type Node } from '../../cbor-writer.ts';
import type { Expect, FuzzCase, Mutator, Rng } from '../../harness.ts';
import type { CoseSeed } from '../../mutators/cose.ts';

type M = Mutator<CoseSeed>;
type Entry = [Node, Node];
const out = (mutator: string, s: CoseSeed, t: string, expect: Expect): FuzzCase => ({ mutator, text: t, ctx: s.ctx, expect });
const body = (s: CoseSeed) => s.text.slice(s.prefix.length);

export const base32Mutators: M[] = [
  { name: 'nzcp: seed as issued (identity)', make: (s) => out('nzcp: seed as issued (identity)', s, s.text, 'pass') },
  {
    // "01" is 1 read as an unsigned integer (spec §Steps to verify): the oracle judges it.
    name: 'nzcp: version other than 1',
    make: (s, r) => {
      const v = r.pick(['2', '0', '01', '', ' 1', '1 ', 'x', '-1', '1.0', '99999999999999999999']);
      return out('nzcp: version other than 1', s, `NZCP:/${v}/${body(s)}`, v === '01' ? 'oracle' : 'fail');
    },
  },
  {
    // RFC 4648 padding the spec removes: a verifier may add it back to decode, the bytes stay the same.
    name: 'nzcp: base32 padding',
    make: (s, r) => out('nzcp: base32 padding', s, s.text + '='.repeat(1 + r.int(7)), 'oracle'),
  },
  {
    name: 'nzcp: base32 outside its alphabet',
    make: (s, r) => {
      const b = body(s);
      const i = r.int(b.length);
      return out('nzcp: base32 outside its alphabet', s, s.prefix + b.slice(0, i) + r.pick(['0', '1', '8', '9', '=', '-', '_', '+', '/', ' ']) + b.slice(i + 1), 'oracle');
    },
  },
  { name: 'nzcp: base32 lower case', make: (s) => out('nzcp: base32 lower case', s, s.prefix + body(s).toLowerCase(), 'oracle') },
  {
    // The last character's unused low bits set: same bytes if the decoder ignores them, else refused.
    name: 'nzcp: base32 trailing bits',
    make: (s, r) => {
      const b = body(s);
      const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
      const last = A.indexOf(b[b.length - 1]!);
      return out('nzcp: base32 trailing bits', s, s.prefix + b.slice(0, -1) + A[(last | (1 + r.int(7))) & 31], 'oracle');
    },
  },
];

// ---- claims and headers re-signed by the seed's trusted key ----

const isKey = (k: Node, key: number | string) => (typeof key === 'number' ? k.t === 'int' && k.v === BigInt(key) : k.t === 'text' && fromUtf8(k.v) === key);
const get = (m: Node | undefined, key: number | string): Node | undefined => (m?.t === 'map' ? m.v.find(([k]) => isKey(k, key))?.[1] : undefined);
const kidText = (s: CoseSeed) => fromUtf8(fromBase64Url(s.signer!.kid));

/** A deep copy of the claims with the map at `path` (nested keys) edited; a missing map stays missing. */
function edit(claims: Node, path: (number | string)[], f: (e: Entry[]) => Entry[]): Node {
  const copy = structuredClone(claims) as Node;
  let m: Node | undefined = copy;
  for (const k of path) m = get(m, k);
  if (m?.t === 'map') m.v = f(m.v);
  return copy;
}
const set = (key: number | string, value: Node | undefined) => (e: Entry[]): Entry[] => {
  const k = typeof key === 'number' ? int(key) : text(key);
  const rest = e.filter(([x]) => !isKey(x, key));
  return value === undefined ? rest : [...rest, [k, value]];
};

const header = (entries: Entry[]): Uint8Array => writeCbor({ t: 'map', v: entries });
const defaultHeader = (s: CoseSeed) => header([[int(4), text(kidText(s))], [int(1), int(-7)]]);

/** The claims (and a header) signed by the seed's own trusted key, as a tagged COSE_Sign1 unless told. */
async function resigned(s: CoseSeed, claims: Node, p = defaultHeader(s), opts: { unprotected?: Entry[]; untagged?: boolean } = {}): Promise<string> {
  const payload = writeCbor(claims);
  const sig = await sign(s.signer!.alg, s.signer!.privateJwk, sigStructure(p, payload));
  const arr: Node = { t: 'array', v: [{ t: 'bytes', v: p }, { t: 'map', v: opts.unprotected ?? [] }, { t: 'bytes', v: payload }, { t: 'bytes', v: sig }] };
  return s.prefix + encodeBase32NoPad(writeCbor(opts.untagged ? arr : { t: 'tag', tag: 18n, v: arr }));
}

const secs = (s: CoseSeed, hours: number) => int(Math.floor(s.ctx.now!.getTime() / 1000) + hours * 3600);
const NOT_INT: Node[] = [text('1750000000'), { t: 'float', v: 1750000000.5 }, { t: 'bytes', v: Uint8Array.of(1) }, { t: 'simple', v: 'null' }, { t: 'tag', tag: 1n, v: int(1750000000) }];

/** Each case: what it breaks, and the claims or header that break it. */
const SPEC: { name: string; expect: Expect; make: (s: CoseSeed, r: Rng) => Promise<string> }[] = [
  {
    name: 'nzcp: iss not this key\'s did:web issuer',
    expect: 'fail',
    make: (s, r) => {
      const iss = get(s.claims, 1)!;
      const own = iss.t === 'text' ? fromUtf8(iss.v) : '';
      const others = ['did:web:b.nzcp.fuzz.invalid', 'did:web:a.nzcp.fuzz.invalid', 'did:web:nzcp.covid19.health.nz', own.toUpperCase(), own.replace('did:web:', 'did:key:'), own.replace('did:web:', 'https://'), `${own}:sub`, `${own}#key-1`, ''];
      return resigned(s, edit(s.claims, [], set(1, text(r.pick(others.filter((x) => x !== own))))));
    },
  },
  { name: 'nzcp: iss missing or not text', expect: 'fail', make: (s, r) => resigned(s, edit(s.claims, [], set(1, r.pick([undefined, int(1), { t: 'bytes', v: new TextEncoder().encode('did:web:a.nzcp.fuzz.invalid') }])))) },
  { name: 'nzcp: nbf or exp missing or not an integer', expect: 'fail', make: (s, r) => resigned(s, edit(s.claims, [], set(r.pick([4, 5]), r.chance(0.3) ? undefined : r.pick(NOT_INT)))) },
  {
    // Both times moved, nbf before exp, so the pass is well formed and only its time is wrong.
    name: 'nzcp: not active yet or expired',
    expect: 'fail',
    make: (s, r) => {
      // Hours from now; nbf stays inside the signing key's validity (30 days back, a year ahead).
      const [nbf, exp] = r.chance(0.5) ? [1 + r.int(5000), 5001 + r.int(3000)] : [-(400 + r.int(300)), -r.int(400)];
      return resigned(s, edit(s.claims, [], (e) => set(4, secs(s, exp))(set(5, secs(s, nbf))(e))));
    },
  },
  {
    name: 'nzcp: cti not a 16-byte UUID',
    expect: 'fail',
    make: (s, r) => resigned(s, edit(s.claims, [], set(7, r.pick([undefined, { t: 'bytes', v: new Uint8Array(0) }, { t: 'bytes', v: new Uint8Array(15) }, { t: 'bytes', v: new Uint8Array(17) }, text('urn:uuid:60a4f54d-4e30-4332-be33-ad78b1eafa4b'), int(7)])))),
  },
  {
    name: 'nzcp: vc missing or not the spec\'s structure',
    expect: 'fail',
    make: (s, r) => {
      const arr = (...xs: string[]): Node => ({ t: 'array', v: xs.map(text) });
      const edits: [(string | number)[], (e: Entry[]) => Entry[]][] = [
        [[], set('vc', undefined)],
        [[], set('vc', text('PublicCovidPass'))],
        [['vc'], set('type', undefined)],
        [['vc'], set('type', arr('PublicCovidPass'))],
        [['vc'], set('type', arr('VerifiableCredential'))],
        [['vc'], set('type', arr('VerifiableCredential', 'PrivateCovidPass'))],
        [['vc'], set('type', arr('PublicCovidPass', 'VerifiableCredential'))],
        [['vc'], set('@context', undefined)],
        [['vc'], set('@context', arr('https://nzcp.covid19.health.nz/contexts/v1'))],
        [['vc'], set('@context', text('https://www.w3.org/2018/credentials/v1'))],
        [['vc'], set('version', r.pick([undefined, text('2.0.0'), text('1.0'), text(''), int(1)]))],
        [['vc'], set('credentialSubject', r.pick([undefined, { t: 'array', v: [] }, text('Jack Sparrow')]))],
      ];
      const [path, f] = r.pick(edits);
      return resigned(s, edit(s.claims, path, f));
    },
  },
  {
    name: 'nzcp: subject without its required fields',
    expect: 'fail',
    make: (s, r) => {
      const f = r.pick([
        set('givenName', undefined),
        set('givenName', text('X'.repeat(101))),
        set('givenName', int(1)),
        set('familyName', text('Y'.repeat(101))),
        set('dob', undefined),
        set('dob', text(r.pick(['1960-02-30', '16/04/1960', '1960-04-16T00:00:00Z', '1960', '', '19600416', '2999-01-01']))),
      ]);
      return resigned(s, edit(s.claims, ['vc', 'credentialSubject'], f));
    },
  },
  {
    name: 'nzcp: kid or alg not in the protected header',
    expect: 'fail',
    make: (s, r) => {
      const kid: Entry = [int(4), text(kidText(s))];
      const alg: Entry = [int(1), int(-7)];
      const [p, u] = r.pick<[Entry[], Entry[]]>([
        [[alg], [kid]],
        [[kid], [alg]],
        [[alg], []],
        [[[int(4), int(1)], alg], []],
        [[[int(4), { t: 'array', v: [text(kidText(s))] }], alg], []],
      ]);
      return resigned(s, s.claims, header(p), { unprotected: u });
    },
  },
  { name: 'nzcp: COSE_Sign1 without tag 18', expect: 'fail', make: (s) => resigned(s, s.claims, defaultHeader(s), { untagged: true }) },
  {
    // Allowed by the spec: familyName is optional; unknown claims and VC properties are ignored or shown as unknown.
    name: 'nzcp: allowed variations, re-signed',
    expect: 'any',
    make: (s, r) =>
      resigned(
        s,
        r.pick([
          () => edit(s.claims, ['vc', 'credentialSubject'], set('familyName', undefined)),
          () => edit(s.claims, [], set(r.pick([99, -260, 'nonce']), text('x'))),
          () => edit(s.claims, ['vc'], set('credentialStatus', text('x'))),
          () => edit(s.claims, ['vc', 'credentialSubject'], set('middleName', text('Q'))),
        ])(),
      ),
  },
];

export const specMutators: M[] = SPEC.map(({ name, expect, make }) => ({
  name,
  // The worked example's key is not ours: nothing to re-sign with, so such seeds stay as they are.
  make: async (s, r) => (s.signer ? out(name, s, await make(s, r), expect) : out(name, s, s.text, 'pass')),
}));
