/**
 * How to add the app to an iPhone's or iPad's Home Screen, and why: in a browser tab, WebKit may
 * delete the stored trust list after 7 days without a visit. A dialog over the page (never over a
 * scan result, which sits above it), closed with one tap or Escape.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { TrustSnapshot } from '../../core/trust/update/trust-updater.ts';
import { ago, localDateTime, t, type Lang } from '../i18n/strings.ts';
import type { Platform } from './detect.ts';
import { p } from './strings.ts';
import './platform.css';

interface Props {
  platform: Platform;
  lang: Lang;
  snapshot: TrustSnapshot;
  now: number;
  onClose(): void;
}

/** The iOS share symbol (a box with an arrow up), as Safari draws it. */
const ShareIcon = () => (
  <svg class="ios-share" viewBox="0 0 20 24" aria-hidden="true">
    <path d="M10 2v13M5.5 6.5 10 2l4.5 4.5M6.5 10H3v12h14V10h-3.5" />
  </svg>
);

export function IosGuide({ platform, lang, snapshot, now, onClose }: Props) {
  const close = useRef<HTMLButtonElement>(null);
  // On commit, not after paint: a key pressed as the guide appears (it loads on demand) still reaches it.
  useLayoutEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [onClose]);

  const b = snapshot.trust?.bundle;
  const confirmed = snapshot.meta.confirmedAt;
  const since = b && (confirmed && Date.parse(confirmed) > Date.parse(b.issuedAt) ? confirmed : b.issuedAt);
  const safariSteps = (
    <>
      <li>
        {p('guideSafari1', lang)} <ShareIcon />
        <span class="ios-guide-aside">{p('guideSafariMenu', lang)}</span>
      </li>
      <li>{p('guideSafari2', lang)}</li>
      <li>{p('guideSafari3', lang)}</li>
    </>
  );
  // Other iOS browsers: their own share menu from iOS 16.4; before that (or when the version is unknown, both ways) Safari.
  const other = platform.iosTab === 'other';
  return (
    <div class="platform-backdrop" data-testid="ios-guide-backdrop">
      <section class="ios-guide" role="dialog" aria-modal="true" aria-labelledby="ios-guide-title" data-testid="ios-guide" data-browser={platform.iosTab ?? ''}>
        <h2 id="ios-guide-title">{p('guideTitle', lang)}</h2>
        <p>{p('guideWhy', lang)}</p>
        <p class="ios-guide-stored" data-testid="ios-guide-stored">
          {b && since ? (
            <>
              {p('guideStored', lang)}
              {localDateTime(b.issuedAt)} · {t('updated', lang)} {ago(since, now, lang)}
            </>
          ) : (
            p('guideNoneStored', lang)
          )}
        </p>
        {other && platform.otherBrowserCanAdd === false ? (
          <p data-testid="ios-guide-use-safari">{p('guideOtherOld', lang)}</p>
        ) : (
          <ol class="ios-guide-steps">
            {other ? (
              <>
                <li>
                  {p('guideOther1', lang)} <ShareIcon />
                </li>
                <li>{p('guideSafari2', lang)}</li>
                <li>{p('guideSafari3', lang)}</li>
              </>
            ) : (
              safariSteps
            )}
          </ol>
        )}
        {other && platform.otherBrowserCanAdd !== false && <p>{p('guideOtherNoAdd', lang)}</p>}
        <p class="ios-guide-note">{p('guideFirstOpen', lang)}</p>
        <button type="button" ref={close} class="platform-primary" data-testid="ios-guide-close" onClick={onClose}>
          {p('guideClose', lang)}
        </button>
      </section>
    </div>
  );
}
