/**
 * Always-visible trust status: when the bundle in use was issued (local date and time; the raw
 * version is in the tooltip and `data-version`), how long ago a server last confirmed it, where it
 * came from, the last update error, and a suspect clock. Amber past the warn age, red past the max
 * age. Large in kiosk mode.
 *
 * Its box keeps one height from "loading" to "ready" (at least the refresh button's 44 px, and
 * room for two lines), and an update in progress turns the button rather than adding words, so
 * nothing below it moves when the trust list arrives.
 */
import type { TrustSnapshot } from '../../core/trust/update/trust-updater.ts';
import { assessFreshness } from '../../core/trust/freshness.ts';
import { checkClock } from '../../core/trust/clock.ts';
import { DEMO_BUILD } from '../demo/demo-build.ts';
import { ago, localDateTime, t, UPDATE_ERROR_TEXT, type Lang } from '../i18n/strings.ts';

interface Props {
  snapshot: TrustSnapshot;
  now: number;
  lang: Lang;
  onRefresh: () => void;
  /** Kiosk mode: large, and without the source (read from a distance, by staff walking past). */
  kiosk?: boolean;
  /**
   * A browser tab on iOS, where WebKit may delete the stored data after 7 days without a visit:
   * a ⚠ button beside ↻ (in every state, so the row never changes height) opens the Home Screen guide.
   */
  onEvictionInfo?: (() => void) | null;
}

export function StatusLine({ snapshot: s, now, lang, onRefresh, kiosk = false, onEvictionInfo = null }: Props) {
  const err = s.meta.lastError;
  const error = err && (
    <span class="status-error" data-testid="trust-error" data-code={err.code}>
      {' · '}
      {t('updateFailed', lang)}: {UPDATE_ERROR_TEXT[err.code][lang]} ({ago(err.at, now, lang)})
    </span>
  );
  const refresh = (
    <button
      type="button"
      class="refresh"
      data-testid="trust-refresh"
      onClick={onRefresh}
      disabled={s.updating}
      aria-busy={s.updating}
      title={t(s.updating ? 'updating' : 'refreshTrust', lang)}
      aria-label={t(s.updating ? 'updating' : 'refreshTrust', lang)}
    >
      <span aria-hidden="true">↻</span>
    </button>
  );
  // Its label says how old the stored list is: the tooltip on a desktop, the screen reader's words on a phone (the guide says it too).
  const evict = (age: string | null) => {
    if (!onEvictionInfo) return null;
    const label = `${t('evictLabel', lang)}${age ? ` (${t('trustIssued', lang)} ${t('updated', lang)} ${age})` : ''}`;
    return (
      <button type="button" class="evict" data-testid="eviction-warning" onClick={onEvictionInfo} title={label} aria-label={label}>
        <span aria-hidden="true">⚠</span>
      </button>
    );
  };
  const common = { 'data-testid': 'trust-status', 'data-updating': String(s.updating), 'aria-live': 'polite' as const };
  const kioskClass = kiosk ? ' status-kiosk' : '';
  if (!s.trust) {
    // "Missing" only once a download was tried (or cannot be: offline). A first visit has nothing
    // stored, and between the stored data read and the download starting it is still loading.
    const tried = !!(s.meta.lastAttemptAt || s.meta.lastError) || (typeof navigator !== 'undefined' && navigator.onLine === false);
    const state = s.started && !s.updating && tried ? 'none' : 'loading';
    return (
      <p class={`status${state === 'none' ? ' status-bad' : ''}${kioskClass}`} data-state={state} {...common}>
        <span class="status-text">
          {state === 'none' ? t('trustMissing', lang) : t('trustLoading', lang)}
          {error}
        </span>
        {evict(null)}
        {refresh}
      </p>
    );
  }
  const b = s.trust.bundle;
  const date = new Date(now);
  const { level } = assessFreshness(b, date, s.meta.confirmedAt);
  const clock = checkClock(date, b, s.meta.clock);
  const since = s.meta.confirmedAt && Date.parse(s.meta.confirmedAt) > Date.parse(b.issuedAt) ? s.meta.confirmedAt : b.issuedAt;
  const levelText = level === 'warn' ? 'trustWarnAge' : level === 'stale' ? 'trustStale' : level === 'expired' ? 'trustExpired' : null;
  return (
    <p
      class={`status status-${level}${kioskClass}`}
      data-state="ready"
      data-level={level}
      data-version={b.version}
      data-via={s.via ?? ''}
      data-clock={clock.length ? 'suspect' : 'ok'}
      title={`${t('trustVersionNumber', lang)} ${b.version}`}
      {...common}
    >
      <span class="status-text">
        {/* What is in use, then how current it is: two lines on a phone, one on a wide screen. */}
        <span class="status-main">
          {DEMO_BUILD && b.demo && <span class="badge-demo">{t('demoBadge', lang)}</span>} {t('trustIssued', lang)}{' '}
          <time class="status-issued" data-testid="trust-issued" dateTime={b.issuedAt}>
            {localDateTime(b.issuedAt)}
          </time>
        </span>
        <span class="status-sub">
          <span class="status-sep"> · </span>
          {t('updated', lang)} {ago(since, now, lang)}
          {!kiosk && <span class="status-via"> · {t(s.via === 'network' ? 'viaNetwork' : 'viaStorage', lang)}</span>}
          {levelText && <strong class="status-level"> · {t(levelText, lang)}</strong>}
          {clock.length > 0 && (
            <strong class="status-clock" data-testid="clock-suspect">
              {' · '}
              {t('clockSuspect', lang)}
            </strong>
          )}
          {error}
        </span>
      </span>
      {evict(ago(since, now, lang))}
      {refresh}
    </p>
  );
}
