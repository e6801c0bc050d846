/** App shell: trust state, language, routing between the scan screen and the demo page. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Verdict } from '../core/model/verdict.ts';
import { verifyCode } from '../core/pipeline/run.ts';
import { DemoPage } from './demo/DemoPage.tsx';
import { initialLang, t, type Lang } from './i18n/strings.ts';
import { ResultScreen } from './result/ResultScreen.tsx';
import { ScanScreen } from './scan/ScanScreen.tsx';
import { StatusLine } from './scan/StatusLine.tsx';
import { useNow, useTrust } from './trust/use-trust.ts';

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const { updater, snapshot } = useTrust();
  const now = useNow(30_000);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const path = location.pathname.replace(/\/+$/, '') || '/';

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const judge = useCallback(
    async (text: string) => {
      // Each verdict also records the time seen, so a clock later set back is noticed.
      void updater.noteTime();
      const v = await verifyCode(text, { trust: updater.snapshot.trust, now: new Date(), trustMeta: updater.trustMeta });
      setVerdict(v);
    },
    [updater],
  );

  const header = (
    <header class="topbar">
      <a class="brand" href="/">
        {t('appName', lang)}
      </a>
      <StatusLine snapshot={snapshot} now={now} lang={lang} onRefresh={() => void updater.refresh()} />
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
