/**
 * Device-bound CN codes through verifyCode (v1.1): live presentations pass, screenshots, replays,
 * other devices and swapped codes fail with their own reasons; the window's edges to the second.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBase45 } from '../encoding/base45.ts';
import { decodeCbor } from '../encoding/cbor.ts';
import { PRESENTATION_PREFIX } from '../formats/cn-hc/constants.ts';
import { BUILTIN_POLICIES } from '../policy/builtin-policies.ts';
import type { Policy } from '../policy/policy.ts';
import { present, presentationText, slotOf } from '../../holder/present.ts';
import { boundCode, boundWorld, newDevice, type BoundWorld, type Device } from '../../../test/support/cn-hc-bound.ts';
import { verifyCode, type VerifyContext } from './run.ts';

// A slot start (a multiple of 10 s), whole seconds: CWT times are integer seconds.
const NOW = new Date(Date.UTC(2025, 2, 1, 8, 0, 0));
const S = 1000;
const later = (ms: number) => new Date(NOW.getTime() + ms);
const DEVICE_BOUND = BUILTIN_POLICIES.find((p) => p.id === 'green-device-bound')!;

let world: BoundWorld;
let phone: Device;
let otherPhone: Device;
beforeAll(async () => {
  world = await boundWorld(NOW);
  phone = await newDevice();
  otherPhone = await newDevice();
});

const ctx = (now = NOW, more: Partial<VerifyContext> = {}): VerifyContext => ({ trust: world.trust, now, ...more });
const codes = (v: { reasons: { code: string }[] }) => v.reasons.map((r) => r.code);

async function shown(code: string, device: Device, at = NOW): Promise<string> {
  const p = await present(code, device.privateKey, at);
  if (!p.ok) throw new Error(p.reason.code);
  return p.value;
}

/** The presentation's parts: [code bytes, slot, signature]. */
function partsOf(presentation: string): [Uint8Array, number, Uint8Array] {
  const b = decodeBase45(presentation.slice(PRESENTATION_PREFIX.length));
  if (!b.ok) throw new Error('base45');
  const v = decodeCbor(b.value);
  if (!v.ok) throw new Error('cbor');
  return v.value as [Uint8Array, number, Uint8Array];
}

describe.each(['ES256', 'SM2-SM3'] as const)('device-bound %s-signed codes', (alg) => {
  it('a live presentation passes, and says when it was shown', async () => {
    const v = await verifyCode(await shown(await boundCode(world, alg, phone), phone), ctx());
    expect(codes(v)).toEqual([]);
    expect(v.outcome).toBe('PASS');
    expect(v.signatureVerified).toBe(true);
    expect(v.credential?.deviceBound).toEqual({ presentedAt: NOW.toISOString() });
  });

  it('the stored code shown bare (a screenshot of it) fails: PRESENTATION_REQUIRED', async () => {
    const v = await verifyCode(await boundCode(world, alg, phone), ctx());
    expect(v.outcome).toBe('FAIL');
    expect(codes(v)).toEqual(['PRESENTATION_REQUIRED']);
    expect(v.credential?.deviceBound).toEqual({});
  });

  it('a presentation signed by another device fails: DEVICE_SIGNATURE_INVALID', async () => {
    const v = await verifyCode(await shown(await boundCode(world, alg, phone), otherPhone), ctx());
    expect(codes(v)).toEqual(['DEVICE_SIGNATURE_INVALID']);
    expect(v.credential?.deviceBound).toEqual({});
  });

  it('a presentation replayed after the window fails: PRESENTATION_STALE', async () => {
    const p = await shown(await boundCode(world, alg, phone), phone);
    expect((await verifyCode(p, ctx(later(30 * S)))).outcome).toBe('PASS');
    const v = await verifyCode(p, ctx(later(2 * 60 * S)));
    expect(codes(v)).toEqual(['PRESENTATION_STALE']);
    // The device did sign it: the slot is a fact, only too old.
    expect(v.credential?.deviceBound?.presentedAt).toBe(NOW.toISOString());
  });

  it('a presentation whose code bytes were swapped for another bound code fails', async () => {
    const [, slot, signature] = partsOf(await shown(await boundCode(world, alg, phone, 1), phone));
    const [otherBytes] = partsOf(await shown(await boundCode(world, alg, phone, 2), phone));
    const v = await verifyCode(presentationText(otherBytes, slot, signature), ctx());
    expect(codes(v)).toEqual(['DEVICE_SIGNATURE_INVALID']);
  });
});

describe('presentations: signatures and codes', () => {
  it('a presentation of an unbound code fails: no key says which device may show it', async () => {
    const unbound = await boundCode(world, 'ES256');
    expect((await verifyCode(unbound, ctx())).outcome).toBe('PASS');
    const v = await verifyCode(await shown(unbound, phone), ctx());
    expect(codes(v)).toEqual(['DEVICE_SIGNATURE_INVALID']);
    expect(v.credential?.deviceBound).toBeUndefined();
  });

  it('a damaged device signature fails; a presented code forged at the issuer fails its own way first', async () => {
    const [bytes, slot, signature] = partsOf(await shown(await boundCode(world, 'ES256', phone), phone));
    const bad = signature.slice();
    bad[5]! ^= 1;
    expect(codes(await verifyCode(presentationText(bytes, slot, bad), ctx()))).toEqual(['DEVICE_SIGNATURE_INVALID']);
    // The slot is signed too: moving it forward invalidates the device signature.
    expect(codes(await verifyCode(presentationText(bytes, slot + 1, signature), ctx()))).toEqual(['DEVICE_SIGNATURE_INVALID']);
  });

  it('a code bound to one phone and presented by another, also replayed, ranks the device signature first', async () => {
    const v = await verifyCode(await shown(await boundCode(world, 'SM2-SM3', phone), otherPhone), ctx(later(10 * 60 * S)));
    // Stale is only judged for a verified device signature: the slot of a forged one means nothing.
    expect(codes(v)).toEqual(['DEVICE_SIGNATURE_INVALID']);
  });
});

describe('the presentation window', () => {
  const at = async (shownAt: Date, gate: Date, policy?: Policy) => {
    const v = await verifyCode(await shown(await boundCode(world, 'ES256', phone), phone, shownAt), ctx(gate, policy ? { policy } : {}));
    return codes(v);
  };

  it('slots exactly at ±60 s of the gate clock pass; one second beyond fails', async () => {
    expect(await at(NOW, later(60 * S))).toEqual([]);
    expect(await at(NOW, later(61 * S))).toEqual(['PRESENTATION_STALE']);
    expect(await at(NOW, later(-60 * S))).toEqual([]);
    expect(await at(NOW, later(-61 * S))).toEqual(['PRESENTATION_STALE']);
  });

  it('the slot start counts, not the moment within the slot', async () => {
    // Made 9 s into its slot: the slot started at NOW, so 61 s after NOW is already beyond.
    expect(slotOf(later(9 * S)) * 10 * S).toBe(NOW.getTime());
    expect(await at(later(9 * S), later(60 * S))).toEqual([]);
    expect(await at(later(9 * S), later(61 * S))).toEqual(['PRESENTATION_STALE']);
  });

  it('the policy sets the window', async () => {
    const tight: Policy = { ...DEVICE_BOUND, presentation: { windowSeconds: 10 } };
    expect(await at(NOW, later(10 * S), tight)).toEqual([]);
    expect(await at(NOW, later(11 * S), tight)).toEqual(['PRESENTATION_STALE']);
    const wide: Policy = { ...DEVICE_BOUND, presentation: { windowSeconds: 600 } };
    expect(await at(NOW, later(600 * S), wide)).toEqual([]);
    expect(await at(NOW, later(601 * S), wide)).toEqual(['PRESENTATION_STALE']);
  });

  it('clock skew: a holder phone 50 s ahead of the gate passes, 5 minutes ahead fails', async () => {
    expect(await at(later(50 * S), NOW)).toEqual([]);
    expect(await at(later(5 * 60 * S), NOW)).toEqual(['PRESENTATION_STALE']);
  });

  it("the gate's clock state joins the verdict as for any code", async () => {
    // The gate's clock 20 minutes behind the server's at its last update: suspect (the bundle says warn).
    const clock = { httpDate: later(20 * 60 * S).toISOString(), httpDateSeenAt: NOW.toISOString() };
    const code = await boundCode(world, 'ES256', phone);
    const live = await verifyCode(await shown(code, phone), ctx(NOW, { trustMeta: { clock } }));
    expect(live.outcome).toBe('PASS');
    expect(live.warnings.map((r) => r.code)).toEqual(['CLOCK_SUSPECT']);
    // The holder's phone has the right time: to the gate, its presentation is from the future.
    const real = await verifyCode(await shown(code, phone, later(20 * 60 * S)), ctx(NOW, { trustMeta: { clock } }));
    expect(codes(real)).toEqual(['PRESENTATION_STALE']);
    expect(real.warnings.map((r) => r.code)).toEqual(['CLOCK_SUSPECT']);
  });
});

describe('the device-bound policy', () => {
  it('passes a live presentation of a bound green code', async () => {
    const v = await verifyCode(await shown(await boundCode(world, 'SM2-SM3', phone), phone), ctx(NOW, { policy: DEVICE_BOUND }));
    expect(v.outcome).toBe('PASS');
  });

  it('fails an unbound code with the policy rule that says why', async () => {
    const v = await verifyCode(await boundCode(world, 'ES256'), ctx(NOW, { policy: DEVICE_BOUND }));
    expect(codes(v)).toEqual(['PRESENTATION_REQUIRED']);
    expect(v.reasons[0]!.rule?.id).toBe('device-bound-required');
    expect(v.reasons[0]!.rule?.texts['zh-CN']).toMatch(/实时/);
    expect(v.reasons[0]!.rule?.texts.en).toMatch(/bound/);
  });

  it('fails a bound code shown bare, and a stale presentation', async () => {
    const code = await boundCode(world, 'ES256', phone);
    expect(codes(await verifyCode(code, ctx(NOW, { policy: DEVICE_BOUND })))).toEqual(['PRESENTATION_REQUIRED']);
    expect(codes(await verifyCode(await shown(code, phone), ctx(later(61 * S), { policy: DEVICE_BOUND })))).toEqual(['PRESENTATION_STALE']);
  });
});
