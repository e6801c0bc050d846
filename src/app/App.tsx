/**
 * App shell: settings, trust state, language, and which room shows — the scan route with its scan
 * session (session/), or an admin screen behind the kiosk lock (routes/). Settings apply as they
 * are saved, by re-rendering from them; only a new bundle URL reloads (routes/AdminRoute.tsx says why).
 */
import { useCallback, useEffect } from 'preact/hooks';
import type { VerifyContext } from '../core/pipeline/run.ts';
import { defaultPolicyOf, policiesOf } from '../core/policy/select-policy.ts';
import { keepAwake } from './kiosk/wake-lock.ts';
import { usePreparedTrust } from './lazy/prepare-trust.ts';
import { usePlatformNotices } from './platform/use-platform.ts';
import { usePwa } from './pwa/use-pwa.ts';
import { useAdminLock } from './routes/admin-lock.ts';
import { AdminRoute } from './routes/AdminRoute.tsx';
import { Header } from './routes/Header.tsx';
import { HOLDER_PATH, HolderRoute } from './routes/HolderRoute.tsx';
import { onScanPath, usePath } from './routes/path.ts';
import { ScanRoute } from './routes/ScanRoute.tsx';
import { useScanSession } from './session/use-scan-session.ts';
import { effectiveLang, resolvePolicy } from './settings/settings.ts';
import { useSettings } from './settings/use-settings.ts';
import { useNow, useTrust } from './trust/use-trust.ts';

export function App() {
  const [settings, updateSettings, settingsReady] = useSettings();
  const lang = effectiveLang(settings.lang);
  const { updater, snapshot } = useTrust(settingsReady ? settings.bundleUrl : null);
  const now = useNow(30_000);
  const path = usePath();
  const kiosk = settings.kiosk.enabled && path === '/';
  const lock = useAdminLock(path, settings.kiosk);
  // Policies come with the signed bundle (built-in copies for a bundle without any).
  const policies = policiesOf(snapshot.trust?.bundle);
  const policy = resolvePolicy(settings.policyId, policies, defaultPolicyOf(policies));
  usePreparedTrust(snapshot.trust, policy);

  const context = useCallback(
    (): VerifyContext => ({ trust: updater?.snapshot.trust ?? null, now: new Date(), trustMeta: updater?.trustMeta ?? {}, policy }),
    [updater, policy],
  );
  const session = useScanSession({
    kiosk,
    debounceMs: settings.kiosk.debounceSeconds * 1000,
    passbackMs: settings.kiosk.antiPassbackMinutes * 60_000,
    scanPath: path === '/',
    scansWanted: onScanPath,
    context,
    noteTime: () => void updater?.noteTime(),
  });
  const pwa = usePwa();
  const notices = usePlatformNotices(settings, settingsReady, updateSettings, kiosk);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    if (!kiosk) return;
    document.body.classList.add('kiosk');
    const release = keepAwake();
    return () => {
      document.body.classList.remove('kiosk');
      release();
    };
  }, [kiosk]);

  const header = (
    <Header
      path={path}
      lang={lang}
      kiosk={kiosk}
      locked={lock.locked}
      snapshot={snapshot}
      now={now}
      onRefresh={() => void updater?.refresh()}
      onToggleLang={() => void updateSettings({ lang: lang === 'zh-CN' ? 'en' : 'zh-CN' })}
      pwa={pwa}
      notices={notices}
    />
  );
  if (lock.adminPath)
    return (
      <>
        {header}
        <AdminRoute
          lock={{ ...lock, adminPath: lock.adminPath }}
          lang={lang}
          settings={settings}
          settingsReady={settingsReady}
          updateSettings={updateSettings}
          policies={policies}
          persisted={pwa.persisted}
          notices={notices}
        />
      </>
    );
  if (path === HOLDER_PATH)
    return (
      <>
        {header}
        <HolderRoute lang={lang} snapshot={snapshot} />
      </>
    );
  return (
    <div class={kiosk ? 'kiosk-shell' : ''} data-testid="scan-shell" data-kiosk={kiosk ? 'on' : 'off'}>
      {header}
      <ScanRoute lang={lang} kiosk={kiosk} settings={settings} settingsReady={settingsReady} updateSettings={updateSettings} session={session} demo={!!snapshot.trust?.bundle.demo} pwa={pwa.pwa} />
    </div>
  );
}
