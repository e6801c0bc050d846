/**
 * Layer-aware damage for SMART Health Cards (shc:/ digits -> JWS compact -> header JSON / raw
 * DEFLATE payload -> JSON claims -> FHIR bundle): every layer is rebuilt with changed content,
 * signatures are kept, dropped or remade by untrusted keys, headers get other algorithms and other
 * trusted keys' kids, and malformed claims are re-signed by the trusted key itself, so only the
 * parsers stand between them and a PASS.
 */
import { createHmac } from 'node:crypto';
import { deflateRawSync, deflateSync as zlibSync, gzipSync } from 'node:zlib';
import { deflateSync } from 'fflate';
import { sign } from '../../../../src/core/crypto/verify-signature.ts';
import { bytesEqual, concatBytes, fromBase64Url, toBase64Url, utf8 } from '../../../../src/core/encoding/bytes.ts';
import type { ShcSigningKey } from '../../../../src/issuer/formats/shc/encode.ts';
import { textToNumeric } from '../../../../src/core/formats/shc/numeric.ts';
import type { Expect, FuzzCase, Genuine, Mutator, Rng } from '../../harness.ts';
import { changedValue, deepJson, EXTREME_DATES, getAt, HUGE_NUMBERS, isObj, nodes, nonCanonical, otherType, setAt, withDuplicate, withRaw, type JPath, type JsonObj, type JsonValue } from '../../mutators/json.ts';
import type { TextSeed } from '../../mutators/text.ts';

export interface ShcSeed extends TextSeed {
  jws: string;
  h64: string;
  p64: string;
  s64: string;
  header: JsonObj;
  /** The decoded JWT claims (a JSON object). */
  claims: JsonObj;
  signer: ShcSigningKey;
  /** Other keys the bundle trusts (one of the same issuer, one of another). */
  otherTrusted: ShcSigningKey[];
  untrusted: ShcSigningKey[];
  /** Another trusted issuer's iss URL. */
  otherIss: string;
  credentialJson: string;
  genuine: Genuine;
}

const PREFIX = 'shc:/';
const FHIR: JPath = ['vc', 'credentialSubject', 'fhirBundle'];

// ---- layer helpers ----

const b64 = (s: string) => toBase64Url(utf8(s));
const digits = (jws: string) => PREFIX + textToNumeric(jws);
const deflate = (json: string, level: 0 | 1 | 6 | 9 = 9) => deflateSync(utf8(json), { level });

/** A JWS over raw header text and payload bytes, ES256-signed by `key`; its signed bytes are returned too. */
async function jwsOf(headerText: string, payload: Uint8Array, key: ShcSigningKey): Promise<{ jws: string; signedBytes: Uint8Array }> {
  const signedBytes = utf8(`${b64(headerText)}.${toBase64Url(payload)}`);
  const sig = await sign('ES256', key.privateJwk, signedBytes);
  return { jws: `${b64(headerText)}.${toBase64Url(payload)}.${toBase64Url(sig)}`, signedBytes };
}

const stdHeader = (kid: string, extra: JsonObj = {}) => JSON.stringify({ zip: 'DEF', alg: 'ES256', kid, ...extra });

/** Claims text, deflated and signed by the seed's trusted key with its own header. */
async function resigned(s: ShcSeed, json: string | Uint8Array, genuine = false): Promise<string> {
  const payload = typeof json === 'string' ? deflate(json) : json;
  const r = await jwsOf(stdHeader(s.signer.kid), payload, s.signer);
  if (genuine) s.genuine.add(r.signedBytes, s.credentialJson);
  return digits(r.jws);
}

function flip(bytes: Uint8Array, r: Rng, count = 1 + r.int(3)): Uint8Array {
  const out = bytes.slice();
  for (let k = 0; k < count; k++) out[r.int(out.length)]! ^= 1 << r.int(8);
  return out;
}

const fhirNodes = (s: ShcSeed, keep: (v: JsonValue) => boolean = () => true) => nodes(s.claims, FHIR).filter((x) => keep(x.node));
const isLeaf = (v: JsonValue) => v === null || typeof v !== 'object';
const INVALID_UTF8 = [[0xff], [0xc0, 0x80], [0x80], [0xe4, 0xb8], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]];

let bomb: { fit: Uint8Array; huge: Uint8Array } | undefined;
/** Raw DEFLATE of zeros: one that fits the input limit as digits (~3 MB inflated), and one of 100 MiB. */
export function deflateBombs() {
  return (bomb ??= { fit: new Uint8Array(deflateRawSync(Buffer.alloc(2_900_000), { level: 9 })), huge: new Uint8Array(deflateRawSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 })) });
}

/** Signed bomb codes per seed: signing 270 KB of digits on every run would dominate the run time. */
const bombTexts = new WeakMap<ShcSeed, { fit: string; huge: string }>();

// ---- the mutators ----

type M = Mutator<ShcSeed>;
const out = (mutator: string, s: ShcSeed, text: string, expect: Expect, heavy = false): FuzzCase => ({ mutator, text, ctx: s.ctx, expect, ...(heavy ? { heavy } : {}) });

const PART_PREFIXES: [string, Expect][] = [
  ['shc:/1/1/', 'oracle'], // a 1-of-1 part is the whole code
  ['shc:/1/2/', 'fail'],
  ['shc:/2/2/', 'fail'],
  ['shc:/0/1/', 'fail'],
  ['shc:/2/1/', 'fail'],
  ['shc:/1/11/', 'fail'],
  ['shc:/1/999/', 'fail'],
  ['shc:/1//', 'fail'],
  ['shc:/01/01/', 'oracle'],
  ['shc://', 'fail'],
  ['shc:/a/1/', 'fail'],
  ['SHC:/', 'fail'],
  ['shc:', 'fail'],
  ['shc/', 'fail'],
  ['shc:/ ', 'fail'],
  ['shc:\\', 'fail'],
  ['', 'fail'],
];

export const jwsMutators = (): M[] => [
  // numeric layer
  {
    name: 'digit substitution',
    weight: 2,
    make: (s, r) => {
      const d = [...s.text.slice(PREFIX.length)];
      for (let k = 1 + r.int(2); k > 0; k--) d[r.int(d.length)] = String(r.int(10));
      const t = PREFIX + d.join('');
      return out('digit substitution', s, t, 'oracle');
    },
  },
  {
    name: 'odd digits / pair above 77',
    make: (s, r) => {
      const d = s.text.slice(PREFIX.length);
      const i = 2 * r.int(d.length / 2);
      const t = r.pick([
        () => d + String(r.int(10)),
        () => d.slice(0, -1),
        () => d.slice(0, i) + d.slice(i + 1),
        () => d.slice(0, i) + String(78 + r.int(22)) + d.slice(i + 2),
        () => d.slice(0, i) + r.pick(['-', 'A', ' ', '０', '.']) + d.slice(i + 1),
      ])();
      return out('odd digits / pair above 77', s, PREFIX + t, 'fail');
    },
  },
  {
    name: 'part prefix',
    make: (s, r) => {
      const [p, expect] = r.pick(PART_PREFIXES);
      return out('part prefix', s, p + s.text.slice(PREFIX.length), expect);
    },
  },
  // JWS compact layer
  {
    name: 'JWS segments damaged',
    weight: 2,
    make: (s, r) => {
      const seg = [s.h64, s.p64, s.s64];
      const t = r.pick([
        () => seg.join('.') + '.',
        () => seg.slice(0, 2).join('.'),
        () => `${s.h64}.${s.p64}.`,
        () => `${s.h64}..${s.s64}`,
        () => seg.join('..'),
        () => `${s.h64}.${s.p64}.${s.s64}${r.pick(['=', '==', 'A', 'AA', 'AAA'])}`,
        () => `${s.h64}${r.pick(['=', 'A'])}.${s.p64}.${s.s64}`,
        () => `${s.h64}.${s.p64.slice(0, -1 - r.int(4))}.${s.s64}`,
        () => `${s.p64}.${s.h64}.${s.s64}`,
        // the last character of a segment carries spare bits: a changed one may decode to the same signature
        () => `${s.h64}.${s.p64}.${s.s64.slice(0, -1)}${r.pick(['A', 'B', 'C', 'Q', 'g', 'w', '-', '_'])}`,
      ])();
      return out('JWS segments damaged', s, digits(t), 'oracle');
    },
  },
  { name: 'recompressed (identity)', make: async (s, r) => out('recompressed (identity)', s, await resigned(s, deflate(JSON.stringify(s.claims), r.pick([0, 1, 6, 9] as const)), true), 'pass') },
  {
    name: 'non-canonical claims JSON (identity)',
    make: async (s, r) => out('non-canonical claims JSON (identity)', s, await resigned(s, nonCanonical(s.claims, r), true), 'pass'),
  },
  {
    name: 'signature damaged',
    make: (s, r) => {
      const sig = fromBase64Url(s.s64);
      const bad = r.pick([() => flip(sig, r), () => sig.subarray(0, r.int(sig.length)), () => new Uint8Array(64), () => concatBytes(sig, r.bytes(1 + r.int(8))), () => new Uint8Array(0), () => derOf(sig)])();
      return out('signature damaged', s, digits(`${s.h64}.${s.p64}.${toBase64Url(bad)}`), bytesEqual(bad, sig) ? 'oracle' : 'fail');
    },
  },
  // header JSON, signed by the trusted key
  {
    name: 'alg swapped',
    weight: 2,
    make: async (s, r) => {
      const alg = r.pick(['none', 'HS256', 'RS256', 'PS256', 'ES384', 'ES512', 'es256', 'ES256K', 'EdDSA', '', null, 256]) as JsonValue;
      const h = JSON.stringify({ zip: 'DEF', alg, kid: s.signer.kid });
      const input = `${b64(h)}.${s.p64}`;
      const sig = r.pick([
        async () => sign('ES256', s.signer.privateJwk, utf8(input)), // the trusted key's own signature under a lying header
        async () => new Uint8Array(0),
        async () => new Uint8Array(createHmac('sha256', JSON.stringify({ x: s.signer.privateJwk.x, y: s.signer.privateJwk.y })).update(input).digest()),
        async () => r.bytes(r.pick([96, 132, 256])),
      ])();
      return out('alg swapped', s, digits(`${input}.${toBase64Url(await sig)}`), 'fail');
    },
  },
  {
    name: 'kid swapped to another trusted key',
    weight: 2,
    make: async (s, r) => {
      const other = r.pick(s.otherTrusted);
      const h = stdHeader(other.kid);
      const sig = await sign('ES256', s.signer.privateJwk, utf8(`${b64(h)}.${s.p64}`));
      return out('kid swapped to another trusted key', s, digits(`${b64(h)}.${s.p64}.${toBase64Url(sig)}`), 'fail');
    },
  },
  {
    name: 'header members',
    weight: 2,
    make: async (s, r) => {
      const k = s.signer.kid;
      const [h, expect] = r.pick<[string, Expect]>([
        [JSON.stringify({ alg: 'ES256', kid: k }), 'fail'],
        [JSON.stringify({ zip: 'GZIP', alg: 'ES256', kid: k }), 'fail'],
        [JSON.stringify({ zip: 'def', alg: 'ES256', kid: k }), 'fail'],
        [JSON.stringify({ zip: 'DEF', alg: 'ES256' }), 'fail'],
        [JSON.stringify({ zip: 'DEF', alg: 'ES256', kid: k.slice(1) }), 'fail'],
        [JSON.stringify({ zip: 'DEF', alg: 'ES256', kid: [k] }), 'fail'],
        [stdHeader(k, { crit: ['exp'] }), 'fail'],
        [stdHeader(k, { b64: false }), 'fail'],
        [stdHeader(k, { jku: 'https://evil.invalid/jwks.json' }), 'fail'],
        [stdHeader(k, { x5c: ['MIIB'] }), 'fail'],
        [stdHeader(k, { jwk: { kty: 'EC' } }), 'fail'],
        [`{"zip":"DEF","alg":"none","alg":"ES256","kid":${JSON.stringify(k)}}`, 'fail'],
        [`{"zip":"DEF","alg":"ES256","kid":${JSON.stringify(r.pick(s.otherTrusted).kid)},"kid":${JSON.stringify(k)}}`, 'fail'],
        [`{"zip":"DEF","alg":"ES256","kid":${JSON.stringify(k)},"zip":"DEF"}`, 'fail'],
        ['[]', 'fail'],
        ['"ES256"', 'fail'],
        [`{"zip":"DEF","alg":"ES256","kid":${JSON.stringify(k)}`, 'fail'],
        [stdHeader(k, { typ: 'JWT' }), 'any'],
        [nonCanonical(JSON.parse(stdHeader(k)) as JsonValue, r), 'any'],
      ]);
      const bytes = r.chance(0.2) ? concatBytes(utf8(h), Uint8Array.from(r.pick(INVALID_UTF8))) : utf8(h);
      const input = `${toBase64Url(bytes)}.${s.p64}`;
      const sig = await sign('ES256', s.signer.privateJwk, utf8(input));
      return out('header members', s, digits(`${input}.${toBase64Url(sig)}`), bytes.length === utf8(h).length ? expect : 'fail');
    },
  },
  {
    name: 're-signed by an untrusted key',
    weight: 2,
    make: async (s, r) => {
      const key = r.pick(s.untrusted);
      const targets = fhirNodes(s, isLeaf);
      const json = r.chance(0.5) ? JSON.stringify(setAt(s.claims, r.pick(targets).path, 'forged')) : JSON.stringify(s.claims);
      // Either its own kid, or impersonating the seed's trusted key.
      const kid = r.chance(0.5) ? s.signer.kid : key.kid;
      return out('re-signed by an untrusted key', s, digits((await jwsOf(stdHeader(kid), deflate(json), key)).jws), 'fail');
    },
  },
  // DEFLATE layer
  {
    name: 'payload bytes tampered, signature kept',
    weight: 2,
    make: (s, r) => {
      const p = fromBase64Url(s.p64);
      const bad = r.pick([() => flip(p, r), () => p.subarray(0, r.int(p.length)), () => concatBytes(p, r.bytes(1 + r.int(8))), () => deflate(JSON.stringify(setAt(s.claims, r.pick(fhirNodes(s, isLeaf)).path, 'tampered')))])();
      return out('payload bytes tampered, signature kept', s, digits(`${s.h64}.${toBase64Url(bad)}.${s.s64}`), bytesEqual(bad, p) ? 'oracle' : 'fail');
    },
  },
  {
    name: 'compression damaged, re-signed',
    weight: 2,
    make: async (s, r) => {
      const json = JSON.stringify(s.claims);
      const raw = deflate(json);
      const [payload, expect] = r.pick<[() => Uint8Array, Expect]>([
        [() => deflate(`\ufeff${json}`), 'any'], // RFC 8259 §8.1: a parser may ignore a byte order mark
        [() => utf8(json), 'fail'], // zip DEF but not compressed
        [() => deflateSync(utf8(json), { level: 0 }).subarray(0, 3 + r.int(20)), 'fail'],
        [() => raw.subarray(0, r.int(raw.length)), 'fail'],
        [() => new Uint8Array(zlibSync(Buffer.from(json))), 'fail'], // zlib-wrapped, not raw
        [() => new Uint8Array(gzipSync(Buffer.from(json))), 'fail'],
        [() => flip(raw, r), 'any'],
        [() => concatBytes(raw, r.bytes(1 + r.int(8))), 'any'], // junk after the final block
        [() => new Uint8Array(0), 'fail'],
      ]);
      return out('compression damaged, re-signed', s, await resigned(s, payload()), expect);
    },
  },
  {
    name: 'DEFLATE bomb',
    make: async (s, r) => {
      const huge = r.chance(0.3);
      let texts = bombTexts.get(s);
      if (!texts) {
        const b = deflateBombs();
        bombTexts.set(s, (texts = { fit: await resigned(s, b.fit), huge: await resigned(s, b.huge) }));
      }
      // Signed by the trusted key: only the inflate bound stops it (the 100 MiB one is too long for a QR code as digits).
      return out(huge ? 'DEFLATE bomb (100 MB)' : 'DEFLATE bomb', s, huge ? texts.huge : texts.fit, 'fail', true);
    },
  },
  // claims JSON, signed by the trusted key
  { name: 'duplicate JSON member', make: async (s, r) => out('duplicate JSON member', s, await resigned(s, withDuplicate(s.claims, r)), 'fail') },
  {
    name: 'deep nesting',
    make: async (s, r) => {
      const depth = r.pick([64, 600, 5_000, 30_000]);
      const t = r.pick([{ path: [] as JPath }, ...nodes(s.claims)]);
      const json = t.path.length ? withRaw(s.claims, t.path, deepJson(depth)) : `{"x":${deepJson(depth)},${JSON.stringify(s.claims).slice(1)}`;
      return out('deep nesting', s, await resigned(s, json), 'fail', depth >= 30_000);
    },
  },
  {
    name: 'huge numbers and times',
    weight: 2,
    make: async (s, r) => {
      const time = r.chance(0.5);
      const nums = fhirNodes(s, (v) => typeof v === 'number');
      const path = time || !nums.length ? [r.pick(['nbf', 'exp'])] : r.pick(nums).path;
      const raw = r.pick(time ? [...HUGE_NUMBERS, '"2025-06-01"', 'null', '1e3'] : HUGE_NUMBERS);
      // Times outside 2000..2200 must fail; other numbers are content the checks judge.
      return out('huge numbers and times', s, await resigned(s, withRaw(s.claims, path, raw)), time ? 'fail' : 'any');
    },
  },
  {
    name: 'extreme date strings',
    make: async (s, r) => {
      const texts = fhirNodes(s, (v) => typeof v === 'string');
      return out('extreme date strings', s, await resigned(s, JSON.stringify(setAt(s.claims, r.pick(texts).path, r.pick(EXTREME_DATES)))), 'any');
    },
  },
  {
    name: 'invalid UTF-8',
    weight: 2,
    make: async (s, r) => {
      const texts = nodes(s.claims).filter((x) => typeof x.node === 'string');
      const { path, node } = r.pick(texts);
      const marker = '\u0002utf8\u0002';
      const str = node as string;
      const cut = r.int(str.length + 1);
      const json = utf8(JSON.stringify(setAt(s.claims, path, str.slice(0, cut) + marker + str.slice(cut))));
      const m = utf8(JSON.stringify(marker).slice(1, -1));
      const at = indexOf(json, m);
      const bytes = concatBytes(json.subarray(0, at), Uint8Array.from(r.pick(INVALID_UTF8)), json.subarray(at + m.length));
      return out('invalid UTF-8', s, await resigned(s, deflate0(bytes)), 'fail');
    },
  },
  {
    name: 'lone surrogate escape',
    make: async (s, r) => {
      const texts = nodes(s.claims).filter((x) => typeof x.node === 'string');
      return out('lone surrogate escape', s, await resigned(s, withRaw(s.claims, r.pick(texts).path, `"a${r.pick(['\\ud800', '\\udfff', '\\ud83d'])}b"`)), 'fail');
    },
  },
  {
    name: 'field type swapped',
    make: async (s, r) => {
      const t = r.pick(nodes(s.claims));
      return out('field type swapped', s, await resigned(s, JSON.stringify(setAt(s.claims, t.path, otherType(t.node, r)))), t.path.length <= 3 ? 'fail' : 'any');
    },
  },
  {
    name: 'content changed and re-signed',
    make: async (s, r) => {
      const t = r.pick(fhirNodes(s, isLeaf));
      return out('content changed and re-signed', s, await resigned(s, JSON.stringify(setAt(s.claims, t.path, changedValue(t.node, r)))), 'any');
    },
  },
  {
    name: 'claims invalid, re-signed',
    make: async (s, r) => {
      const c = s.claims;
      const now = s.ctx.now.getTime() / 1000;
      const bad: (() => string)[] = [
        () => JSON.stringify(setAt(c, ['iss'], s.otherIss)), // another trusted issuer's name, our key
        () => JSON.stringify(setAt(c, ['iss'], `${c.iss as string}/`)),
        () => JSON.stringify(setAt(c, ['iss'], (c.iss as string).replace('https:', 'http:'))),
        () => JSON.stringify(setAt(c, ['iss'], (c.iss as string).toUpperCase())),
        () => JSON.stringify(setAt(c, ['nbf'], now + 3600 * (1 + r.int(1000)))),
        () => JSON.stringify(setAt(c, ['exp'], now - 1 - r.int(10_000))),
        () => JSON.stringify(setAt(c, ['exp'], c.nbf as number)),
        () => JSON.stringify(setAt(c, ['nbf'], (c.nbf as number) * 1000)),
        () => JSON.stringify(setAt(c, ['vc', 'type'], ['VerifiableCredential'])),
        () => JSON.stringify(setAt(c, ['vc', 'type'], 'https://smarthealth.cards#health-card')),
        () => JSON.stringify(setAt(c, ['vc', 'credentialSubject', 'fhirVersion'], r.pick(['3.0.1', '5.0.0', '4', '']))),
        () => JSON.stringify(setAt(c, [...FHIR, 'resourceType'], r.pick(['Patient', 'bundle', '']))),
        () => JSON.stringify(setAt(c, ['vc', 'rid'], r.pick(['', 'x'.repeat(25), 'a b', 'a/b+c=']))),
        () => JSON.stringify(r.pick([[c], 1, 'x', null, true, []])),
        () => JSON.stringify(c).slice(0, r.int(JSON.stringify(c).length)),
        () => `${JSON.stringify(c)}${r.pick(['x', '{}', ',', ' 1'])}`,
        () => '',
      ];
      return out('claims invalid, re-signed', s, await resigned(s, r.pick(bad)()), 'fail');
    },
  },
  {
    name: 'FHIR entries changed, re-signed',
    make: async (s, r) => {
      const entries = getAt(s.claims, [...FHIR, 'entry']) as JsonValue[];
      const [next, expect] = r.pick<[() => JsonValue, Expect]>([
        // no holder: the spec's own lab example (example-02) has no Patient, so this is content policy judges
        [() => entries.filter((e) => !(isObj(e) && isObj(e.resource) && e.resource.resourceType === 'Patient')), 'any'],
        [() => [...entries, entries[0]!], 'fail'], // two Patients
        [() => [], 'fail'],
        [() => Array.from({ length: 300 }, () => entries[1]!), 'fail'],
        [() => entries.map((e) => (isObj(e) ? { ...e, resource: r.chance(0.5) ? null : [] } : e)), 'fail'],
        [() => [...entries].reverse(), 'any'],
        [() => entries.slice(0, 1), 'any'],
      ]);
      return out('FHIR entries changed, re-signed', s, await resigned(s, JSON.stringify(setAt(s.claims, [...FHIR, 'entry'], next()))), expect);
    },
  },
];

const deflate0 = (bytes: Uint8Array) => deflateSync(bytes, { level: 6 });

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** r||s as a DER SEQUENCE (what a JOSE library must not emit). */
function derOf(sig: Uint8Array): Uint8Array {
  const int = (b: Uint8Array) => {
    let x = b;
    while (x.length > 1 && x[0] === 0 && x[1]! < 0x80) x = x.subarray(1);
    if (x[0]! >= 0x80) x = concatBytes(Uint8Array.of(0), x);
    return concatBytes(Uint8Array.of(0x02, x.length), x);
  };
  const body = concatBytes(int(sig.subarray(0, 32)), int(sig.subarray(32)));
  return concatBytes(Uint8Array.of(0x30, body.length), body);
}
