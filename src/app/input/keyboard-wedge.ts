/**
 * Keyboard-wedge scanners: USB/Bluetooth 2D scanners that present themselves as a keyboard and
 * "type" what they read, then Enter. They are told apart from a person by timing alone
 * (wedge-detector.ts, the pure state machine); `attachKeyboardWedge` wires it to keydown on the page.
 */
import { createWedgeDetector, type WedgeOptions } from './wedge-detector.ts';

export { createWedgeDetector, DEAD_KEY_CHAR, WEDGE_DEFAULTS, type WedgeDetector, type WedgeKey, type WedgeOptions, type WedgeStep } from './wedge-detector.ts';

/** Where a keydown lands in a field that takes text: the person is typing or pasting there. */
export function isTextEntry(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const el = node as { tagName?: unknown; type?: unknown; isContentEditable?: unknown };
  if (el.isContentEditable === true) return true;
  const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = typeof el.type === 'string' ? el.type.toLowerCase() : 'text';
  return !NON_TEXT_INPUTS.has(type);
}
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit']);

/**
 * Marks a text field where a scanner's burst is a scan too (the paste box): `data-wedge="scan"`.
 * Other text fields (settings, PIN) are left alone, as typing there is a person's.
 */
export const WEDGE_TARGET_ATTR = 'data-wedge';

/** A text field the wedge may put back after a scan typed into it. */
interface ScanField {
  value: string;
  selectionStart?: number | null;
  selectionEnd?: number | null;
  setSelectionRange?: (start: number, end: number) => void;
  dispatchEvent(e: Event): boolean;
}
function scanTarget(node: unknown): ScanField | null {
  const el = node as { getAttribute?: unknown; value?: unknown; dispatchEvent?: unknown } | null;
  if (!el || typeof el.getAttribute !== 'function' || typeof el.value !== 'string' || typeof el.dispatchEvent !== 'function') return null;
  return (el.getAttribute as (n: string) => string | null).call(el, WEDGE_TARGET_ATTR) === 'scan' ? (el as unknown as ScanField) : null;
}

/** Matches a keyup to its keydown: `code` is the physical key, while `key` can change in between (Shift released first). */
const physicalKey = (e: KeyboardEvent): string => (typeof e.code === 'string' && e.code !== '' ? e.code : String(e.key));

/**
 * Listens for scanner bursts on `target` (normally `document`) and calls `onScan` with the text.
 * Returns a function that detaches the listeners.
 *
 * - Keys typed into a text field are left alone and break the burst — except in a field marked
 *   `data-wedge="scan"` (the paste box). There the keys land as typed (nothing is swallowed: a
 *   space or '/' in a text field is only text), and when a burst ends as a scan its terminator is
 *   swallowed and the field is put back to what it held before the burst (with an `input` event,
 *   so a controlled field follows). A burst with no terminator stays in the field, as typed.
 * - Auto-repeat and shortcuts (Ctrl/Meta held, AltGr excepted) are a person's: they break the burst.
 * - Once a burst is machine-like, its keys are swallowed (preventDefault on keydown and on the
 *   matching keyup): otherwise a space in the code would click a focused button on keyup, and '/'
 *   or "'" would open Firefox's quick find and steal the rest of the burst. The terminator that
 *   completes a scan is swallowed too, so Enter does not click a focused button (or Tab move focus).
 *   The first few keys of a burst cannot be told apart and pass through; they are harmless letters
 *   and digits of the format prefix.
 */
export function attachKeyboardWedge(target: EventTarget, onScan: (text: string) => void, opts?: WedgeOptions): () => void {
  const detector = createWedgeDetector(opts);
  // Keys whose keydown we swallowed: their keyup must not act either (Space clicks buttons on keyup).
  const swallowedUp = new Set<string>();

  // The scan-target field a burst began in, and what it held then.
  let before: { field: ScanField; value: string; start: number | null; end: number | null } | null = null;

  const onKeyDown = (event: Event) => {
    const e = event as KeyboardEvent;
    const origin = e.composedPath?.()[0] ?? e.target;
    const altGraph = typeof e.getModifierState === 'function' && e.getModifierState('AltGraph');
    const field = isTextEntry(origin) ? scanTarget(origin) : undefined;
    // typeof: browsers' autofill dispatches keydown events that carry no key at all.
    if (typeof e.key !== 'string' || field === null || e.repeat || ((e.ctrlKey || e.metaKey) && !altGraph)) {
      detector.reset();
      before = null;
      return;
    }
    const step = detector.feed({ key: e.key, time: e.timeStamp });
    // keydown comes before the character lands: the field still holds what it held before the burst.
    if (step.kind === 'char' && step.start) before = field ? { field, value: field.value, start: field.selectionStart ?? null, end: field.selectionEnd ?? null } : null;
    if (step.kind === 'scan' || (step.kind === 'char' && step.machineLike && !field)) {
      e.preventDefault();
      swallowedUp.add(physicalKey(e));
    }
    if (step.kind === 'scan') {
      if (field && before?.field === field) putBack(before);
      before = null;
      onScan(step.text);
    }
  };
  const onKeyUp = (event: Event) => {
    const e = event as KeyboardEvent;
    if (swallowedUp.delete(physicalKey(e))) e.preventDefault();
  };

  // Capture phase: we decide before any component's own key handler can act on the key.
  // (An options object, not `true`: Node's EventTarget, used by the tests, ignores a boolean on removal.)
  const capture = { capture: true };
  const putBack = (b: NonNullable<typeof before>) => {
    b.field.value = b.value;
    if (b.start !== null && b.end !== null) b.field.setSelectionRange?.(b.start, b.end);
    b.field.dispatchEvent(new Event('input', { bubbles: true }));
  };

  target.addEventListener('keydown', onKeyDown, capture);
  target.addEventListener('keyup', onKeyUp, capture);
  return () => {
    target.removeEventListener('keydown', onKeyDown, capture);
    target.removeEventListener('keyup', onKeyUp, capture);
    detector.reset();
    swallowedUp.clear();
    before = null;
  };
}
