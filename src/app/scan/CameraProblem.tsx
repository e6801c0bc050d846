/**
 * What the scan screen shows instead of the viewfinder when the camera cannot start: why, how to
 * allow it (Android Chrome and desktop wording), Retry, and the other inputs that work meanwhile.
 * It takes the viewfinder's place rather than covering it, so nothing of it hides behind a picture
 * and nothing else moves under it.
 */
import { t, type Lang } from '../i18n/strings.ts';
import type { CameraProblem as Problem } from './camera-errors.ts';

interface Props {
  lang: Lang;
  problem: Problem;
  /** Set while a retry runs. */
  retrying: boolean;
  onRetry: () => void;
  /** Kiosk mode has no image or paste input: the holder is sent to staff instead. */
  kiosk: boolean;
}

const TITLE = { denied: 'camDeniedTitle', missing: 'camMissingTitle', busy: 'camBusyTitle', insecure: 'camInsecureTitle', failed: 'camFailedTitle' } as const;

/** Runs a control of the input bar or paste box, found by its test id (they belong to other components). */
const byTestId = <T extends HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`);

export function CameraProblem({ lang, problem, retrying, onRetry, kiosk }: Props) {
  return (
    <section class="camera-problem" data-testid="camera-problem" data-kind={problem} role="alert" aria-labelledby="camera-problem-title">
      <h2 id="camera-problem-title">{t(TITLE[problem], lang)}</h2>
      {problem === 'denied' && (
        <ol class="camera-problem-steps">
          <li>{t('camDeniedAndroid', lang)}</li>
          <li>{t('camDeniedDesktop', lang)}</li>
        </ol>
      )}
      {problem === 'missing' && <p>{t('camMissingHow', lang)}</p>}
      {problem === 'busy' && <p>{t('camBusyHow', lang)}</p>}
      {problem === 'insecure' && <p>{t('camInsecureHow', lang)}</p>}
      {problem === 'failed' && <p>{t('camFailedHow', lang)}</p>}
      <div class="camera-problem-actions">
        <button type="button" class="camera-retry" data-testid="camera-retry" onClick={onRetry} disabled={retrying} aria-busy={retrying}>
          {t('camRetry', lang)}
        </button>
      </div>
      {kiosk ? (
        <p class="camera-problem-other">{t('camAskStaff', lang)}</p>
      ) : (
        <div class="camera-problem-other">
          <p>{t('camMeanwhile', lang)}</p>
          <div class="camera-problem-actions">
            <button type="button" data-testid="camera-use-image" onClick={() => byTestId<HTMLButtonElement>('image-button')?.click()}>
              {t('camUseImage', lang)}
            </button>
            <button
              type="button"
              data-testid="camera-use-paste"
              onClick={() => {
                const box = byTestId<HTMLTextAreaElement>('paste-input');
                box?.scrollIntoView({ block: 'center' });
                box?.focus();
              }}
            >
              {t('camUsePaste', lang)}
            </button>
          </div>
          <p class="camera-problem-note">{t('camScannerWorks', lang)}</p>
        </div>
      )}
    </section>
  );
}
