/**
 * Over the camera, instead of the idle hint, while a code that was just judged is still held up
 * (src/app/session/held-codes.ts): it is not judged again, and the holder is told so — a kiosk must not
 * look dead. It never says "go through" for a code that did not pass. Outside kiosk mode staff are
 * also told how to check the same code again.
 */
import type { Outcome } from '../../core/model/verdict.ts';
import { t, type Lang } from '../i18n/strings.ts';

const TEXT = { PASS: 'heldPass', FAIL: 'heldFail', NOT_READ: 'heldNotRead' } as const;
const CLS = { PASS: 'held-pass', FAIL: 'held-fail', NOT_READ: 'held-notread' } as const;

export function HeldNotice({ outcome, lang, kiosk }: { outcome: Outcome; lang: Lang; kiosk: boolean }) {
  return (
    <p class={`held-notice ${CLS[outcome]}`} data-testid="held-notice" data-outcome={outcome} role="status" aria-live="polite">
      <span class="held-main">{t(TEXT[outcome], lang)}</span>
      {!kiosk && <span class="held-again">{t('heldAgain', lang)}</span>}
    </p>
  );
}
