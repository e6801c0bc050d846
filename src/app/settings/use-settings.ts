/** Settings as Preact state: loaded once per page, shared, and re-rendered on every save. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { loadSettings, saveSettings, subscribeSettings } from '../storage/settings-store.ts';
import { DEFAULT_SETTINGS, mergeSettings, type Settings, type SettingsPatch } from './settings.ts';

let current: Settings | null = null;
let loading: Promise<Settings> | null = null;

function ensureLoaded(): Promise<Settings> {
  loading ??= loadSettings().then((s) => (current ??= s));
  return loading;
}

subscribeSettings((s) => {
  current = s;
});

/**
 * `[settings, update, ready]`. Until the first load finishes, `settings` is the defaults and
 * `ready` is false — callers that must not act on defaults (e.g. starting the trust updater with
 * the bundle URL) wait for `ready`. `update(patch)` merges, validates, saves and resolves to the
 * stored settings; it rejects if storage fails.
 */
export function useSettings(): [Settings, (patch: SettingsPatch) => Promise<Settings>, boolean] {
  const [settings, setSettings] = useState<Settings | null>(current);
  useEffect(() => {
    const off = subscribeSettings(setSettings);
    void ensureLoaded().then(() => setSettings(current));
    return off;
  }, []);
  const update = useCallback(async (patch: SettingsPatch) => saveSettings(mergeSettings(current ?? (await ensureLoaded()), patch)), []);
  return [settings ?? (DEFAULT_SETTINGS as Settings), update, settings !== null];
}
