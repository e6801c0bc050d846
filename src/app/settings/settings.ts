/**
 * The gate's settings: the model, its defaults and the one function that turns whatever is stored
 * (possibly written by an older app, or damaged) into valid settings. Pure: no storage, no DOM.
 */
import { DEFAULT_POLICY } from '../../core/policy/policy.ts';
import { BUILD_BUNDLE_URL, BUNDLE_ORIGINS } from '../security/bundle-origins.ts';
import { initialLang, type Lang } from '../i18n/strings.ts';
import { parsePinRecord, type PinRecord } from './pin.ts';

export type LangSetting = 'auto' | Lang;
export type CameraFacing = 'environment' | 'user';

export interface KioskSettings {
  enabled: boolean;
  /** The same code read again within this many seconds is ignored (a held-up phone re-scans). */
  debounceSeconds: number;
  /** A code that passed is refused for this many minutes (0 = off). Matched in memory only. */
  antiPassbackMinutes: number;
  largeType: boolean;
  /** Set: the settings screen asks for this PIN first, and in kiosk mode so do Stats and Demo. */
  pin?: PinRecord;
  /**
   * The operator confirmed running the kiosk without a PIN. Kiosk mode is only entered with a PIN
   * or this explicit choice (the settings form refuses neither); a PIN, once set, clears it.
   */
  noPin?: boolean;
}

export interface Settings {
  lang: LangSetting;
  /** A policy id; resolvePolicy() maps it onto the policies known right now. */
  policyId: string;
  sounds: boolean;
  vibration: boolean;
  /** Seconds a result stays before scanning resumes; 0 = until tapped. */
  resultSeconds: { pass: number; fail: number };
  camera: { facing: CameraFacing; deviceId?: string };
  kiosk: KioskSettings;
  /** Where the signed trust bundle is fetched: a same-origin path or an https URL. */
  bundleUrl: string;
  /** The iPhone "add to Home Screen" guide was dismissed (platform/): it shows by itself once. */
  iosGuideSeen: boolean;
}

/** Set a key to `undefined` to remove it (e.g. `{ kiosk: { pin: undefined } }`). */
export type SettingsPatch = Partial<Pick<Settings, 'lang' | 'policyId' | 'sounds' | 'vibration' | 'bundleUrl' | 'iosGuideSeen'>> & {
  resultSeconds?: Partial<Settings['resultSeconds']>;
  camera?: Partial<Settings['camera']>;
  kiosk?: Partial<KioskSettings>;
};

/** Inclusive ranges for the numeric settings, with their defaults. */
export const LIMITS = {
  passSeconds: { min: 0, max: 60, def: 4 },
  failSeconds: { min: 0, max: 120, def: 8 },
  debounceSeconds: { min: 0, max: 60, def: 3 },
  antiPassbackMinutes: { min: 0, max: 1440, def: 0 },
} as const;

export const DEFAULT_BUNDLE_URL = BUILD_BUNDLE_URL;

/** Frozen all the way down: it is shared, so a caller that mutates it would change everyone's defaults. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  lang: 'auto',
  policyId: DEFAULT_POLICY.id,
  sounds: true,
  vibration: true,
  resultSeconds: Object.freeze({ pass: LIMITS.passSeconds.def, fail: LIMITS.failSeconds.def }),
  camera: Object.freeze({ facing: 'environment' as const }),
  kiosk: Object.freeze({
    enabled: false,
    debounceSeconds: LIMITS.debounceSeconds.def,
    antiPassbackMinutes: LIMITS.antiPassbackMinutes.def,
    largeType: false,
  }),
  bundleUrl: DEFAULT_BUNDLE_URL,
  iosGuideSeen: false,
} satisfies Settings);

const POLICY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const MAX_URL = 2048;
const MAX_DEVICE_ID = 512;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const bool = (v: unknown, def: boolean): boolean => (typeof v === 'boolean' ? v : def);

/** A whole number in [min, max]; numeric strings count (form values), anything else is the default. */
export function clampInt(v: unknown, { min, max, def }: { min: number; max: number; def: number }): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return def;
  return Math.min(max, Math.max(min, Math.round(n)));
}

const currentOrigin = (): string => (typeof location !== 'undefined' ? location.origin : 'https://gatecheck.invalid');

/**
 * The bundle URL as it should be stored (trimmed; a relative path stays relative so it follows the
 * app's origin), or null when not allowed. Allowed: anything resolving to `origin`, or https on
 * one of `allowed` — the build's bundle origins, the only ones the CSP's connect-src lets the app
 * fetch from. Not: plain http to another origin (a network can swap it; the bundle is signed, but
 * it could still be withheld or replayed silently), other schemes, or credentials in the URL.
 */
export function checkBundleUrl(input: unknown, origin: string = currentOrigin(), allowed: readonly string[] = BUNDLE_ORIGINS): string | null {
  if (typeof input !== 'string') return null;
  const text = input.trim();
  if (text === '' || text.length > MAX_URL) return null;
  let url: URL;
  try {
    url = new URL(text, origin);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.origin === origin || (url.protocol === 'https:' && allowed.includes(url.origin))) return text;
  return null;
}

/**
 * Valid settings from anything, never throwing: fields that are missing, of the wrong type or out
 * of range take their default (numbers are clamped), unknown fields are dropped. This is also the
 * migration: a record from an older version gains the new fields with their defaults.
 */
export interface SettingsContext {
  origin?: string;
  /** Other origins the bundle may come from (default: the build's BUNDLE_ORIGINS). */
  bundleOrigins?: readonly string[];
}

export function validateSettings(input: unknown, opts: SettingsContext = {}): Settings {
  const d = DEFAULT_SETTINGS;
  const o = isObject(input) ? input : {};
  const rs = isObject(o.resultSeconds) ? o.resultSeconds : {};
  const cam = isObject(o.camera) ? o.camera : {};
  const k = isObject(o.kiosk) ? o.kiosk : {};

  const camera: Settings['camera'] = { facing: cam.facing === 'user' ? 'user' : 'environment' };
  if (typeof cam.deviceId === 'string' && cam.deviceId !== '' && cam.deviceId.length <= MAX_DEVICE_ID) camera.deviceId = cam.deviceId;

  const kiosk: KioskSettings = {
    enabled: bool(k.enabled, d.kiosk.enabled),
    debounceSeconds: clampInt(k.debounceSeconds, LIMITS.debounceSeconds),
    antiPassbackMinutes: clampInt(k.antiPassbackMinutes, LIMITS.antiPassbackMinutes),
    largeType: bool(k.largeType, d.kiosk.largeType),
  };
  // A damaged PIN record is dropped, which unlocks the screen: the alternative is a gate nobody
  // can reconfigure without wiping the site data (trust bundle included). See docs.
  const pin = parsePinRecord(k.pin);
  if (pin) kiosk.pin = pin;
  else if (k.noPin === true) kiosk.noPin = true;

  return {
    lang: o.lang === 'zh-CN' || o.lang === 'en' ? o.lang : 'auto',
    // Kept even when no known policy has this id yet: bundle policies load after settings do.
    policyId: typeof o.policyId === 'string' && POLICY_ID.test(o.policyId) ? o.policyId : d.policyId,
    sounds: bool(o.sounds, d.sounds),
    vibration: bool(o.vibration, d.vibration),
    resultSeconds: { pass: clampInt(rs.pass, LIMITS.passSeconds), fail: clampInt(rs.fail, LIMITS.failSeconds) },
    camera,
    kiosk,
    bundleUrl: checkBundleUrl(o.bundleUrl, opts.origin, opts.bundleOrigins) ?? d.bundleUrl,
    iosGuideSeen: bool(o.iosGuideSeen, d.iosGuideSeen),
  };
}

/** `base` with `patch` applied one level deep, then validated. */
export function mergeSettings(base: Settings, patch: SettingsPatch, opts: SettingsContext = {}): Settings {
  return validateSettings(
    {
      ...base,
      ...patch,
      resultSeconds: { ...base.resultSeconds, ...patch.resultSeconds },
      camera: { ...base.camera, ...patch.camera },
      kiosk: { ...base.kiosk, ...patch.kiosk },
    },
    opts,
  );
}

/** The UI language: the setting, or the device's language for 'auto'. */
export function effectiveLang(setting: LangSetting, device: () => Lang = initialLang): Lang {
  return setting === 'auto' ? device() : setting;
}

/** The policy with this id, or `fallback` when none has it (e.g. a bundle dropped that policy). */
export function resolvePolicy<P extends { id: string }>(id: string, policies: readonly P[], fallback: P): P {
  return policies.find((p) => p.id === id) ?? fallback;
}

/**
 * getUserMedia video constraints for the camera settings. `ideal`, not `exact`: when the chosen
 * camera is gone (a USB camera swapped), the browser picks another instead of failing.
 */
export function cameraConstraints(camera: Settings['camera']): MediaTrackConstraints {
  return {
    facingMode: { ideal: camera.facing },
    ...(camera.deviceId ? { deviceId: { ideal: camera.deviceId } } : {}),
    width: { ideal: 1280 },
    height: { ideal: 720 },
  };
}
