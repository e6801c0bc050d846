/** The settings feature's public surface, for the app shell. */
export { SettingsScreen, type SettingsScreenProps } from './SettingsScreen.tsx';
export { useSettings } from './use-settings.ts';
export {
  DEFAULT_SETTINGS,
  LIMITS,
  cameraConstraints,
  checkBundleUrl,
  effectiveLang,
  mergeSettings,
  resolvePolicy,
  validateSettings,
  type KioskSettings,
  type LangSetting,
  type Settings,
  type SettingsPatch,
} from './settings.ts';
export { createPinRecord, hashPin, isValidPin, verifyPin, type PinRecord } from './pin.ts';
export { loadSettings, saveSettings, subscribeSettings } from '../storage/settings-store.ts';
