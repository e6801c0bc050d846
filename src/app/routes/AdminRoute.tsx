/**
 * The admin screens — Settings, Stats, Demo — behind the kiosk lock. Each is its own chunk, loaded
 * on first visit: the scan screen's first paint does not need them.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Policy } from '../../core/policy/policy.ts';
import type { Lang } from '../i18n/strings.ts';
import type {} from '../demo/demo-build.ts'; // __GATECHECK_DEMO__
import { lazyScreen } from '../lazy/lazy-screen.tsx';
import type { PlatformNotices } from '../platform/use-platform.ts';
import type { Persistence } from '../pwa/register.ts';
import { listCameras } from '../scan/camera-scanner.ts';
import type { Settings, SettingsPatch } from '../settings/settings.ts';
import type { AdminLock } from './admin-lock.ts';
import { go } from './path.ts';

// Only a demo build has the page; elsewhere the import goes with the branch, chunk and all (demo-build.ts says why not DEMO_BUILD).
const DemoPage = __GATECHECK_DEMO__ ? lazyScreen(() => import('../demo/DemoPage.tsx').then((m) => m.DemoPage)) : null;
const SettingsScreen = lazyScreen(() => import('../settings/SettingsScreen.tsx').then((m) => m.SettingsScreen));
const PlatformSettings = lazyScreen(() => import('../platform/PlatformSettings.tsx').then((m) => m.PlatformSettings));
const StatsScreen = lazyScreen(() => import('../stats/StatsScreen.tsx').then((m) => m.StatsScreen));
const PinGate = lazyScreen(() => import('../settings/PinGate.tsx').then((m) => m.PinGate));

interface Props {
  lock: AdminLock & { adminPath: NonNullable<AdminLock['adminPath']> };
  lang: Lang;
  settings: Settings;
  settingsReady: boolean;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  policies: readonly Policy[];
  /** null: the browser has not answered yet. */
  persisted: Persistence | null;
  notices: PlatformNotices;
}

export function AdminRoute({ lock, lang, settings, settingsReady, updateSettings, policies, persisted, notices }: Props) {
  const { adminPath } = lock;
  // The camera choice in Settings: the cameras there are, asked for on each visit (one may have been plugged in).
  const [cameras, setCameras] = useState<{ deviceId: string; label: string }[]>([]);
  useEffect(() => {
    if (adminPath === '/settings') void listCameras().then(setCameras, () => setCameras([]));
  }, [adminPath]);
  // An admin screen waits for the settings (is there a PIN?) and then, if locked, for the PIN.
  if (!settingsReady || lock.locked)
    return settingsReady && settings.kiosk.pin ? (
      <PinGate
        lang={lang}
        record={settings.kiosk.pin}
        screen={adminPath.slice(1) as 'settings' | 'stats' | 'demo'}
        kiosk={settings.kiosk.enabled}
        onUnlock={lock.unlock}
        onCancel={() => go('/')}
      />
    ) : null;
  if (adminPath === '/demo') return DemoPage && <DemoPage lang={lang} />;
  if (adminPath === '/stats') return <StatsScreen lang={lang} onClose={() => go('/')} />;
  return (
    <>
      <PlatformSettings lang={lang} persisted={persisted} platform={notices.platform} showGuide={notices.showGuide} />
      <SettingsScreen
        lang={lang}
        settings={settings}
        policies={policies}
        cameras={cameras}
        unlocked
        onSave={async (next) => {
          const urlChanged = next.bundleUrl !== settings.bundleUrl;
          // Whoever saves here is in: a PIN set just now does not lock them out mid-visit.
          lock.unlock();
          // Every other setting applies at once: the app re-renders from the saved settings.
          await updateSettings(next);
          // The one setting that needs a reload: the bundle URL. The trust service (trust/) is one
          // per page — its refresh timers, listeners and the start-up "trust settled" latch are
          // bound to the publisher it started with — so a new publisher means a fresh page, and one
          // page never mixes two publishers' bundles.
          if (urlChanged) location.reload();
        }}
        onClose={() => go('/')}
      />
    </>
  );
}
