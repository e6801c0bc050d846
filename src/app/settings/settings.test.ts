import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../core/encoding/bytes.ts';
import { DEFAULT_POLICY } from '../../core/policy/policy.ts';
import {
  DEFAULT_SETTINGS,
  cameraConstraints,
  checkBundleUrl,
  clampInt,
  effectiveLang,
  mergeSettings,
  resolvePolicy,
  validateSettings,
  type Settings,
} from './settings.ts';

const ORIGIN = 'http://localhost:5173';
const v = (x: unknown) => validateSettings(x, { origin: ORIGIN, bundleOrigins: ['https://cdn.example.cn'] });
const pin = { alg: 'PBKDF2-SHA-256', iterations: 200_000, salt: toBase64Url(new Uint8Array(16)), hash: toBase64Url(new Uint8Array(32)) };

describe('validateSettings', () => {
  it('gives the defaults for nothing stored', () => {
    for (const x of [undefined, null, 42, 'settings', [], {}]) expect(v(x)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.policyId).toBe(DEFAULT_POLICY.id);
    expect(DEFAULT_SETTINGS.bundleUrl).toBe('/trust/bundle.json');
  });

  it('keeps a complete valid record as it is', () => {
    const s: Settings = {
      lang: 'en',
      policyId: 'bundle.policy-2',
      sounds: false,
      vibration: false,
      resultSeconds: { pass: 0, fail: 30 },
      camera: { facing: 'user', deviceId: 'abc123' },
      kiosk: { enabled: true, debounceSeconds: 5, antiPassbackMinutes: 30, largeType: true, pin: pin as Settings['kiosk']['pin'] },
      bundleUrl: 'https://cdn.example.cn/trust/bundle.json',
      iosGuideSeen: true,
    };
    expect(v(structuredClone(s))).toEqual(s);
  });

  it('repairs a damaged record field by field, never throwing', () => {
    const s = v({
      lang: 'fr',
      policyId: '',
      sounds: 'yes',
      vibration: 1,
      resultSeconds: { pass: -3, fail: 1e9 },
      camera: { facing: 'sideways', deviceId: 7 },
      kiosk: { enabled: 'true', debounceSeconds: NaN, antiPassbackMinutes: Infinity, largeType: null, pin: { alg: 'PBKDF2-SHA-256' } },
      bundleUrl: 'javascript:alert(1)',
      junk: { deep: true },
    });
    expect(s).toEqual({
      ...DEFAULT_SETTINGS,
      resultSeconds: { pass: 0, fail: 120 },
    });
    expect(s).not.toHaveProperty('junk');
    expect(s.kiosk).not.toHaveProperty('pin');
  });

  it('keeps "iPhone guide seen" only as a boolean, false by default', () => {
    expect(DEFAULT_SETTINGS.iosGuideSeen).toBe(false);
    expect(v({ iosGuideSeen: true }).iosGuideSeen).toBe(true);
    for (const x of ['true', 1, null, {}]) expect(v({ iosGuideSeen: x }).iosGuideSeen).toBe(false);
    expect(mergeSettings(v({}), { iosGuideSeen: true }).iosGuideSeen).toBe(true);
  });

  it('keeps an explicit "no PIN" only as true and only without a PIN', () => {
    expect(v({ kiosk: { enabled: true, noPin: true } }).kiosk.noPin).toBe(true);
    expect(v({ kiosk: { enabled: true, noPin: 'yes' } }).kiosk).not.toHaveProperty('noPin');
    expect(v({ kiosk: { enabled: true, noPin: true, pin } }).kiosk).not.toHaveProperty('noPin');
  });

  it('fills fields a record from an older version lacks', () => {
    const s = v({ lang: 'zh-CN', sounds: false, resultSeconds: { pass: 6 } });
    expect(s.lang).toBe('zh-CN');
    expect(s.sounds).toBe(false);
    expect(s.resultSeconds).toEqual({ pass: 6, fail: DEFAULT_SETTINGS.resultSeconds.fail });
    expect(s.kiosk).toEqual(DEFAULT_SETTINGS.kiosk);
  });

  it('replaces wrong-typed nested objects', () => {
    const s = v({ resultSeconds: 'fast', camera: [1, 2], kiosk: 5 });
    expect(s.resultSeconds).toEqual(DEFAULT_SETTINGS.resultSeconds);
    expect(s.camera).toEqual({ facing: 'environment' });
    expect(s.kiosk).toEqual(DEFAULT_SETTINGS.kiosk);
  });

  it('keeps a policy id no policy has yet, refuses ids that are not ids', () => {
    expect(v({ policyId: 'from-next-bundle' }).policyId).toBe('from-next-bundle');
    expect(v({ policyId: 'x'.repeat(65) }).policyId).toBe(DEFAULT_POLICY.id);
    expect(v({ policyId: '<script>' }).policyId).toBe(DEFAULT_POLICY.id);
  });

  it('drops an over-long camera id', () => {
    expect(v({ camera: { facing: 'user', deviceId: 'd'.repeat(513) } }).camera).toEqual({ facing: 'user' });
  });

  it('returns objects the caller may change without touching the defaults', () => {
    const s = v(null);
    s.kiosk.enabled = true;
    s.resultSeconds.pass = 9;
    expect(DEFAULT_SETTINGS.kiosk.enabled).toBe(false);
    expect(DEFAULT_SETTINGS.resultSeconds.pass).toBe(4);
  });
});

describe('clampInt', () => {
  const r = { min: 0, max: 10, def: 4 };
  it('rounds and clamps numbers and numeric strings', () => {
    expect(clampInt(3.6, r)).toBe(4);
    expect(clampInt(-1, r)).toBe(0);
    expect(clampInt(11, r)).toBe(10);
    expect(clampInt(' 7 ', r)).toBe(7);
  });
  it('uses the default for anything else', () => {
    for (const x of ['', '  ', 'seven', null, undefined, NaN, {}, true]) expect(clampInt(x, r)).toBe(4);
  });
});

describe('checkBundleUrl', () => {
  it('allows same-origin paths and https on the bundle origins the build allows (the CSP connect-src)', () => {
    expect(checkBundleUrl('/trust/bundle.json', ORIGIN)).toBe('/trust/bundle.json');
    expect(checkBundleUrl('  trust/b.json ', ORIGIN)).toBe('trust/b.json');
    expect(checkBundleUrl('http://localhost:5173/x.json', ORIGIN)).toBe('http://localhost:5173/x.json');
    expect(checkBundleUrl('https://cdn.example.cn/b.json', ORIGIN, ['https://cdn.example.cn'])).toBe('https://cdn.example.cn/b.json');
    expect(checkBundleUrl('https://cdn.example.cn/b.json', ORIGIN, [])).toBeNull();
    expect(checkBundleUrl('https://cdn.example.cn/b.json', ORIGIN, ['https://cdn2.example.cn'])).toBeNull();
  });
  it('refuses plain http elsewhere, other schemes and credentials', () => {
    for (const bad of [
      'http://cdn.example.cn/b.json',
      'http://localhost:8080/b.json',
      '//cdn.example.cn/b.json', // resolves to http here, since the app is on http
      'javascript:alert(1)',
      'data:application/json,{}',
      'file:///etc/passwd',
      'https://user:pw@cdn.example.cn/b.json',
      '',
      '   ',
      'https://x/' + 'a'.repeat(2048),
    ])
      expect(checkBundleUrl(bad, ORIGIN), bad).toBeNull();
    expect(checkBundleUrl(42, ORIGIN)).toBeNull();
  });
  it('takes a protocol-relative URL when the app itself is on https', () => {
    expect(checkBundleUrl('//cdn.example.cn/b.json', 'https://gate.example.cn', ['https://cdn.example.cn'])).toBe('//cdn.example.cn/b.json');
  });
});

describe('mergeSettings', () => {
  it('merges nested groups one level deep and validates', () => {
    const s = mergeSettings(v(null), { kiosk: { enabled: true }, resultSeconds: { fail: 500 } }, { origin: ORIGIN });
    expect(s.kiosk).toEqual({ ...DEFAULT_SETTINGS.kiosk, enabled: true });
    expect(s.resultSeconds).toEqual({ pass: 4, fail: 120 });
  });
  it('removes a key patched to undefined', () => {
    const withPin = v({ kiosk: { pin }, camera: { facing: 'user', deviceId: 'd1' } });
    expect(withPin.kiosk.pin).toBeDefined();
    const s = mergeSettings(withPin, { kiosk: { pin: undefined }, camera: { deviceId: undefined } }, { origin: ORIGIN });
    expect(s.kiosk).not.toHaveProperty('pin');
    expect(s.camera).toEqual({ facing: 'user' });
  });
});

describe('helpers', () => {
  it('effectiveLang follows the device for auto', () => {
    expect(effectiveLang('auto', () => 'en')).toBe('en');
    expect(effectiveLang('zh-CN', () => 'en')).toBe('zh-CN');
  });
  it('resolvePolicy falls back when the id is unknown', () => {
    const other = { ...DEFAULT_POLICY, id: 'other' };
    expect(resolvePolicy('other', [DEFAULT_POLICY, other], DEFAULT_POLICY)).toBe(other);
    expect(resolvePolicy('gone', [DEFAULT_POLICY, other], DEFAULT_POLICY)).toBe(DEFAULT_POLICY);
  });
  it('cameraConstraints prefers, not demands, the chosen camera', () => {
    expect(cameraConstraints({ facing: 'user' })).toMatchObject({ facingMode: { ideal: 'user' } });
    expect(cameraConstraints({ facing: 'environment', deviceId: 'd1' })).toMatchObject({ deviceId: { ideal: 'd1' } });
    expect(cameraConstraints({ facing: 'environment' })).not.toHaveProperty('deviceId');
  });
});
