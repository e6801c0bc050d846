/**
 * The paste box: code text pasted or typed by staff, judged by Verify.
 *
 * - Cleared once its code has been judged (the verdict is on screen), so the next paste is never
 *   glued to the last code.
 * - One code, one verdict: while a code is being judged, Verify is disabled and the box read-only;
 *   the second tap of a double tap, landing on the result that is by then where Verify was, is
 *   swallowed rather than closing the result at once.
 * - A keyboard-wedge scanner typing into the focused box is a scan (`data-wedge="scan"`, see
 *   keyboard-wedge.ts): judged at its Enter, and the box put back as it was.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type Lang } from '../i18n/strings.ts';
import { WEDGE_TARGET_ATTR } from './keyboard-wedge.ts';

/** A tap this soon after Verify, where Verify was, is the second tap of a double tap. */
const DOUBLE_TAP_MS = 500;
/** How far (CSS px) a second tap may land from the first and still be the same double tap. */
const DOUBLE_TAP_SLOP_PX = 40;

interface Props {
  lang: Lang;
  /** Judge the text; a returned promise settles once the verdict is shown. */
  onText: (text: string) => unknown;
}

export function PasteBox({ lang, onText }: Props) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const lastTap = useRef<{ x: number; y: number; at: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const mounted = useRef(true);
  const unguard = useRef<(() => void) | null>(null);
  useEffect(
    () => () => {
      mounted.current = false;
      unguard.current?.();
    },
    [],
  );

  /**
   * For DOUBLE_TAP_MS, one click near where Verify was tapped that lands on something else (the
   * result, by then covering Verify) goes nowhere: it would close the result at once. A click on
   * Verify itself goes through (busy, it does nothing; judged, it is the next code's).
   */
  const guardSecondTap = (x: number, y: number) => {
    unguard.current?.();
    const onClick = (e: MouseEvent) => {
      const onVerify = e.target instanceof Node && button.current?.contains(e.target);
      if (onVerify || Math.hypot(e.clientX - x, e.clientY - y) > DOUBLE_TAP_SLOP_PX) return;
      e.stopPropagation();
      e.preventDefault();
      unguard.current?.();
    };
    // Capture on window: before any element's own click handler.
    addEventListener('click', onClick, { capture: true });
    const id = setTimeout(() => unguard.current?.(), DOUBLE_TAP_MS);
    unguard.current = () => {
      removeEventListener('click', onClick, { capture: true });
      clearTimeout(id);
      unguard.current = null;
    };
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const code = text;
    if (busyRef.current || !code.trim()) return;
    busyRef.current = true;
    setBusy(true);
    // Tapped (not Enter on the button): the next tap near the same spot may be this tap's twin.
    const tap = lastTap.current;
    if (tap && performance.now() - tap.at < DOUBLE_TAP_MS) guardSecondTap(tap.x, tap.y);
    try {
      await onText(code);
      if (mounted.current) setText('');
    } finally {
      busyRef.current = false;
      if (mounted.current) setBusy(false);
    }
  };

  return (
    <form class="paste" onSubmit={(e) => void submit(e)}>
      <label for="paste">{t('pasteLabel', lang)}</label>
      <textarea
        id="paste"
        data-testid="paste-input"
        {...{ [WEDGE_TARGET_ATTR]: 'scan' }}
        rows={3}
        spellcheck={false}
        autocomplete="off"
        placeholder={t('pastePlaceholder', lang)}
        value={text}
        readOnly={busy}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      <button
        ref={button}
        type="submit"
        data-testid="paste-submit"
        disabled={busy}
        aria-busy={busy}
        onClick={(e) => {
          // A click from the keyboard has no position (detail 0): nothing to guard.
          lastTap.current = e.detail > 0 ? { x: e.clientX, y: e.clientY, at: performance.now() } : null;
        }}
      >
        {t('verify', lang)}
      </button>
    </form>
  );
}
