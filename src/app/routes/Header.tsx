/**
 * The top bar on every screen: trust status, navigation, install/fullscreen, language, a waiting
 * update, and the platform notices (an in-app browser's banner, the iPhone Home Screen guide).
 */
import type { TrustSnapshot } from '../../core/trust/update/trust-updater.ts';
import { t, type Lang } from '../i18n/strings.ts';
import { enterFullscreen } from '../kiosk/wake-lock.ts';
import { DEMO_BUILD } from '../demo/demo-build.ts';
import { lazyScreen } from '../lazy/lazy-screen.tsx';
import type { PlatformNotices } from '../platform/use-platform.ts';
import type { Pwa } from '../pwa/use-pwa.ts';
import { StatusLine } from '../scan/StatusLine.tsx';
import { go } from './path.ts';

// Shown on few phones (iOS browser tabs, in-app browsers): loaded when shown, not in the first paint.
const IosGuide = lazyScreen(() => import('../platform/IosGuide.tsx').then((m) => m.IosGuide));
const InAppNotice = lazyScreen(() => import('../platform/InAppBanner.tsx').then((m) => m.InAppNotice));

interface Props {
  path: string;
  lang: Lang;
  kiosk: boolean;
  /** An admin screen waiting for the PIN: no links to the other admin screens. */
  locked: boolean;
  snapshot: TrustSnapshot;
  now: number;
  onRefresh(): void;
  onToggleLang(): void;
  pwa: Pwa;
  notices: PlatformNotices;
}

export function Header({ path, lang, kiosk, locked, snapshot, now, onRefresh, onToggleLang, pwa: { pwa, install }, notices }: Props) {
  // iOS never fires beforeinstallprompt, so no Install button there: the status line's ⚠ opens the Home Screen guide instead.
  const { platform, showGuide } = notices;
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
  return (
    <header class="topbar">
      <a class="brand" href="/">
        {t('appName', lang)}
      </a>
      <StatusLine snapshot={snapshot} now={now} lang={lang} kiosk={kiosk} onRefresh={onRefresh} onEvictionInfo={showGuide} />
      <nav>
        {path !== '/' && navLink('/', 'backToScan', 'nav-scan')}
        {DEMO_BUILD && !kiosk && !locked && path !== '/demo' && navLink('/demo', 'demoLink', 'nav-demo')}
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
        <button type="button" class="lang" data-testid="lang-toggle" onClick={onToggleLang}>
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
      {notices.bannerOpen && path === '/' && platform.inApp && <InAppNotice app={platform.inApp} ios={platform.os === 'ios'} lang={lang} onDismiss={notices.dismissBanner} />}
      {notices.guideOpen && <IosGuide platform={platform} lang={lang} snapshot={snapshot} now={now} onClose={notices.closeGuide} />}
    </header>
  );
}
