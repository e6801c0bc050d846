/** Always-visible trust status: bundle version and age, or why there is none. */
import type { TrustView } from '../App.tsx';
import { ago, t, type Lang } from '../i18n/strings.ts';

export function StatusLine({ trust, lang }: { trust: TrustView; lang: Lang }) {
  if (trust.state === 'loading') return <p class="status">{t('trustLoading', lang)}</p>;
  if (trust.state === 'error')
    return (
      <p class="status status-bad" data-testid="trust-status" data-state="error">
        {t('trustMissing', lang)} ({trust.error})
      </p>
    );
  const b = trust.trust.bundle;
  return (
    <p class="status" data-testid="trust-status" data-state="ready" data-version={b.version}>
      {b.demo && <span class="badge-demo">{t('demoBadge', lang)}</span>} {t('trustVersion', lang)} {b.version} · {t('updated', lang)}{' '}
      {ago(b.issuedAt, Date.now(), lang)}
    </p>
  );
}
