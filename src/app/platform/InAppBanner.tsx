/**
 * Opened inside WeChat, Alipay or another app's WebView: say so, and how to reach the phone's
 * browser, where the app can keep working offline. A dismissible banner, not a wall — verifying
 * online works here as anywhere.
 */
import type { Lang } from '../i18n/strings.ts';
import type { InAppBrowser } from './detect.ts';
import { appName, leaveHow, p } from './strings.ts';
import './platform.css';

interface Props {
  app: InAppBrowser;
  ios: boolean;
  lang: Lang;
  /** Absent: the notice stays (the settings page). */
  onDismiss?: () => void;
}

export function InAppNotice({ app, ios, lang, onDismiss }: Props) {
  return (
    <div class="inapp-banner" role="note" data-testid={onDismiss ? 'inapp-banner' : 'inapp-note'} data-app={app}>
      <p>
        <strong>{p('inAppTitle', lang).replace('{app}', appName(app, lang))}</strong>
        {p('inAppWhy', lang)}
        <span class="inapp-how">
          {p('inAppOffline', lang)}
          <strong>{leaveHow(app, ios, lang, location.host)}</strong>
        </span>
      </p>
      {onDismiss && (
        <button type="button" class="inapp-dismiss" data-testid="inapp-dismiss" aria-label={p('inAppDismiss', lang)} title={p('inAppDismiss', lang)} onClick={onDismiss}>
          <span aria-hidden="true">×</span>
        </button>
      )}
    </div>
  );
}
