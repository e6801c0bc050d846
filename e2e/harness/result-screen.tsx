/**
 * Test harness, not product code: renders the app's own ResultScreen with the app's stylesheet for
 * any verdict, so e2e/result-fit.spec.ts can lay out every outcome and reason at every screen size.
 * Bundled by the spec with esbuild at run time.
 */
import { render } from 'preact';
import type { Lang } from '../../src/app/i18n/strings.ts';
import { ResultScreen } from '../../src/app/result/ResultScreen.tsx';
import type { Verdict } from '../../src/core/model/verdict.ts';

declare global {
  interface Window {
    showResult(verdict: Verdict, lang: Lang, large: boolean, demo: boolean): void;
  }
}

window.showResult = (verdict, lang, large, demo) => {
  const root = document.getElementById('root')!;
  render(null, root);
  render(<ResultScreen verdict={verdict} lang={lang} large={large} demo={demo} seconds={8} onDone={() => undefined} />, root);
};
