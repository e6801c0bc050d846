import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../core/encoding/bytes.ts';
import { readForm, toFormValues, type FormValues } from './form.ts';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from './settings.ts';
import type { PinRecord } from './pin.ts';

const ORIGIN = 'https://gate.example.cn';
const pin: PinRecord = { alg: 'PBKDF2-SHA-256', iterations: 200_000, salt: toBase64Url(new Uint8Array(16)), hash: toBase64Url(new Uint8Array(32)) };
const base: Settings = validateSettings({ kiosk: { pin }, camera: { facing: 'environment', deviceId: 'cam-1' } }, { origin: ORIGIN });
const form = (patch: Partial<FormValues> = {}): FormValues => ({ ...toFormValues(base), ...patch });

describe('settings form', () => {
  it('round-trips unchanged settings', () => {
    const r = readForm(form(), base, ORIGIN);
    expect(r).toEqual({ ok: true, settings: base });
  });

  it('keeps the settings the form does not show (the iPhone guide dismissed)', () => {
    const seen = { ...base, iosGuideSeen: true };
    const r = readForm({ ...toFormValues(seen), sounds: false }, seen, ORIGIN);
    expect(r.ok && r.settings.iosGuideSeen).toBe(true);
  });

  it('refuses out-of-range and non-numeric numbers instead of clamping', () => {
    const r = readForm(form({ passSeconds: '61', failSeconds: 'ten', debounceSeconds: '-1', antiPassbackMinutes: '2.5' }), base, ORIGIN);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      passSeconds: { key: 'errRange', min: 0, max: 60 },
      failSeconds: { key: 'errRange', min: 0, max: 120 },
      debounceSeconds: { key: 'errRange', min: 0, max: 60 },
      antiPassbackMinutes: { key: 'errRange', min: 0, max: 1440 },
    });
  });

  it('accepts 0 seconds (stay until tapped) and trims spaces', () => {
    const r = readForm(form({ passSeconds: ' 0 ', failSeconds: '0' }), base, ORIGIN);
    expect(r.ok && r.settings.resultSeconds).toEqual({ pass: 0, fail: 0 });
  });

  it('refuses a bundle URL that is not same-origin or https on an allowed bundle origin', () => {
    const allowed = ['https://cdn.example.cn'];
    const r = readForm(form({ bundleUrl: 'http://cdn.example.cn/b.json' }), base, ORIGIN, allowed);
    expect(!r.ok && r.errors.bundleUrl).toEqual({ key: 'errUrl' });
    const other = readForm(form({ bundleUrl: 'https://elsewhere.example.cn/b.json' }), base, ORIGIN, allowed);
    expect(!other.ok && other.errors.bundleUrl).toEqual({ key: 'errUrl' });
    const ok = readForm(form({ bundleUrl: 'https://cdn.example.cn/b.json' }), base, ORIGIN, allowed);
    expect(ok.ok && ok.settings.bundleUrl).toBe('https://cdn.example.cn/b.json');
  });

  it('keeps the PIN unless a new one is given or it is removed', () => {
    const keep = readForm(form(), base, ORIGIN);
    expect(keep.ok && keep.settings.kiosk.pin).toEqual(pin);
    const removed = readForm(form({ removePin: true, newPin: '12' }), base, ORIGIN);
    expect(removed.ok).toBe(true);
    expect(removed.ok && removed.settings.kiosk).not.toHaveProperty('pin');
    const changed = readForm(form({ newPin: '１２３４５６', newPinConfirm: '123456' }), base, ORIGIN);
    expect(changed.ok && changed.newPin).toBe('123456');
  });

  it('checks a new PIN and its repeat', () => {
    const short = readForm(form({ newPin: '123', newPinConfirm: '123' }), base, ORIGIN);
    expect(!short.ok && short.errors.newPin).toEqual({ key: 'errPinFormat' });
    const differ = readForm(form({ newPin: '1234', newPinConfirm: '1243' }), base, ORIGIN);
    expect(!differ.ok && differ.errors.newPinConfirm).toEqual({ key: 'errPinMismatch' });
    const onlyRepeat = readForm(form({ newPinConfirm: '1234' }), base, ORIGIN);
    expect(!onlyRepeat.ok && onlyRepeat.errors.newPin).toEqual({ key: 'errPinFormat' });
  });

  it('enters kiosk mode only with a PIN or an explicit "no PIN"', () => {
    const d = validateSettings(undefined, { origin: ORIGIN });
    const kiosk = (patch: Partial<FormValues>) => readForm({ ...toFormValues(d), kioskEnabled: true, ...patch }, d, ORIGIN);
    expect(kiosk({})).toEqual({ ok: false, errors: { noPin: { key: 'errKioskPin' } } });
    const withPin = kiosk({ newPin: '2468', newPinConfirm: '2468' });
    expect(withPin.ok && withPin.newPin).toBe('2468');
    expect(withPin.ok && withPin.settings.kiosk).not.toHaveProperty('noPin');
    const open = kiosk({ noPin: true });
    expect(open.ok && open.settings.kiosk).toMatchObject({ enabled: true, noPin: true });
    // A bad PIN says what is wrong with it, not also "no PIN".
    const bad = kiosk({ newPin: '12', newPinConfirm: '12' });
    expect(!bad.ok && bad.errors).toEqual({ newPin: { key: 'errPinFormat' } });
    // A kiosk with a PIN keeps it; removing it needs the explicit choice.
    const locked = validateSettings({ kiosk: { enabled: true, pin } }, { origin: ORIGIN });
    expect(readForm(toFormValues(locked), locked, ORIGIN).ok).toBe(true);
    expect(readForm({ ...toFormValues(locked), removePin: true }, locked, ORIGIN)).toEqual({ ok: false, errors: { noPin: { key: 'errKioskPin' } } });
    // Out of kiosk mode neither is needed.
    expect(readForm(toFormValues(d), d, ORIGIN).ok).toBe(true);
  });

  it('sets automatic camera choice by an empty device id', () => {
    const r = readForm(form({ deviceId: '', facing: 'user' }), base, ORIGIN);
    expect(r.ok && r.settings.camera).toEqual({ facing: 'user' });
  });

  it('works from the defaults', () => {
    const d = validateSettings(undefined, { origin: ORIGIN });
    const r = readForm(toFormValues(d), d, ORIGIN);
    expect(r).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS } });
  });
});
