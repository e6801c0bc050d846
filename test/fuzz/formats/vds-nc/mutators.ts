/**
 * Layer-aware damage for VDS-NC seals (JSON text -> data / sig members): the text is re-written
 * (non-canonical forms of the same data must still verify), data is changed with the signature
 * kept or re-signed by the trusted barcode signer, sig gets other algorithms and certificates
 * (another state's signer, a CA, an expired or rogue signer, garbage), and the JSON gets duplicate
 * members, deep nesting, numbers beyond a double and lone surrogates.
 */
import { createHmac } from 'node:crypto';
import { toBase64Url, utf8 } from '../../../../src/core/encoding/bytes.ts';
import { canonicalJson, type JsonObject } from '../../../../src/core/formats/vds-nc/index.ts';
import { sealText, signSealData, type SealSigner } from '../../../../src/issuer/formats/vds-nc/encode.ts';
import type { Expect, FuzzCase, Genuine, Mutator, Rng } from '../../harness.ts';
import { changedValue, deepJson, EXTREME_DATES, HUGE_NUMBERS, nodes, nonCanonical, otherType, setAt, withDuplicate, withRaw, type JsonObj, type JsonValue } from '../../mutators/json.ts';
import type { TextSeed } from '../../mutators/text.ts';

export interface SealSeed extends TextSeed {
  data: JsonObj;
  /** The seal's sig member (a type literal, so it counts as JSON). */
  sig: { alg: string; cer: string; sigvl: string };
  signer: SealSigner;
  /** A trusted CA of the seal's state: certificate and signing key. */
  csca: { der: Uint8Array; signer: SealSigner };
  /** Another trusted state's barcode signer. */
  otherTrusted: SealSigner;
  /** [a state the bundle does not know, a rogue CA's signer naming this state, an expired signer of this state's CSCA]. */
  untrusted: SealSigner[];
  /** Certificates this state's trusted CSCA issued that are unfit to sign seals: a CA, keyUsage without digitalSignature, another EKU. */
  unfit: SealSigner[];
  /** hdr.is of another trusted state. */
  otherState: string;
  credentialJson: string;
  genuine: Genuine;
}

type M = Mutator<SealSeed>;
const out = (mutator: string, s: SealSeed, text: string, expect: Expect, heavy = false): FuzzCase => ({ mutator, text, ctx: s.ctx, expect, ...(heavy ? { heavy } : {}) });
const seal = (data: JsonValue, sig: JsonValue): JsonObj => ({ data, sig });
const json = (data: JsonValue, sig: JsonValue) => JSON.stringify(seal(data, sig));
const signed = async (s: SealSeed, data: JsonObj, signer = s.signer) => sealText(data as JsonObject, await signSealData(data as JsonObject, signer));
const msgLeaves = (s: SealSeed, keep: (v: JsonValue) => boolean = (v) => v === null || typeof v !== 'object') => nodes(s.data, ['msg']).filter((x) => keep(x.node));
const sameData = (s: SealSeed, data: JsonValue) => canonicalJson(data as JsonObject) === canonicalJson(s.data as JsonObject);

export const sealMutators = (): M[] => [
  { name: 'non-canonical JSON (identity)', weight: 2, make: (s, r) => out('non-canonical JSON (identity)', s, nonCanonical(r.chance(0.5) ? seal(s.data, s.sig) : { sig: s.sig, data: s.data }, r, { escapeNames: false }), 'pass') },
  // Japan publishes its seals as the one element of a JSON array: the same seal.
  { name: 'one-element array (identity)', make: (s, r) => out('one-element array (identity)', s, r.chance(0.5) ? JSON.stringify([seal(s.data, s.sig)]) : `[\n  ${json(s.data, s.sig)}\n]`, 'pass') },
  // (escaped member names are the same JSON too, but detect looks for a literal "data": they fail safe, so the oracle judges them)
  { name: 'escaped member names', make: (s, r) => out('escaped member names', s, nonCanonical(seal(s.data, s.sig), r), 'oracle') },
  {
    name: 'sig encoding',
    make: (s, r) => {
      const pad = (b: string) => b + '='.repeat((4 - (b.length % 4)) % 4);
      const [sig, expect] = r.pick<[JsonValue, Expect]>([
        [{ ...s.sig, sigvl: pad(s.sig.sigvl), cer: pad(s.sig.cer) }, 'oracle'], // padded base64url is allowed
        [{ ...s.sig, sigvl: `${s.sig.sigvl}===` }, 'fail'],
        [{ ...s.sig, sigvl: s.sig.sigvl.replace(/-/g, '+').replace(/_/g, '/') }, 'oracle'],
        [{ ...s.sig, sigvl: s.sig.sigvl.slice(0, -1 - r.int(8)) }, 'fail'],
        [{ ...s.sig, sigvl: `${s.sig.sigvl.slice(0, -1)}${r.pick(['A', 'B', 'g', 'w', '_'])}` }, 'oracle'],
        [{ ...s.sig, sigvl: toBase64Url(new Uint8Array(64)) }, 'fail'],
        [{ ...s.sig, sigvl: '' }, 'fail'],
        [{ ...s.sig, sigvl: 7 }, 'fail'],
      ]);
      return out('sig encoding', s, json(s.data, sig), expect);
    },
  },
  {
    name: 'data tampered, signature kept',
    weight: 3,
    make: (s, r) => {
      const t = r.pick([...msgLeaves(s), ...nodes(s.data, ['hdr'])]);
      const data = setAt(s.data, t.path, r.chance(0.8) ? changedValue(t.node, r) : otherType(t.node, r));
      return out('data tampered, signature kept', s, json(data, s.sig), sameData(s, data) ? 'oracle' : 'fail');
    },
  },
  {
    name: 'data changed and re-signed',
    weight: 2,
    make: async (s, r) => {
      const t = r.pick(msgLeaves(s, () => true));
      return out('data changed and re-signed', s, await signed(s, setAt(s.data, t.path, r.chance(0.7) ? changedValue(t.node, r) : otherType(t.node, r))), 'any');
    },
  },
  {
    name: 'extreme dates and numbers, re-signed',
    make: async (s, r) => {
      const strs = msgLeaves(s, (v) => typeof v === 'string');
      const nums = msgLeaves(s, (v) => typeof v === 'number');
      const useNum = nums.length > 0 && r.chance(0.4);
      const t = r.pick(useNum ? nums : strs);
      const v = useNum ? Number(r.pick(HUGE_NUMBERS.filter((n) => Number.isFinite(Number(n))))) : r.pick(EXTREME_DATES);
      return out('extreme dates and numbers, re-signed', s, await signed(s, setAt(s.data, t.path, v)), 'any');
    },
  },
  {
    name: 'header invalid, re-signed',
    weight: 2,
    make: async (s, r) => {
      const [path, v] = r.pick<[string[], JsonValue]>([
        [['hdr', 't'], r.pick(['icao.vax', 'ICAO.TEST', '', 'icao.test ', 1])],
        [['hdr', 'v'], r.pick([2, 0, '1', 1.5, null, -1])],
        [['hdr', 'is'], r.pick([s.otherState, 'uto', 'U1', 'UTOO', '', 'XXA'])], // another trusted state's name, this state's signer
        [['hdr'], r.pick([null, [], 'x'])],
        [['msg'], r.pick([null, [], 'x', 1])],
        [['hdr', 'x'], 'unknown member'], // an unknown member is signed data: allowed content
      ]);
      return out('header invalid, re-signed', s, await signed(s, setAt(s.data, path, v)), path[1] === 'x' ? 'any' : 'fail');
    },
  },
  {
    name: 're-signed by an untrusted key',
    weight: 2,
    make: async (s, r) => {
      const key = r.pick(s.untrusted);
      // A vaccination seal states no signing time: an expired signer's seal may have been made while it was valid (verify checks the last dose date).
      const undated = key === s.untrusted[2] && (s.data.hdr as JsonObj).t === 'icao.vacc';
      const leaves = msgLeaves(s);
      const data = r.chance(0.5) ? setAt(s.data, r.pick(leaves).path, 'forged') : s.data;
      const sig = await signSealData(data as JsonObject, key);
      // Its own certificate, or the trusted signer's (whose key did not make this signature).
      const ownCer = r.chance(0.5);
      return out('re-signed by an untrusted key', s, json(data, ownCer ? { ...sig } : { ...sig, cer: s.sig.cer }), ownCer && undated ? 'any' : 'fail');
    },
  },
  {
    name: 'alg swapped',
    weight: 2,
    make: (s, r) => {
      const alg = r.pick(['none', 'HS256', 'RS256', 'PS256', 'ES384', 'ES512', 'es256', 'ES256K', '', 'ECDSA', null]);
      const input = utf8(canonicalJson(s.data as JsonObject));
      const sigvl = r.pick([
        () => s.sig.sigvl,
        () => '',
        () => toBase64Url(new Uint8Array(createHmac('sha256', s.sig.cer).update(input).digest())),
        () => toBase64Url(r.bytes(r.pick([96, 132, 256]))),
      ])();
      return out('alg swapped', s, json(s.data, { ...s.sig, alg, sigvl }), 'fail');
    },
  },
  {
    name: 'cer swapped',
    weight: 2,
    make: async (s, r) => {
      const cer = (der: Uint8Array) => toBase64Url(der);
      const [sig, expect] = r.pick<[() => Promise<JsonValue>, Expect]>([
        [async () => ({ ...s.sig, cer: cer(s.otherTrusted.certificate) }), 'fail'], // another trusted state's signer
        [async () => ({ ...s.sig, cer: cer(s.csca.der) }), 'fail'], // the CA's certificate, the signer's signature
        [async () => signSealData(s.data as JsonObject, s.csca.signer), 'fail'], // signed by the CA itself
        [async () => ({ ...(await signSealData(s.data as JsonObject, s.otherTrusted)), cer: s.sig.cer }), 'fail'],
        [async () => ({ ...s.sig, cer: cer(r.bytes(1 + r.int(400))) }), 'fail'],
        [async () => ({ ...s.sig, cer: cer(s.signer.certificate.subarray(0, r.int(s.signer.certificate.length))) }), 'fail'],
        [async () => ({ ...s.sig, cer: cer(flipOne(s.signer.certificate, r)) }), 'fail'],
        [async () => ({ ...s.sig, cer: r.pick(['', 'not base64!', 'A', '====']) }), 'fail'],
        [async () => ({ ...s.sig, cer: [s.sig.cer] }), 'fail'],
        [async () => ({ alg: s.sig.alg, sigvl: s.sig.sigvl }), 'fail'],
      ]);
      return out('cer swapped', s, json(s.data, await sig()), expect);
    },
  },
  {
    // Issued by the trusted CSCA but not a barcode signer (issue 17, item 6): never a PASS.
    name: 'signed by an unfit certificate of the trusted CSCA',
    make: async (s, r) => {
      const key = r.pick(s.unfit);
      const data = r.chance(0.5) ? s.data : setAt(s.data, r.pick(msgLeaves(s)).path, 'forged');
      return out('signed by an unfit certificate of the trusted CSCA', s, json(data, { ...(await signSealData(data as JsonObject, key)) }), 'fail');
    },
  },
  { name: 'duplicate JSON member', weight: 2, make: (s, r) => out('duplicate JSON member', s, withDuplicate(seal(s.data, s.sig), r), 'fail') },
  {
    name: 'deep nesting',
    make: (s, r) => {
      const depth = r.pick([13, 64, 600, 2_000]);
      const t = r.pick(nodes(seal(s.data, s.sig)));
      return out('deep nesting', s, withRaw(seal(s.data, s.sig), t.path, deepJson(depth)), 'fail');
    },
  },
  {
    name: 'raw numbers and strings',
    weight: 2,
    make: (s, r) => {
      const all = nodes(seal(s.data, s.sig)).filter((x) => x.node === null || typeof x.node !== 'object');
      const t = r.pick(all);
      const raw = r.pick([
        () => r.pick(HUGE_NUMBERS.filter((n) => !Number.isFinite(Number(n)))),
        () => `"a${r.pick(['\\ud800', '\\udfff', '\\ud83d'])}b"`,
        () => r.pick(['01', '1.', '.5', '+1', '0x10', 'NaN', 'Infinity', '-', '1e', 'tru', 'nul', "'x'", '"\\x41"', '"\u0001"']),
      ])();
      return out('raw numbers and strings', s, withRaw(seal(s.data, s.sig), t.path, raw), 'fail');
    },
  },
  {
    name: 'seal structure',
    weight: 2,
    make: (s, r) => {
      const t = r.pick([
        () => JSON.stringify({ ...seal(s.data, s.sig), extra: r.pick([1, 'x', {}]) }),
        () => JSON.stringify({ data: s.data }),
        () => JSON.stringify({ sig: s.sig, note: '"data"' }),
        () => JSON.stringify([seal(s.data, s.sig), seal(s.data, s.sig)]),
        () => JSON.stringify([[seal(s.data, s.sig)]]),
        () => JSON.stringify({ data: [s.data], sig: s.sig }),
        () => JSON.stringify({ data: s.data, sig: [s.sig] }),
        () => JSON.stringify({ data: { hdr: s.data.hdr }, sig: s.sig }),
        () => json(s.data, s.sig) + r.pick(['x', '{}', ',', '\u0000']),
        () => `${json(s.data, s.sig)}${json(s.data, s.sig)}`,
        () => `\u00a0${json(s.data, s.sig)}`,
      ])();
      return out('seal structure', s, t, 'fail');
    },
  },
];

function flipOne(b: Uint8Array, r: Rng): Uint8Array {
  const c = b.slice();
  c[r.int(c.length)]! ^= 1 << r.int(8);
  return c;
}
