/** App shell: trust state, language, routing between the scan screen and the demo page. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Verdict } from '../core/model/verdict.ts';
import { verifyCode } from '../core/pipeline/run.ts';
import type { Trust } from '../core/trust/trust-index.ts';
import { DemoPage } from './demo/DemoPage.tsx';
import { initialLang, t, type Lang } from './i18n/strings.ts';
import { ResultScreen } from './result/ResultScreen.tsx';
import { ScanScreen } from './scan/ScanScreen.tsx';
import { StatusLine } from './scan/StatusLine.tsx';
import { loadTrust } from './trust/load-trust.ts';

export type TrustView = { state: 'loading' } | { state: 'ready'; trust: Trust } | { state: 'error'; error: string };

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [trust, setTrust] = useState<TrustView>({ state: 'loading' });
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const path = location.pathname.replace(/\/+$/, '') || '/';

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    loadTrust().then((r) => setTrust(r.ok ? { state: 'ready', trust: r.trust } : { state: 'error', error: r.error }));
  }, []);

  const judge = useCallback(
    async (text: string) => {
      const v = await verifyCode(text, { trust: trust.state === 'ready' ? trust.trust : null, now: new Date() });
      setVerdict(v);
    },
    [trust],
  );

  const header = (
    <header class="topbar">
      <a class="brand" href="/">
        {t('appName', lang)}
      </a>
      <StatusLine trust={trust} lang={lang} />
      <nav>
        <a href={path === '/demo' ? '/' : '/demo'}>{path === '/demo' ? t('backToScan', lang) : t('demoLink', lang)}</a>
        <button type="button" class="lang" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
          {t('language', lang)}
        </button>
      </nav>
    </header>
  );

  if (path === '/demo')
    return (
      <>
        {header}
        <DemoPage lang={lang} />
      </>
    );
  return (
    <>
      {header}
      <ScanScreen lang={lang} onCode={judge} paused={verdict !== null} />
      {verdict && <ResultScreen verdict={verdict} lang={lang} onDone={() => setVerdict(null)} />}
    </>
  );
}
