/**
 * cn-hc v1.1: live presentations of device-bound codes join the mutation fuzzer. Every seed has a
 * bound twin (same content, a device of its own, presented at NOW). Each mutated presentation is
 * judged by an oracle that shares nothing with the gate's presentation code: it PASSes legitimately
 * only when its code bytes hold content a trusted key signed for a bound code, and the device that
 * code names signed [ "CNHP1", slot, SHA-256(code bytes) ] for a slot within ±60 s of the gate's
 * clock. Anything else is `expect: 'fail'`: a PASS of it is a violation.
 */
import { createHash } from 'node:crypto';
import { decodeBase45, encodeBase45 } from '../../../../src/core/encoding/base45.ts';
import { toHex } from '../../../../src/core/encoding/bytes.ts';
import { decodeCbor, encodeCbor } from '../../../../src/core/encoding/cbor.ts';
import { encodeCoseSign1 } from '../../../../src/core/encoding/cose-sign1.ts';
import { deflateZlib } from '../../../../src/core/encoding/zlib.ts';
import { CLAIM_CNF, PREFIX, PRESENTATION_PREFIX } from '../../../../src/core/formats/cn-hc/constants.ts';
import { cnHealthCode } from '../../../../src/core/formats/cn-hc/index.ts';
import type { VerifyContext } from '../../../../src/core/pipeline/run.ts';
import { encodeCnCode, encodeLayers, type CnCodeInput, type SigningKey } from '../../../../src/issuer/formats/cn-hc/encode.ts';
import { present, presentationText, slotOf } from '../../../../src/holder/present.ts';
import { newDevice, type Device } from '../../../support/cn-hc-bound.ts';
import type { Expect, FuzzCase, Mutator, Rng } from '../../harness.ts';
import type { CoseSeed } from '../../mutators/cose.ts';
import { textMutators, type TextSeed } from '../../mutators/text.ts';

/** The oracle's window: the default policy's (the fuzz contexts name no policy). */
const WINDOW_MS = 60_000;

export interface BoundTwin {
  device: Device;
  /** The bound code, bare, and the base45-decoded bytes it carries. */
  code: string;
  codeBytes: Uint8Array;
  /** Its presentation made at the seed's NOW. */
  presentation: string;
  input: CnCodeInput;
}

/** Seeds carry their bound twin; the twins of all seeds, for swaps. */
export type CnSeed = CoseSeed & { bound: BoundTwin; twins: BoundTwin[] };

/** Issuer-signed content of bound codes (hex of the Sig_structure) -> the public key of the device it names. */
const boundContent = new Map<string, CryptoKey>();

export async function boundTwin(input: CnCodeInput, signer: SigningKey, now: Date): Promise<BoundTwin> {
  const device = await newDevice();
  const code = (await encodeCnCode({ ...input, deviceKey: device.publicJwk }, signer)).text;
  const d = cnHealthCode.decode(code);
  const b = decodeBase45(code.slice(PREFIX.length));
  if (!d.ok || !b.ok) throw new Error('bound twin does not decode');
  const pub = await crypto.subtle.importKey('jwk', device.publicJwk as JsonWebKey, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  boundContent.set(toHex(d.value.signedBytes), pub);
  return { device, code, codeBytes: b.value, presentation: await shown(code, device.privateKey, now), input };
}

async function shown(code: string, key: CryptoKey, at: Date): Promise<string> {
  const p = await present(code, key, at);
  if (!p.ok) throw new Error(p.reason.code);
  return p.value;
}

/** The oracle: may this text PASS at `now`? Lenient parsing, strict cryptography. */
export async function legitPresentation(text: string, now: Date): Promise<boolean> {
  const t = text.replace(/^[\r\n\t\uFEFF]+|[\r\n\t]+$/g, '');
  if (!t.startsWith(PRESENTATION_PREFIX)) return false;
  const b = decodeBase45(t.slice(PRESENTATION_PREFIX.length));
  const v = b.ok ? decodeCbor(b.value) : undefined;
  if (!v?.ok || !Array.isArray(v.value) || v.value.length !== 3) return false;
  const [codeBytes, slot, signature] = v.value as unknown[];
  if (!(codeBytes instanceof Uint8Array) || typeof slot !== 'number' || !(signature instanceof Uint8Array)) return false;
  const code = cnHealthCode.decode(PREFIX + encodeBase45(codeBytes));
  const device = code.ok ? boundContent.get(toHex(code.value.signedBytes)) : undefined;
  if (!device || Math.abs(now.getTime() - slot * 10_000) > WINDOW_MS) return false;
  const tbs = encodeCbor(['CNHP1', slot, createHash('sha256').update(codeBytes).digest()]);
  return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, device, signature as BufferSource, tbs as BufferSource);
}

/** A case the oracle judges: `fail` unless it may PASS, then `any` (or `pass` when it must). */
async function judged(mutator: string, text: string, ctx: VerifyContext, mustPass = false): Promise<FuzzCase> {
  const ok = await legitPresentation(text, ctx.now);
  const expect: Expect = ok ? (mustPass ? 'pass' : 'any') : 'fail';
  return { mutator, text, ctx, expect };
}

const parts = (s: CnSeed): [Uint8Array, number, Uint8Array] => {
  const b = decodeBase45(s.bound.presentation.slice(PRESENTATION_PREFIX.length));
  const v = b.ok ? decodeCbor(b.value) : undefined;
  if (!v?.ok) throw new Error('seed presentation');
  return v.value as [Uint8Array, number, Uint8Array];
};
const offset = (r: Rng, maxS: number) => (r.int(2 * maxS + 1) - maxS) * 1000 + (r.chance(0.3) ? r.int(1000) : 0);
const later = (d: Date, ms: number) => new Date(d.getTime() + ms);
function flip(bytes: Uint8Array, r: Rng): Uint8Array {
  const out = bytes.slice();
  for (let k = 1 + r.int(3); k > 0; k--) out[r.int(out.length)]! ^= 1 << r.int(8);
  return out;
}

/** `cnf` values no reader may take: each re-signed by the trusted issuer, so only the claims reader stands in the way. */
const xy = new Uint8Array(32).fill(9);
const BAD_CNF: unknown[] = [
  xy,
  new Map(),
  new Map([[1, xy]]),
  new Map([[2, new Map<number, unknown>([[1, 2], [-1, 1], [-2, xy], [-3, xy]])]]),
  new Map([[1, new Map<number, unknown>([[1, 2], [-1, 1], [-2, xy]])]]),
  new Map([[1, new Map<number, unknown>([[1, 2], [-1, 2], [-2, xy], [-3, xy]])]]),
  new Map([[1, new Map<number, unknown>([[1, 1], [-1, 1], [-2, xy], [-3, xy]])]]),
  new Map([[1, new Map<number, unknown>([[1, 2], [-1, 1], [-2, xy.subarray(1)], [-3, xy]])]]),
  new Map([[1, new Map<number, unknown>([[1, 2], [-1, 1], [-2, xy], [-3, true]])]]),
  new Map([[1, new Map<number, unknown>([[1, 2], [-1, 1], [-2, xy], [-3, xy], [-4, xy]])]]),
];

/** The twin's claims with `cnf` replaced, signed by `key`, then presented by `device`. */
async function recnf(s: CnSeed, cnf: unknown, key: SigningKey, device: Device): Promise<string> {
  const claims = decodeCbor((await encodeCnCode(s.bound.input, key)).claims);
  if (!claims.ok || !(claims.value instanceof Map)) throw new Error('claims');
  claims.value.set(CLAIM_CNF, cnf);
  const code = (await encodeLayers(encodeCbor(claims.value), key)).text;
  return shown(code, device.privateKey, s.ctx.now);
}

/** The generic text damage, aimed at the presentation and judged by the oracle. */
const onPresentation: Mutator<CnSeed>[] = textMutators<TextSeed>().map((m) => ({
  name: `cn-hc/p: ${m.name}`,
  weight: 1,
  make: async (s, r) => {
    const c = await m.make({ text: s.bound.presentation, prefix: PRESENTATION_PREFIX, ctx: s.ctx }, r);
    return judged(`cn-hc/p: ${m.name}`, c.text, c.ctx);
  },
}));

export const presentationMutators: Mutator<CnSeed>[] = [
  { name: 'cn-hc/p: live (identity)', make: (s) => judged('cn-hc/p: live (identity)', s.bound.presentation, s.ctx, true) },
  { name: 'cn-hc/p: gate clock moved', weight: 2, make: (s, r) => judged('cn-hc/p: gate clock moved', s.bound.presentation, { ...s.ctx, now: later(s.ctx.now, offset(r, 240)) }) },
  {
    name: 'cn-hc/p: made at another time',
    weight: 2,
    make: async (s, r) => judged('cn-hc/p: made at another time', await shown(s.bound.code, s.bound.device.privateKey, later(s.ctx.now, offset(r, 240))), s.ctx),
  },
  { name: 'cn-hc/p: bound code bare', make: (s) => ({ mutator: 'cn-hc/p: bound code bare', text: s.bound.code, ctx: s.ctx, expect: 'fail' }) },
  {
    name: 'cn-hc/p: another device signs',
    make: async (s, r) => judged('cn-hc/p: another device signs', await shown(s.bound.code, r.pick(s.twins.filter((t) => t !== s.bound)).device.privateKey, s.ctx.now), s.ctx),
  },
  { name: 'cn-hc/p: unbound code presented', make: async (s) => judged('cn-hc/p: unbound code presented', await shown(s.text, s.bound.device.privateKey, s.ctx.now), s.ctx) },
  {
    name: 'cn-hc/p: code bytes swapped',
    make: (s, r) => {
      const [, slot, sig] = parts(s);
      const other = r.pick(s.twins.filter((t) => t !== s.bound));
      return judged('cn-hc/p: code bytes swapped', presentationText(r.chance(0.8) ? other.codeBytes : (parts({ ...s, bound: other })[0]), slot, sig), s.ctx);
    },
  },
  {
    name: 'cn-hc/p: slot moved, signature kept',
    make: (s, r) => {
      const [bytes, slot, sig] = parts(s);
      return judged('cn-hc/p: slot moved, signature kept', presentationText(bytes, slot + r.pick([-7, -1, 1, 2, 6, 1000]), sig), s.ctx);
    },
  },
  {
    name: 'cn-hc/p: presentation bytes damaged',
    weight: 2,
    make: (s, r) => {
      const b = decodeBase45(s.bound.presentation.slice(PRESENTATION_PREFIX.length));
      if (!b.ok) throw new Error('seed');
      const damaged = r.chance(0.7) ? flip(b.value, r) : r.chance(0.5) ? b.value.subarray(0, r.int(b.value.length)) : Uint8Array.of(...b.value, ...r.bytes(1 + r.int(4)));
      return judged('cn-hc/p: presentation bytes damaged', PRESENTATION_PREFIX + encodeBase45(damaged), s.ctx);
    },
  },
  {
    name: 'cn-hc/p: code bytes damaged, signed by its device',
    weight: 2,
    make: async (s, r) => {
      const bytes = flip(s.bound.codeBytes, r);
      const tbs = encodeCbor(['CNHP1', slotOf(s.ctx.now), createHash('sha256').update(bytes).digest()]);
      const sig = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, s.bound.device.privateKey, tbs as BufferSource));
      return judged('cn-hc/p: code bytes damaged, signed by its device', presentationText(bytes, slotOf(s.ctx.now), sig), s.ctx);
    },
  },
  {
    name: 'cn-hc/p: shape of the presentation',
    make: (s, r) => {
      const [bytes, slot, sig] = parts(s);
      const shapes: unknown[] = [[bytes, slot], [bytes, slot, sig, sig], [slot, bytes, sig], [bytes, BigInt(slot), sig], [bytes, -slot, sig], [bytes, slot + 0.5, sig], [bytes, String(slot), sig], [bytes, slot, sig.subarray(1)], new Map([[0, bytes]]), [[bytes], slot, sig]];
      return judged('cn-hc/p: shape of the presentation', PRESENTATION_PREFIX + encodeBase45(encodeCbor(r.pick(shapes))), s.ctx);
    },
  },
  {
    name: 'cn-hc/p: cnf malformed, re-signed by the issuer',
    make: async (s, r) => ({ mutator: 'cn-hc/p: cnf malformed, re-signed by the issuer', text: await recnf(s, r.pick(BAD_CNF), s.signer!, s.bound.device), ctx: s.ctx, expect: 'fail' }),
  },
  {
    name: "cn-hc/p: cnf swapped for the attacker's device",
    make: async (s, r) => {
      // The attacker's own device (another twin's) named in the claims: signed by an untrusted key, or
      // the claims changed under the issuer's signature.
      const attacker = r.pick(s.twins.filter((t) => t !== s.bound)).device;
      const claims = decodeCbor((await encodeCnCode({ ...s.bound.input, deviceKey: attacker.publicJwk }, s.signer!)).claims);
      if (!claims.ok) throw new Error('claims');
      const text = r.chance(0.5)
        ? await shown((await encodeLayers(encodeCbor(claims.value), r.pick(s.untrusted))).text, attacker.privateKey, s.ctx.now)
        : await spliced(s, encodeCbor(claims.value), attacker);
      return { mutator: "cn-hc/p: cnf swapped for the attacker's device", text, ctx: s.ctx, expect: 'fail' };
    },
  },
  ...onPresentation,
];

/** The twin's code with its payload replaced under the issuer's original signature (a forgery), presented by `device`. */
async function spliced(s: CnSeed, payload: Uint8Array, device: Device): Promise<string> {
  const original = await encodeCnCode(s.bound.input, s.signer!);
  const text = PREFIX + encodeBase45(deflateZlib(encodeCoseSign1(original.protectedHeader, payload, original.signature)));
  return shown(text, device.privateKey, s.ctx.now);
}
