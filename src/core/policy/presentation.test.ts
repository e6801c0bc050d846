import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESENTATION_WINDOW_S } from '../formats/cn-hc/constants.ts';
import type { Credential } from '../model/credential.ts';
import { compareReasons } from '../model/reasons.ts';
import { BUILTIN_POLICIES, DEFAULT_POLICY } from './builtin-policies.ts';
import { bindingReasons, DEFAULT_WINDOW_S, presentationReasons, windowOf } from './presentation.ts';

const NOW = new Date('2025-03-01T08:00:00Z');
const shownAt = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const DEVICE_BOUND = BUILTIN_POLICIES.find((p) => p.id === 'green-device-bound')!;

describe('presentation window', () => {
  it('defaults to the format default, 60 s; the policy may set it', () => {
    expect(DEFAULT_WINDOW_S).toBe(DEFAULT_PRESENTATION_WINDOW_S);
    expect(windowOf(DEFAULT_POLICY)).toBe(60);
    expect(windowOf({ ...DEFAULT_POLICY, presentation: { windowSeconds: 30 } })).toBe(30);
    expect(windowOf({ ...DEFAULT_POLICY, presentation: { requireBound: true } })).toBe(60);
  });

  it('is inclusive at its edges, to the millisecond', () => {
    for (const ms of [0, 60_000, -60_000]) expect(presentationReasons(shownAt(ms), DEFAULT_POLICY, NOW)).toEqual([]);
    for (const ms of [60_001, -60_001, 3600_000]) expect(presentationReasons(shownAt(ms), DEFAULT_POLICY, NOW).map((r) => r.code)).toEqual(['PRESENTATION_STALE']);
  });

  it('says which way the slot lies, in seconds', () => {
    expect(presentationReasons(shownAt(-120_000), DEFAULT_POLICY, NOW)[0]!.detail).toBe("slot starts 120 s before the gate's clock (window ±60 s)");
    expect(presentationReasons(shownAt(90_000), DEFAULT_POLICY, NOW)[0]!.detail).toBe("slot starts 90 s after the gate's clock (window ±60 s)");
  });
});

describe('requireBound', () => {
  const credential = { deviceBound: undefined } as unknown as Credential;
  it('fails an unbound code only where the policy requires binding, with its own rule texts', () => {
    expect(bindingReasons(credential, DEFAULT_POLICY)).toEqual([]);
    const [r] = bindingReasons(credential, DEVICE_BOUND);
    expect(r?.code).toBe('PRESENTATION_REQUIRED');
    expect(r?.rule?.texts['zh-CN']).toMatch(/绑定/);
    expect(bindingReasons({ ...credential, deviceBound: {} }, DEVICE_BOUND)).toEqual([]);
  });

  it('ranks binding with validity: after expiry, before the status colour', () => {
    const codes = [{ code: 'STATUS_RED' as const }, { code: 'PRESENTATION_REQUIRED' as const }, { code: 'CODE_EXPIRED' as const }].sort(compareReasons).map((r) => r.code);
    expect(codes).toEqual(['CODE_EXPIRED', 'PRESENTATION_REQUIRED', 'STATUS_RED']);
  });
});
