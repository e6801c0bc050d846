/** The top bar on every screen: trust status, navigation, install/fullscreen, language, a waiting update. */
import type { TrustSnapshot } from '../../core/trust/update/trust-updater.ts';
import { t, type Lang } from '../i18n/strings.ts';
import { enterFullscreen } from '../kiosk/wake-lock.ts';
import { DEMO_BUILD } from '../demo/demo-build.ts';
import type { Pwa } from '../pwa/use-pwa.ts';
import { StatusLine } from '../scan/StatusLine.tsx';
import { go } from './path.ts';

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
}

export function Header({ path, lang, kiosk, locked, snapshot, now, onRefresh, onToggleLang, pwa: { pwa, install } }: Props) {
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
      <StatusLine snapshot={snapshot} now={now} lang={lang} kiosk={kiosk} onRefresh={onRefresh} />
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
    </header>
  );
}
