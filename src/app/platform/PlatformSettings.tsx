/**
 * The settings page's word on this device: whether storage is persistent (or that the browser
 * cannot tell), an in-app browser's limits, and the iPhone Home Screen guide on request.
 */
import { t, type Lang } from '../i18n/strings.ts';
import type { Persistence } from '../pwa/register.ts';
import type { Platform } from './detect.ts';
import { InAppNotice } from './InAppBanner.tsx';
import { p } from './strings.ts';
import './platform.css';

interface Props {
  lang: Lang;
  /** null: the browser has not answered yet. */
  persisted: Persistence | null;
  platform: Platform;
  showGuide: (() => void) | null;
}

export function PlatformSettings({ lang, persisted, platform, showGuide }: Props) {
  return (
    <div class="platform-settings">
      {persisted !== null && (
        <p class="storage-state" data-testid="storage-persisted" data-persisted={String(persisted)}>
          {t(persisted === 'unknown' ? 'storageUnknown' : persisted ? 'storagePersisted' : 'storageNotPersisted', lang)}
        </p>
      )}
      {platform.inApp && <InAppNotice app={platform.inApp} ios={platform.os === 'ios'} lang={lang} />}
      {showGuide && (
        <button type="button" class="platform-secondary" data-testid="ios-guide-open" onClick={showGuide}>
          {p('guideOpen', lang)}
        </button>
      )}
    </div>
  );
}
