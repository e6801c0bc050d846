/**
 * The first result screen a page shows cost far more than the next ones: in a trace at 6× CPU, one
 * forced layout of 88 ms (7–9 ms for later results) — the result's type sizes and Chinese text
 * laid out for the first time (font fallback, shaping) — plus Preact running those components for
 * the first time. So the start-up warm-up (warm-up.ts) lays the self-test's verdict out once,
 * hidden, and takes it down again in the same task.
 */
import { render } from 'preact';
import type { Verdict } from '../../core/model/verdict.ts';
import { DEMO_BUILD } from '../demo/demo-build.ts';
import { ResultScreen } from '../result/ResultScreen.tsx';

export function warmResultScreen(verdict: Verdict): void {
  const box = document.createElement('div');
  // As the scan route shows a result (a demo build marks it DEMO). Rendered detached: its effects (focus, inert siblings, keys, countdown, sound) never run,
  // because it is unmounted below before Preact gets to them.
  render(<ResultScreen verdict={verdict} lang={document.documentElement.lang === 'en' ? 'en' : 'zh-CN'} onDone={() => undefined} seconds={0} demo={DEMO_BUILD} />, box);
  // Nothing a test, a screen reader or a tap could take for a verdict.
  for (const el of box.querySelectorAll('[data-testid], [role], [aria-live]')) for (const a of ['data-testid', 'role', 'aria-live']) el.removeAttribute(a);
  box.setAttribute('aria-hidden', 'true');
  box.style.cssText = 'position: fixed; inset: 0; visibility: hidden; pointer-events: none;';
  document.body.append(box);
  void (box.firstElementChild as HTMLElement | null)?.scrollHeight; // the layout itself
  render(null, box);
  box.remove();
}
