/**
 * Full-screen verdict: PASS/FAIL in words and a symbol (never colour alone), the deciding reason
 * large, further reasons below, and only the holder data needed to match an ID card.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { reasonText } from '../../core/i18n/reason-texts.ts';
import { verdictReasonText } from '../../core/i18n/verdict-reason-text.ts';
import { contentTrusted } from '../../core/model/trusted-content.ts';
import type { Verdict } from '../../core/model/verdict.ts';
import { DEMO_BUILD } from '../demo/demo-build.ts';
import { t, type Lang } from '../i18n/strings.ts';
import { issuerLabel } from './pass.ts';
import { ResultFacts } from './ResultFacts.tsx';
import { playFeedback } from './feedback.ts';

/** Default seconds before returning to scanning; a FAIL stays longer so staff can read why. */
export const RETURN_AFTER_S = { PASS: 4, FAIL: 8, NOT_READ: 3 } as const;

/** Per outcome: class, icon path, heading key. NOT_READ is neither verdict: neutral, a question. */
const LOOK = {
  PASS: { cls: 'result-pass', icon: 'M4 12.5l5 5L20 6.5', heading: 'pass' },
  FAIL: { cls: 'result-fail', icon: 'M6 6l12 12M18 6L6 18', heading: 'fail' },
  NOT_READ: { cls: 'result-notread', icon: 'M8.5 9a3.5 3.5 0 1 1 5 3.2c-1 .5-1.5 1.2-1.5 2.3v.5M12 18.6v.1', heading: 'notRead' },
} as const;

interface Props {
  verdict: Verdict;
  lang: Lang;
  onDone: () => void;
  /** Seconds until scanning resumes by itself; 0 keeps the result until tapped. */
  seconds?: number;
  feedback?: { sounds: boolean; vibration: boolean };
  /** Kiosk: type sized for reading from two metres. */
  large?: boolean;
  /** The trust list is a demo one: say so on every result, so no demo verdict passes for real. */
  demo?: boolean;
}

export function ResultScreen({ verdict, lang, onDone, seconds = RETURN_AFTER_S[verdict.outcome], feedback, large, demo }: Props) {
  const [left, setLeft] = useState<number>(seconds);
  useEffect(() => {
    if (feedback) playFeedback(verdict.outcome, feedback);
  }, [verdict]);
  useEffect(() => {
    if (seconds <= 0) return;
    if (left <= 0) {
      onDone();
      return;
    }
    const id = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(id);
  }, [left, seconds]);

  const look = LOOK[verdict.outcome];
  const section = useRef<HTMLElement>(null);
  useFitToScreen(section, [verdict, lang, large, demo]);
  useModal(section, onDone);
  const [main, ...more] = verdict.reasons;
  const c = verdict.credential;
  // Nothing a code says is shown as fact unless its own trusted key vouches for it.
  const trusted = contentTrusted(verdict);
  const issuerName = trusted ? (verdict.issuerName?.[lang] ?? (c && issuerLabel(c.issuer))) : c ? t('unverified', lang) : undefined;

  return (
    <section
      ref={section}
      class={`result ${look.cls}${large ? ' result-large' : ''}`}
      data-testid="result"
      data-format={verdict.format}
      data-outcome={verdict.outcome}
      data-reason={main?.code ?? ''}
      role="alert"
      aria-live="assertive"
      tabIndex={-1}
      onClick={onDone}
    >
      {DEMO_BUILD && demo && (
        <p class="result-demo" data-testid="result-demo">
          {t('demoBadge', lang)} · {t('demoResult', lang)}
        </p>
      )}
      <div class="verdict">
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d={look.icon} />
        </svg>
        <h1 class="outcome">
          <span lang="zh-CN">{t(look.heading, 'zh-CN')}</span> <span lang="en">{t(look.heading, 'en')}</span>
        </h1>
        {verdict.outcome === 'NOT_READ' && (
          <p class="scan-again" data-testid="scan-again">
            {t('scanAgain', lang)}
          </p>
        )}
        {main && (
          <p class="main-reason" data-testid="main-reason">
            {verdictReasonText(main, lang)}
          </p>
        )}
        {verdict.outcome === 'PASS' && c?.deviceBound?.presentedAt && (
          // A device-bound code shown live: its holder's phone signed this very minute (not a screenshot).
          <p class="live-code" data-testid="live-code" data-presented-at={c.deviceBound.presentedAt}>
            ✓ {t('liveCodeVerified', lang)} · {t('liveCodeAt', lang)} {localTime(c.deviceBound.presentedAt)}
          </p>
        )}
        {verdict.warnings.length > 0 && (
          <ul class="result-warnings" data-testid="warnings" aria-label={t('warnings', lang)}>
            {verdict.warnings.map((r) => (
              <li key={r.code} data-code={r.code}>
                ⚠ {reasonText(r.code, lang)}
              </li>
            ))}
          </ul>
        )}
        {more.length > 0 && (
          <ul class="more-reasons" aria-label={t('otherReasons', lang)}>
            {more.map((r) => (
              <li key={`${r.code}:${r.rule?.id ?? ''}`}>{verdictReasonText(r, lang)}</li>
            ))}
          </ul>
        )}
      </div>
      <ResultFacts verdict={verdict} lang={lang} trusted={trusted} issuerName={issuerName} />
      <p class="countdown" data-testid="countdown">
        {t('tapToContinue', lang)}
        {seconds > 0 && (
          <>
            {' · '}
            <span data-testid="countdown-seconds">{left}</span> {t('returningIn', lang)}
          </>
        )}
      </p>
    </section>
  );
}

/** HH:MM:SS local: a presentation's slot start, to compare with the clock on the wall. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return Number.isNaN(d.getTime()) ? iso : `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Smallest type the fitting goes down to (CSS px): below it the result would not be read. */
const MIN_FONT_PX = 9;

/**
 * Shrinks the result's type (every size inside is in em of the section's) until nothing overflows
 * the screen: a long FAIL in kiosk large type on a phone still shows its ✕ and its countdown.
 * Runs before paint, again on resize.
 */
function useFitToScreen(ref: { current: HTMLElement | null }, deps: unknown[]): void {
  useLayoutEffect(() => {
    const fit = () => {
      const el = ref.current;
      if (!el) return;
      el.style.fontSize = '';
      let size = parseFloat(getComputedStyle(el).fontSize);
      const overflows = () => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
      while (overflows() && size > MIN_FONT_PX) {
        size = Math.max(MIN_FONT_PX, size * 0.92);
        el.style.fontSize = `${size}px`;
      }
    };
    fit();
    addEventListener('resize', fit);
    return () => removeEventListener('resize', fit);
  }, deps);
}

/**
 * While a result is shown it is the only thing there: it takes focus, the controls behind it are
 * inert (no stray tap or Tab reaches Settings), and Enter, Space or Escape dismiss it — a gloved
 * hand or a keyboard needs no precise tap.
 */
function useModal(ref: { current: HTMLElement | null }, onDone: () => void): void {
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const parent = el.parentElement;
    // Everything beside the result, looked up again on the way out: the page may have re-rendered meanwhile.
    const behind = () => Array.from(parent?.children ?? []).filter((c): c is HTMLElement => c instanceof HTMLElement && !c.classList.contains('result'));
    for (const c of behind()) c.inert = true;
    el.focus({ preventScroll: true });
    const onKey = (e: KeyboardEvent) => {
      // A key the scanner input already took (a wedge burst, its Enter) is not the operator's.
      if (e.defaultPrevented || (e.key !== 'Enter' && e.key !== ' ' && e.key !== 'Escape')) return;
      e.preventDefault();
      done.current();
    };
    addEventListener('keydown', onKey);
    return () => {
      removeEventListener('keydown', onKey);
      for (const c of behind()) c.inert = false;
    };
  }, []);
}
