/** /demo: the demo world's sample codes as QR images, with what each should produce. */
import { useEffect, useState } from 'preact/hooks';
import { reasonText } from '../../core/i18n/reason-texts.ts';
import type { ReasonCode } from '../../core/model/reasons.ts';
import type { LocalizedName } from '../../core/model/verdict.ts';
import { t, type Lang } from '../i18n/strings.ts';

interface DemoCode {
  name: string;
  expect: 'PASS' | 'FAIL';
  reason?: ReasonCode;
  alg: string;
  about: LocalizedName;
}

export const DEMO_CODES_URL = '/demo-world/codes/';

export function DemoPage({ lang }: { lang: Lang }) {
  const [codes, setCodes] = useState<DemoCode[] | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    fetch(`${DEMO_CODES_URL}index.json`, { cache: 'no-cache' })
      .then((r) => (r.ok ? r.json() : Promise.reject()))
      .then(setCodes, () => setError(true));
  }, []);
  return (
    <main class="demo">
      <h1>{t('demoTitle', lang)}</h1>
      <p class="demo-intro">{t('demoIntro', lang)}</p>
      {error && <p class="status-bad">{t('trustMissing', lang)}</p>}
      <ul class="demo-grid">
        {codes?.map((c) => (
          <li key={c.name} class={`demo-card demo-${c.expect.toLowerCase()}`} data-testid="demo-code" data-name={c.name}>
            <img src={`${DEMO_CODES_URL}${c.name}.png`} alt={c.about[lang]} width={240} height={240} />
            <h2>{c.about[lang]}</h2>
            <p>
              {t('expected', lang)}: <strong>{c.expect === 'PASS' ? t('pass', lang) : t('fail', lang)}</strong>
              {c.reason && ` — ${reasonText(c.reason, lang)}`}
            </p>
            <p class="demo-meta">
              {c.name} · {c.alg}
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
