/**
 * App shell: settings, trust state, language, routes (scan, demo, settings, stats) and the one
 * place a scan becomes a verdict: every input — camera, scanner, image, paste — goes through judge().
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ReasonCode } from '../core/model/reasons.ts';
import type { Outcome, Verdict } from '../core/model/verdict.ts';
import type { VerifyContext } from '../core/pipeline/run.ts';
import type { ChunkAssembler } from '../core/pipeline/assemble.ts';
import { loadPipeline } from './lazy/pipeline.ts';
import { lazyScreen } from './lazy/lazy-screen.tsx';
import { ChunkProgress, type PartsRead } from './scan/ChunkProgress.tsx';
import { defaultPolicyOf, policiesOf } from '../core/policy/select-policy.ts';
import { t } from './i18n/strings.ts';
import { attachKeyboardWedge } from './input/keyboard-wedge.ts';
import { AntiPassback } from './kiosk/anti-passback.ts';
import { codeKey, HeldCodes } from './kiosk/debounce.ts';
import { HeldNotice } from './kiosk/HeldNotice.tsx';
import { enterFullscreen, keepAwake } from './kiosk/wake-lock.ts';
import { ResultScreen, RETURN_AFTER_S } from './result/ResultScreen.tsx';
import { ScanScreen } from './scan/ScanScreen.tsx';
import { StatusLine } from './scan/StatusLine.tsx';
import { listCameras, onCameraSighting } from './scan/camera-scanner.ts';
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
const PinGate = lazyScreen(() => import('./settings/PinGate.tsx').then((m) => m.PinGate));

type Source = 'camera' | 'scanner' | 'paste' | 'file';

/** How long a code read at start-up waits for the trust data before it is judged anyway. */
const TRUST_WAIT_MS = 10_000;
/** A kiosk applies a waiting app version after this long with no result on screen. */
const KIOSK_UPDATE_IDLE_MS = 20_000;
/** In kiosk mode an admin screen (or its PIN prompt) left alone this long goes back to the locked kiosk. */
const KIOSK_ADMIN_IDLE_MS = 120_000;
/** The screens a kiosk's PIN guards. */
const ADMIN_PATHS = ['/settings', '/stats', '/demo'] as const;
type AdminPath = (typeof ADMIN_PATHS)[number];

export function App() {
  const [settings, updateSettings, settingsReady] = useSettings();
  const lang = effectiveLang(settings.lang);
  const { updater, snapshot } = useTrust(settingsReady ? settings.bundleUrl : null);
  const now = useNow(30_000);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [cameras, setCameras] = useState<{ deviceId: string; label: string }[]>([]);
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const kiosk = settings.kiosk.enabled && path === '/';
  // The kiosk lock: with a PIN set, Settings always asks for it; in kiosk mode Stats and Demo too
  // (and so leaving kiosk mode, which is a setting). Once unlocked, staff move between these
  // screens freely until they go back to scanning, which locks again.
  const adminPath = (ADMIN_PATHS as readonly string[]).includes(path) ? (path as AdminPath) : null;
  const [adminUnlocked, setAdminUnlocked] = useState(false);
  const locked = adminPath !== null && !adminUnlocked && settings.kiosk.pin !== undefined && (adminPath === '/settings' || settings.kiosk.enabled);
  // Policies come with the signed bundle (built-in copies for a bundle without any).
  const policies = policiesOf(snapshot.trust?.bundle);
  const policy = resolvePolicy(settings.policyId, policies, defaultPolicyOf(policies));

  // Codes held in view are judged once per showing, in every mode (kiosk/debounce.ts); a kiosk's
  // debounce lengthens the window. Kiosk anti-passback. Salted hashes in memory only, gone with the page.
  const held = useMemo(() => new HeldCodes(), []);
  const passback = useMemo(() => new AntiPassback(0), []);
  held.setWindow(kiosk ? settings.kiosk.debounceSeconds * 1000 : 0);
  passback.setWindow(settings.kiosk.antiPassbackMinutes * 60_000);
  // Every camera frame's code, also while a result is up: is the code just judged still held up?
  useEffect(() => onCameraSighting((text) => text !== null && void held.see(codeKey(text), Date.now())), [held]);
  // A camera code being judged, or a result on screen: further camera codes are left unclaimed
  // (the next frame offers them again), so one showing never gives two verdicts.
  const cameraBusy = useRef(false);
  const resultUp = useRef(false);
  // Parts of a multi-part code (SHC chunks), in memory only, forgotten after a few minutes.
  const assembler = useRef<ChunkAssembler | null>(null);
  const [partsRead, setPartsRead] = useState<PartsRead | null>(null);
  const closeResult = () => {
    // The camera kept watching under the result: a code still held up stays judged (held).
    resultUp.current = false;
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
    async (v: Verdict): Promise<Verdict> => {
      const shown = kiosk ? await passback.apply(v, Date.now()) : v;
      void recordVerdict(shown);
      resultUp.current = true;
      setVerdict(shown);
      return shown;
    },
    [kiosk, passback],
  );

  const judgeClaimed = useCallback(
    async (text: string, source: Source, key: string | null) => {
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
      const shown = await show(v);
      // What the holder is told while the code stays held up (HeldNotice).
      if (key) held.settle(key, shown.outcome);
    },
    [held, context, show, assembler],
  );

  const judge = useCallback(
    async (text: string, source: Source) => {
      // A code held up is read again and again (every camera frame; a presentation scanner): judge
      // it once while it stays in view. Paste and image are deliberate: always judged.
      let key: string | null = null;
      if (source === 'camera' || source === 'scanner') {
        if (source === 'camera' && (cameraBusy.current || resultUp.current)) return;
        key = codeKey(text);
        if (!held.claim(key, Date.now())) return;
      }
      // Claimed even if judging fails (the verifier could not load): no retry at frame rate; the
      // code shown again after it left view is judged again.
      if (source === 'camera') cameraBusy.current = true;
      try {
        await judgeClaimed(text, source, key);
      } finally {
        if (source === 'camera') cameraBusy.current = false;
      }
    },
    [held, judgeClaimed],
  );

  // While the code just judged is still held up, the holder is told so (not the idle hint).
  // Polled: a code leaving view is the absence of reads, which raises no event.
  const [heldNow, setHeldNow] = useState<Outcome | null>(null);
  const scanShown = path === '/' && verdict === null;
  useEffect(() => {
    if (!scanShown) {
      setHeldNow(null);
      return;
    }
    const tick = () => setHeldNow(held.heldOutcome(Date.now()));
    tick();
    const id = setInterval(tick, 250);
    return () => clearInterval(id);
  }, [scanShown, held]);

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
  useEffect(() => {
    if (path === '/') setAdminUnlocked(false);
  }, [path]);
  // A kiosk must not be left showing Settings (or the PIN prompt) to the next traveller: back to
  // scanning after a while with no touch or key.
  const kioskAdmin = settings.kiosk.enabled && adminPath !== null;
  useEffect(() => {
    if (!kioskAdmin) return;
    let id = setTimeout(() => go('/'), KIOSK_ADMIN_IDLE_MS);
    const poke = () => {
      clearTimeout(id);
      id = setTimeout(() => go('/'), KIOSK_ADMIN_IDLE_MS);
    };
    const events = ['pointerdown', 'keydown', 'input', 'wheel'] as const;
    for (const e of events) addEventListener(e, poke, { capture: true, passive: true });
    return () => {
      clearTimeout(id);
      for (const e of events) removeEventListener(e, poke, { capture: true });
    };
  }, [kioskAdmin, path]);
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
      <StatusLine snapshot={snapshot} now={now} lang={lang} kiosk={kiosk} onRefresh={() => void updater?.refresh()} />
      <nav>
        {path !== '/' && navLink('/', 'backToScan', 'nav-scan')}
        {!kiosk && !locked && path !== '/demo' && navLink('/demo', 'demoLink', 'nav-demo')}
        {!kiosk && !locked && path !== '/stats' && navLink('/stats', 'statsLink', 'nav-stats')}
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

  // An admin screen waits for the settings (is there a PIN?) and then, if locked, for the PIN.
  if (adminPath && (!settingsReady || locked))
    return (
      <>
        {header}
        {settingsReady && settings.kiosk.pin && (
          <PinGate
            lang={lang}
            record={settings.kiosk.pin}
            screen={adminPath.slice(1) as 'settings' | 'stats' | 'demo'}
            kiosk={settings.kiosk.enabled}
            onUnlock={() => setAdminUnlocked(true)}
            onCancel={() => go('/')}
          />
        )}
      </>
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
            unlocked
            onSave={async (next) => {
              const urlChanged = next.bundleUrl !== settings.bundleUrl;
              // Whoever saves here is in: a PIN set just now does not lock them out mid-visit.
              setAdminUnlocked(true);
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
  // A misread never waits for a tap: the holder is scanning again.
  const seconds = !verdict ? 0 : verdict.outcome === 'NOT_READ' ? RETURN_AFTER_S.NOT_READ : settings.resultSeconds[verdict.outcome === 'PASS' ? 'pass' : 'fail'] || (kiosk ? RETURN_AFTER_S[verdict.outcome] : 0);
  return (
    <div class={kiosk ? 'kiosk-shell' : ''} data-testid="scan-shell" data-kiosk={kiosk ? 'on' : 'off'}>
      {header}
      <ScanScreen
        lang={lang}
        onCode={(text, source) => judge(text, source)}
        onReadFailed={onReadFailed}
        paused={verdict !== null}
        camera={settings.camera}
        onCameraChange={(deviceId) => void updateSettings({ camera: { deviceId } })}
        kiosk={kiosk}
        notice={heldNow && <HeldNotice outcome={heldNow} lang={lang} kiosk={kiosk} />}
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
          demo={!!snapshot.trust?.bundle.demo}
        />
      )}
    </div>
  );
}
