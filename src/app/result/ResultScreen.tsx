/**
 * Full-screen verdict: PASS/FAIL in words and a symbol (never colour alone), the deciding reason
 * large, further reasons below, and only the holder data needed to match an ID card.
 */
import { useEffect, useState } from 'preact/hooks';
import { reasonText } from '../../core/i18n/reason-texts.ts';
import { verdictReasonText } from '../../core/i18n/verdict-reason-text.ts';
import { contentTrusted } from '../../core/model/trusted-content.ts';
import type { Verdict } from '../../core/model/verdict.ts';
import { ago, t, type Lang } from '../i18n/strings.ts';
import { maskName } from './mask.ts';
import { fieldLabel } from './field-labels.ts';
import { playFeedback } from './feedback.ts';

/** Default seconds before returning to scanning; a FAIL stays longer so staff can read why. */
export const RETURN_AFTER_S = { PASS: 4, FAIL: 8 } as const;

interface Props {
  verdict: Verdict;
  lang: Lang;
  onDone: () => void;
  /** Seconds until scanning resumes by itself; 0 keeps the result until tapped. */
  seconds?: number;
  feedback?: { sounds: boolean; vibration: boolean };
  /** Kiosk: type sized for reading from two metres. */
  large?: boolean;
}

export function ResultScreen({ verdict, lang, onDone, seconds = RETURN_AFTER_S[verdict.outcome], feedback, large }: Props) {
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

  const pass = verdict.outcome === 'PASS';
  const [main, ...more] = verdict.reasons;
  const c = verdict.credential;
  // Nothing a code says is shown as fact unless its own trusted key vouches for it.
  const trusted = contentTrusted(verdict);
  const showHolder = trusted && c;
  const issuerName = trusted ? (verdict.issuerName?.[lang] ?? c?.issuer.id) : c ? t('unverified', lang) : undefined;

  return (
    <section
      class={`result ${pass ? 'result-pass' : 'result-fail'}${large ? ' result-large' : ''}`}
      data-testid="result"
      data-format={verdict.format}
      data-outcome={verdict.outcome}
      data-reason={main?.code ?? ''}
      role="alert"
      aria-live="assertive"
      onClick={onDone}
    >
      <div class="verdict">
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
          {pass ? <path d="M4 12.5l5 5L20 6.5" /> : <path d="M6 6l12 12M18 6L6 18" />}
        </svg>
        <h1 class="outcome">
          <span lang="zh-CN">{t(pass ? 'pass' : 'fail', 'zh-CN')}</span> <span lang="en">{t(pass ? 'pass' : 'fail', 'en')}</span>
        </h1>
        {main && (
          <p class="main-reason" data-testid="main-reason">
            {verdictReasonText(main, lang)}
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
      <dl class="facts">
        {showHolder && c.holder.name && (
          <>
            <dt>{t('holder', lang)}</dt>
            <dd data-testid="holder-name">{maskName(c.holder.name)}</dd>
          </>
        )}
        {showHolder && c.holder.birthDate && (
          <>
            <dt>{t('born', lang)}</dt>
            <dd>{c.holder.birthDate.slice(0, 4)}</dd>
          </>
        )}
        {showHolder && c.holder.idTail && (
          <>
            <dt>{t('idTail', lang)}</dt>
            <dd>{c.holder.idTail}</dd>
          </>
        )}
        {c && !trusted && <dd class="withheld" data-testid="withheld">{t('notVerifiedHolder', lang)}</dd>}
        {issuerName && (
          <>
            <dt>{t('issuer', lang)}</dt>
            <dd data-testid="issuer-name" data-verified={trusted ? 'true' : 'false'}>
              {issuerName}
            </dd>
          </>
        )}
        {showHolder && (
          <>
            <dt>{t('issued', lang)}</dt>
            <dd>{ago(c.issuedAt, Date.now(), lang)}</dd>
          </>
        )}
        <dt>{t('policy', lang)}</dt>
        <dd data-testid="policy-name" data-policy={verdict.policy.id}>
          {verdict.policy.names[lang]}
        </dd>
      </dl>
      {showHolder && c.unknown && c.unknown.length > 0 && (
        <section class="unknown-content" data-testid="unknown-content" aria-label={t('unknownContent', lang)}>
          <h2>{t('unknownContent', lang)}</h2>
          <ul>
            {c.unknown.map((u, i) => (
              <li key={i} data-field={u.field}>
                <span class="unknown-field">{fieldLabel(verdict.format, u.field, lang)}</span> <code>{u.value}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
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
