/**
 * App shell: settings, trust state, language, routes (scan, demo, settings, stats) and the one
 * place a scan becomes a verdict: every input — camera, scanner, image, paste — goes through judge().
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ReasonCode } from '../core/model/reasons.ts';
import type { Verdict } from '../core/model/verdict.ts';
import type { VerifyContext } from '../core/pipeline/run.ts';
import type { ChunkAssembler } from '../core/pipeline/assemble.ts';
import { loadPipeline } from './lazy/pipeline.ts';
import { lazyScreen } from './lazy/lazy-screen.tsx';
import { ChunkProgress, type PartsRead } from './scan/ChunkProgress.tsx';
import { defaultPolicyOf, policiesOf } from '../core/policy/select-policy.ts';
import { sha256, toBase64Url, utf8 } from '../core/encoding/bytes.ts';
import { t } from './i18n/strings.ts';
import { attachKeyboardWedge } from './input/keyboard-wedge.ts';
import { AntiPassback } from './kiosk/anti-passback.ts';
import { SeenRecently } from './kiosk/debounce.ts';
import { enterFullscreen, keepAwake } from './kiosk/wake-lock.ts';
import { ResultScreen, RETURN_AFTER_S } from './result/ResultScreen.tsx';
import { ScanScreen } from './scan/ScanScreen.tsx';
import { StatusLine } from './scan/StatusLine.tsx';
import { listCameras } from './scan/camera-scanner.ts';
import { effectiveLang, resolvePolicy } from './settings/settings.ts';
import { useSettings } from './settings/use-settings.ts';
import { recordVerdict } from './storage/stats-store.ts';
import { useNow, useTrust } from './trust/use-trust.ts';
import { registerServiceWorker, requestPersistence, watchInstallPrompt, type PwaState } from './pwa/register.ts';
import { trustSettled } from './trust/trust-settled.ts';

// Screens the scan screen's first paint does not need: each its own chunk, loaded on first visit.
const DemoPage = lazyScreen(() => import('./demo/DemoPage.tsx').then((m) => m.DemoPage));
const SettingsScreen = lazyScreen(() => import('./settings/SettingsScreen.tsx').then((m) => m.SettingsScreen));
const StatsScreen = lazyScreen(() => import('./stats/StatsScreen.tsx').then((m) => m.StatsScreen));

type Source = 'camera' | 'scanner' | 'paste' | 'file';

/** How long a code read at start-up waits for the trust data before it is judged anyway. */
const TRUST_WAIT_MS = 10_000;
/** A kiosk applies a waiting app version after this long with no result on screen. */
const KIOSK_UPDATE_IDLE_MS = 20_000;

export function App() {
  const [settings, updateSettings, settingsReady] = useSettings();
  const lang = effectiveLang(settings.lang);
  const { updater, snapshot } = useTrust(settingsReady ? settings.bundleUrl : null);
  const now = useNow(30_000);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [cameras, setCameras] = useState<{ deviceId: string; label: string }[]>([]);
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const kiosk = settings.kiosk.enabled && path === '/';
  // Policies come with the signed bundle (built-in copies for a bundle without any).
  const policies = policiesOf(snapshot.trust?.bundle);
  const policy = resolvePolicy(settings.policyId, policies, defaultPolicyOf(policies));

  // Kiosk memory: salted hashes in memory only, gone with the page.
  const debounce = useMemo(() => new SeenRecently(0), []);
  const passback = useMemo(() => new AntiPassback(0), []);
  debounce.setWindow(settings.kiosk.debounceSeconds * 1000);
  passback.setWindow(settings.kiosk.antiPassbackMinutes * 60_000);
  const lastKey = useRef<string | null>(null);
  // Parts of a multi-part code (SHC chunks), in memory only, forgotten after a few minutes.
  const assembler = useRef<ChunkAssembler | null>(null);
  const [partsRead, setPartsRead] = useState<PartsRead | null>(null);
  const closeResult = () => {
    // The result covered the camera for seconds; the code may still be held up: restart its window.
    if (kiosk && lastKey.current) debounce.touch(lastKey.current, Date.now());
    setVerdict(null);
  };

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const [pwa, setPwa] = useState<PwaState | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [install, setInstall] = useState<(() => Promise<void>) | null>(null);
  useEffect(() => {
    registerServiceWorker(setPwa);
    void requestPersistence().then(setPersisted);
    return watchInstallPrompt((fn) => setInstall(() => fn));
  }, []);
  // A kiosk has no operator to press "reload": it takes a waiting version when idle between scans.
  useEffect(() => {
    if (!kiosk || !pwa?.updateReady || verdict) return;
    const id = setTimeout(() => pwa.apply(), KIOSK_UPDATE_IDLE_MS);
    return () => clearTimeout(id);
  }, [kiosk, pwa, verdict]);

  useEffect(() => {
    if (!kiosk) return;
    document.body.classList.add('kiosk');
    const release = keepAwake();
    return () => {
      document.body.classList.remove('kiosk');
      release();
    };
  }, [kiosk]);

  const updaterRef = useRef(updater);
  updaterRef.current = updater;
  const context = useCallback((): VerifyContext => {
    const u = updaterRef.current;
    return { trust: u?.snapshot.trust ?? null, now: new Date(), trustMeta: u?.trustMeta ?? {}, policy };
  }, [policy]);

  const show = useCallback(
    async (v: Verdict) => {
      const shown = kiosk ? await passback.apply(v, Date.now()) : v;
      void recordVerdict(shown);
      setVerdict(shown);
    },
    [kiosk, passback],
  );

  const judge = useCallback(
    async (text: string, source: Source) => {
      // In a kiosk the code held up is read again and again: judge it once per window.
      if (kiosk && (source === 'camera' || source === 'scanner')) {
        const key = toBase64Url(await sha256(utf8(text)));
        lastKey.current = key;
        if (debounce.check(key, Date.now())) return;
      }
      const { ChunkAssembler, FORMATS, verifyCode, pickCandidate, scannerCandidates } = await loadPipeline();
      // One part of a multi-part code is no verdict: say which parts are in and wait for the rest.
      const assembled = (assembler.current ??= new ChunkAssembler(FORMATS)).add(text, Date.now());
      if (assembled.kind === 'partial') {
        setPartsRead({ have: assembled.have, total: assembled.total });
        return;
      }
      setPartsRead(null);
      text = assembled.text;
      // A code read while the trust data is still loading waits for it (bounded), not FAILs.
      await Promise.race([trustSettled, new Promise((r) => setTimeout(r, TRUST_WAIT_MS))]);
      const u = updaterRef.current;
      // Each verdict also records the time seen, so a clock later set back is noticed.
      void u?.noteTime();
      const ctx = context();
      // Typed text (scanner, paste) may have been remapped by a keyboard layout: try the repairs
      // the format allows; the signature still decides.
      const v = source === 'scanner' || source === 'paste' ? await pickCandidate(scannerCandidates(text), (c) => verifyCode(c, ctx)) : await verifyCode(text, ctx);
      await show(v);
    },
    [kiosk, debounce, context, show, assembler],
  );

  const judgeRef = useRef(judge);
  judgeRef.current = judge;
  // Listening from the start, not from when the scan screen's effects run: a scanner burst that
  // begins while the screen is switching (e.g. back from settings) loses no leading characters.
  useEffect(() => attachKeyboardWedge(document, (text) => {
    if ((location.pathname.replace(/\/+$/, '') || '/') === '/') void judgeRef.current(text, 'scanner');
  }), []);

  const onReadFailed = useCallback(
    (code: ReasonCode, detail?: string) => void loadPipeline().then(({ readFailed }) => show(readFailed({ code, ...(detail ? { detail } : {}) }, context()))),
    [show, context],
  );

  useEffect(() => {
    if (path === '/settings') void listCameras().then(setCameras, () => setCameras([]));
  }, [path]);

  const go = (to: string) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  };
  const [, rerender] = useState(0);
  useEffect(() => {
    const onPop = () => rerender((n) => n + 1);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const navLink = (to: string, key: Parameters<typeof t>[0], testId: string) => (
    <a
      href={to}
      data-testid={testId}
      aria-current={path === to ? 'page' : undefined}
      onClick={(e) => {
        e.preventDefault();
        go(to);
      }}
    >
      {t(key, lang)}
    </a>
  );

  const header = (
    <header class="topbar">
      <a class="brand" href="/">
        {t('appName', lang)}
      </a>
      <StatusLine snapshot={snapshot} now={now} lang={lang} onRefresh={() => void updater?.refresh()} />
      <nav>
        {path !== '/' && navLink('/', 'backToScan', 'nav-scan')}
        {!kiosk && path !== '/demo' && navLink('/demo', 'demoLink', 'nav-demo')}
        {!kiosk && path !== '/stats' && navLink('/stats', 'statsLink', 'nav-stats')}
        {path !== '/settings' && navLink('/settings', 'settingsLink', 'nav-settings')}
        {install && !kiosk && (
          <button type="button" class="lang" data-testid="install" onClick={() => void install()}>
            {t('install', lang)}
          </button>
        )}
        {kiosk && (
          <button type="button" class="lang" data-testid="fullscreen" onClick={() => void enterFullscreen()}>
            {t('fullscreen', lang)}
          </button>
        )}
        <button type="button" class="lang" data-testid="lang-toggle" onClick={() => void updateSettings({ lang: lang === 'zh-CN' ? 'en' : 'zh-CN' })}>
          {t('language', lang)}
        </button>
      </nav>
      {pwa?.updateReady && (
        <p class="update-banner" role="status" data-testid="update-banner">
          {t('updateReady', lang)}{' '}
          <button type="button" data-testid="update-apply" onClick={() => pwa.apply()}>
            {t('updateApply', lang)}
          </button>
        </p>
      )}
    </header>
  );

  if (path === '/demo')
    return (
      <>
        {header}
        <DemoPage lang={lang} />
      </>
    );
  if (path === '/stats')
    return (
      <>
        {header}
        <StatsScreen lang={lang} onClose={() => go('/')} />
      </>
    );
  if (path === '/settings')
    return (
      <>
        {header}
        <p class="storage-state" data-testid="storage-persisted" data-persisted={String(persisted)}>
          {t(persisted ? 'storagePersisted' : 'storageNotPersisted', lang)}
        </p>
        {settingsReady && (
          <SettingsScreen
            lang={lang}
            settings={settings}
            policies={policies}
            cameras={cameras}
            onSave={async (next) => {
              const urlChanged = next.bundleUrl !== settings.bundleUrl;
              await updateSettings(next);
              // A new publisher means a fresh start of the trust service.
              if (urlChanged) location.reload();
            }}
            onClose={() => go('/')}
          />
        )}
      </>
    );

  // A kiosk always resets by itself, even when staff chose "until tapped" for the staffed gate.
  const seconds = verdict ? settings.resultSeconds[verdict.outcome === 'PASS' ? 'pass' : 'fail'] || (kiosk ? RETURN_AFTER_S[verdict.outcome] : 0) : 0;
  return (
    <div class={kiosk ? 'kiosk-shell' : ''} data-testid="scan-shell" data-kiosk={kiosk ? 'on' : 'off'}>
      {header}
      <ScanScreen
        lang={lang}
        onCode={(text, source) => void judge(text, source)}
        onReadFailed={onReadFailed}
        paused={verdict !== null}
        camera={settings.camera}
        onCameraChange={(deviceId) => void updateSettings({ camera: { deviceId } })}
        kiosk={kiosk}
      />
      {partsRead && !verdict && <ChunkProgress parts={partsRead} lang={lang} />}
      {verdict && (
        <ResultScreen
          key={verdict.checkedAt}
          verdict={verdict}
          lang={lang}
          onDone={closeResult}
          seconds={seconds}
          feedback={{ sounds: settings.sounds, vibration: settings.vibration }}
          large={kiosk && settings.kiosk.largeType}
        />
      )}
    </div>
  );
}
