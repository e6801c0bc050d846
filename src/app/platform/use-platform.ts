/**
 * The platform notices as Preact state: the iPhone Home Screen guide (shown by itself once — its
 * dismissal is a setting, no personal data — and again on request) and the in-app browser banner
 * (dismissed for this page only: leaving the in-app browser is the fix, so it comes back next time).
 */
import { useCallback, useMemo, useState } from 'preact/hooks';
import type { Settings, SettingsPatch } from '../settings/settings.ts';
import { currentPlatform, type Platform } from './detect.ts';

export interface PlatformNotices {
  platform: Platform;
  guideOpen: boolean;
  /** Opens the guide; null where there is nothing to add to a Home Screen this way. */
  showGuide: (() => void) | null;
  closeGuide(): void;
  bannerOpen: boolean;
  dismissBanner(): void;
}

export function usePlatformNotices(settings: Settings, settingsReady: boolean, updateSettings: (patch: SettingsPatch) => Promise<Settings>, kiosk: boolean): PlatformNotices {
  const platform = useMemo(currentPlatform, []);
  const [asked, setAsked] = useState(false);
  // Closed in this page even when storing "seen" fails (private mode): it does not come back until a reload.
  const [closed, setClosed] = useState(false);
  const [bannerClosed, setBannerClosed] = useState(false);
  // A kiosk has no operator to read it: its status line still warns, and Settings still has the guide.
  const firstRun = settingsReady && platform.iosTab !== null && !settings.iosGuideSeen && !kiosk && !closed;
  const seen = settings.iosGuideSeen;
  const closeGuide = useCallback(() => {
    setAsked(false);
    setClosed(true);
    if (!seen) void updateSettings({ iosGuideSeen: true }).catch(() => undefined);
  }, [seen, updateSettings]);
  const show = useCallback(() => setAsked(true), []);
  return {
    platform,
    guideOpen: asked || firstRun,
    showGuide: platform.iosTab ? show : null,
    closeGuide,
    bannerOpen: platform.inApp !== null && !bannerClosed && !kiosk,
    dismissBanner: useCallback(() => setBannerClosed(true), []),
  };
}
