/**
 * The facts under a verdict: the holder (masked), passes, issuer, when issued, the policy, and
 * signed content we did not recognise. Holder facts only when the code's own trusted key vouches
 * for them (`trusted`); the issuer then by its bundle name, else the word "unverified".
 */
import { Fragment } from 'preact';
import type { Verdict } from '../../core/model/verdict.ts';
import { ago, t, type Lang } from '../i18n/strings.ts';
import { fieldLabel } from './field-labels.ts';
import { maskName } from './mask.ts';
import { passText } from './pass.ts';

interface Props {
  verdict: Verdict;
  lang: Lang;
  trusted: boolean;
  issuerName: string | undefined;
}

export function ResultFacts({ verdict, lang, trusted, issuerName }: Props) {
  const c = verdict.credential;
  const showHolder = trusted && c;
  return (
    <>
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
        {showHolder &&
          c.passes?.map((p, i) => (
            <Fragment key={i}>
              <dt>{t('passRecord', lang)}</dt>
              <dd data-testid="pass" data-type={p.type}>
                {passText(verdict.format, p, lang)}
              </dd>
            </Fragment>
          ))}
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
    </>
  );
}
