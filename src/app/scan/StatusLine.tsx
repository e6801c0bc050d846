/**
 * Always-visible trust status: bundle version, age since a server last confirmed it, where it came
 * from, the last update error, and a suspect clock. Amber past the warn age, red past the max age.
 */
import type { TrustSnapshot } from '../../core/trust/update/trust-updater.ts';
import { assessFreshness } from '../../core/trust/freshness.ts';
import { checkClock } from '../../core/trust/clock.ts';
import { ago, t, UPDATE_ERROR_TEXT, type Lang } from '../i18n/strings.ts';

interface Props {
  snapshot: TrustSnapshot;
  now: number;
  lang: Lang;
  onRefresh: () => void;
}

export function StatusLine({ snapshot: s, now, lang, onRefresh }: Props) {
  const err = s.meta.lastError;
  const error = err && (
    <span class="status-error" data-testid="trust-error" data-code={err.code}>
      {' · '}
      {t('updateFailed', lang)}: {UPDATE_ERROR_TEXT[err.code][lang]} ({ago(err.at, now, lang)})
    </span>
  );
  const refresh = (
    <button type="button" class="refresh" data-testid="trust-refresh" onClick={onRefresh} disabled={s.updating} title={t('refreshTrust', lang)} aria-label={t('refreshTrust', lang)}>
      ↻
    </button>
  );
  if (!s.trust) {
    const state = s.started && !s.updating ? 'none' : 'loading';
    return (
      <p class={`status ${state === 'none' ? 'status-bad' : ''}`} data-testid="trust-status" data-state={state} aria-live="polite">
        {state === 'none' ? t('trustMissing', lang) : t('trustLoading', lang)}
        {error} {refresh}
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
      class={`status status-${level}`}
      data-testid="trust-status"
      data-state="ready"
      data-level={level}
      data-version={b.version}
      data-via={s.via ?? ''}
      data-clock={clock.length ? 'suspect' : 'ok'}
      aria-live="polite"
    >
      {b.demo && <span class="badge-demo">{t('demoBadge', lang)}</span>} {t('trustVersion', lang)} {b.version} · {t('updated', lang)} {ago(since, now, lang)} ·{' '}
      {t(s.via === 'network' ? 'viaNetwork' : 'viaStorage', lang)}
      {levelText && <strong class="status-level"> · {t(levelText, lang)}</strong>}
      {clock.length > 0 && (
        <strong class="status-clock" data-testid="clock-suspect">
          {' · '}
          {t('clockSuspect', lang)}
        </strong>
      )}
      {s.updating && <span> · {t('updating', lang)}</span>}
      {error} {refresh}
    </p>
  );
}
