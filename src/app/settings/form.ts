/**
 * The settings form's values (strings as typed) and their checking, apart from the component so
 * the rules are testable. Unlike validateSettings, which repairs silently, the form refuses a bad
 * value and says why: a person typing 600 meant something, and clamping it to 60 would hide that.
 */
import { isValidPin, normalizePin } from './pin.ts';
import { LIMITS, checkBundleUrl, validateSettings, type CameraFacing, type LangSetting, type Settings } from './settings.ts';

export interface FormValues {
  lang: LangSetting;
  policyId: string;
  sounds: boolean;
  vibration: boolean;
  passSeconds: string;
  failSeconds: string;
  facing: CameraFacing;
  /** '' = automatic. */
  deviceId: string;
  kioskEnabled: boolean;
  debounceSeconds: string;
  antiPassbackMinutes: string;
  largeType: boolean;
  newPin: string;
  newPinConfirm: string;
  removePin: boolean;
  /** Kiosk mode without a PIN, confirmed explicitly. */
  noPin: boolean;
  bundleUrl: string;
}

export type FieldError =
  | { key: 'errRange'; min: number; max: number }
  | { key: 'errPinFormat' }
  | { key: 'errPinMismatch' }
  | { key: 'errUrl' }
  | { key: 'errKioskPin' };

export type FormErrors = Partial<Record<keyof FormValues, FieldError>>;

export function toFormValues(st: Settings): FormValues {
  return {
    lang: st.lang,
    policyId: st.policyId,
    sounds: st.sounds,
    vibration: st.vibration,
    passSeconds: String(st.resultSeconds.pass),
    failSeconds: String(st.resultSeconds.fail),
    facing: st.camera.facing,
    deviceId: st.camera.deviceId ?? '',
    kioskEnabled: st.kiosk.enabled,
    debounceSeconds: String(st.kiosk.debounceSeconds),
    antiPassbackMinutes: String(st.kiosk.antiPassbackMinutes),
    largeType: st.kiosk.largeType,
    newPin: '',
    newPinConfirm: '',
    removePin: false,
    noPin: st.kiosk.noPin === true,
    bundleUrl: st.bundleUrl,
  };
}

export type ReadResult =
  | {
      ok: true;
      /** The new settings; the PIN is the old one (or removed) — hashing a new one is async. */
      settings: Settings;
      /** A new PIN to hash and set, normalised. */
      newPin?: string;
    }
  | { ok: false; errors: FormErrors };

/** Checks the form against `base` (the settings being edited) and builds the new settings. */
export function readForm(v: FormValues, base: Settings, origin?: string, bundleOrigins?: readonly string[]): ReadResult {
  const errors: FormErrors = {};
  const int = (field: keyof FormValues, text: string, r: { min: number; max: number }): number => {
    const t = text.trim();
    const n = /^\d{1,6}$/.test(t) ? Number(t) : NaN;
    if (!(n >= r.min && n <= r.max)) errors[field] = { key: 'errRange', min: r.min, max: r.max };
    return n;
  };
  const pass = int('passSeconds', v.passSeconds, LIMITS.passSeconds);
  const fail = int('failSeconds', v.failSeconds, LIMITS.failSeconds);
  const debounce = int('debounceSeconds', v.debounceSeconds, LIMITS.debounceSeconds);
  const antiPassback = int('antiPassbackMinutes', v.antiPassbackMinutes, LIMITS.antiPassbackMinutes);

  const bundleUrl = checkBundleUrl(v.bundleUrl, origin, bundleOrigins);
  if (bundleUrl === null) errors.bundleUrl = { key: 'errUrl' };

  let newPin: string | undefined;
  if (!v.removePin && (v.newPin !== '' || v.newPinConfirm !== '')) {
    if (!isValidPin(v.newPin)) errors.newPin = { key: 'errPinFormat' };
    else if (normalizePin(v.newPin) !== normalizePin(v.newPinConfirm)) errors.newPinConfirm = { key: 'errPinMismatch' };
    else newPin = normalizePin(v.newPin);
  }
  // Kiosk mode is entered locked: with a PIN (kept or new), or with "no PIN" confirmed explicitly.
  const keepsPin = !v.removePin && base.kiosk.pin !== undefined;
  const pinAfter = keepsPin || newPin !== undefined || (!v.removePin && v.newPin !== '');
  if (v.kioskEnabled && !pinAfter && !v.noPin) errors.noPin = { key: 'errKioskPin' };

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const settings = validateSettings(
    {
      lang: v.lang,
      policyId: v.policyId,
      sounds: v.sounds,
      vibration: v.vibration,
      resultSeconds: { pass, fail },
      camera: { facing: v.facing, ...(v.deviceId ? { deviceId: v.deviceId } : {}) },
      kiosk: {
        enabled: v.kioskEnabled,
        debounceSeconds: debounce,
        antiPassbackMinutes: antiPassback,
        largeType: v.largeType,
        ...(v.removePin || !base.kiosk.pin ? {} : { pin: base.kiosk.pin }),
        ...(v.noPin && !pinAfter ? { noPin: true } : {}),
      },
      bundleUrl,
      // Not on the form: kept as it is.
      iosGuideSeen: base.iosGuideSeen,
    },
    { ...(origin === undefined ? {} : { origin }), ...(bundleOrigins ? { bundleOrigins } : {}) },
  );
  return newPin === undefined ? { ok: true, settings } : { ok: true, settings, newPin };
}
