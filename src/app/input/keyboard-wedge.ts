/**
 * Keyboard-wedge scanners: USB/Bluetooth 2D scanners that present themselves as a keyboard and
 * "type" what they read, then Enter. They are told apart from a person by timing alone: a scanner
 * emits keys 2–20 ms apart (Bluetooth adds jitter, rarely beyond ~60 ms, and now and then holds a
 * packet back for ~150 ms; a loaded machine can stall one key for longer), a person 80–300 ms apart.
 *
 * `createWedgeDetector` is the pure state machine (fed key names and timestamps, so tests use
 * synthetic times); `attachKeyboardWedge` wires it to keydown on the page.
 */
import { MAX_INPUT_CHARS } from '../../core/pipeline/limits.ts';

export interface WedgeOptions {
  /** Shortest burst taken as a scan. Real codes are hundreds of characters; 8 keeps "ok"+Enter out. */
  minLength?: number;
  /** More than half of the gaps must be at most this (i.e. the median gap): scanners 2–20 ms, people ≥ 80 ms. */
  maxMedianGapMs?: number;
  /** A longer gap ends the burst (what came before is dropped) — unless it is a stall. Above Bluetooth jitter, below human typing. */
  maxGapMs?: number;
  /**
   * A stall: a gap longer than maxGapMs but at most this does not end a burst whose gaps so far
   * were mostly scanner-fast (or that has one key so far); it counts as one slow gap. Covers
   * Bluetooth radios holding a packet back and a loaded machine delaying a key, wherever it falls.
   */
  maxStallMs?: number;
  /** Keys that end a burst. Scanners default to Enter; some are configured for Tab. */
  terminators?: readonly string[];
  /** Longest burst kept; anything longer is not a QR code (a QR holds at most 4,296 alphanumerics). */
  maxLength?: number;
}

export const WEDGE_DEFAULTS: Required<WedgeOptions> = {
  minLength: 8,
  maxMedianGapMs: 35,
  maxGapMs: 100,
  maxStallMs: 1500,
  terminators: ['Enter'],
  maxLength: MAX_INPUT_CHARS,
};

export interface WedgeKey {
  /** KeyboardEvent.key */
  key: string;
  /** KeyboardEvent.timeStamp (ms; only differences matter). */
  time: number;
}

export type WedgeStep =
  /** A terminator ended a machine-typed burst. */
  | { kind: 'scan'; text: string }
  /**
   * A character was buffered; `machineLike` says the burst so far is too fast and regular for a
   * person; `start` that this character began a new burst (what was buffered before was dropped).
   */
  | { kind: 'char'; machineLike: boolean; start: boolean }
  /** Nothing to do: a modifier, a terminator that ended no scan, or a key that broke the burst. */
  | { kind: 'none' };

export interface WedgeDetector {
  feed(k: WedgeKey): WedgeStep;
  reset(): void;
  /** Characters currently buffered (bounded by maxLength). */
  readonly buffered: number;
}

/** Scanners press Shift for every capital; none of these keys carries a character or breaks a burst. */
const MODIFIERS = new Set([
  'Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'OS', 'Super', 'Hyper', 'Fn', 'FnLock',
  'CapsLock', 'NumLock', 'ScrollLock', 'Symbol', 'SymbolLock',
]);

/**
 * What a dead key leaves in the buffer. A US-layout scanner on a German host types base45 '+'
 * (Shift+Equal) as the dead grave accent, which a text field shows as '`'; recording the same
 * character lets scanner-text.ts repair both paths alike. No base45 character is '`'.
 */
export const DEAD_KEY_CHAR = '`';

/** Bursts this long that are already machine-like start swallowing keys (see attachKeyboardWedge). */
const SWALLOW_AFTER = 4;

export function createWedgeDetector(options: WedgeOptions = {}): WedgeDetector {
  const o = { ...WEDGE_DEFAULTS, ...options };
  let text = '';
  let overflow = false;
  let last = Number.NaN;
  // Gaps are only counted, never stored: memory stays constant however long the burst.
  let gaps = 0;
  let fastGaps = 0;
  // The burst began with a key that followed a person's keys closely (a restart after a slow gap
  // shorter than a stall): its first key is likely the person's too, so no stall may follow it.
  let afterPerson = false;

  const reset = () => {
    text = '';
    overflow = false;
    last = Number.NaN;
    gaps = 0;
    fastGaps = 0;
    afterPerson = false;
  };
  // Strict majority of fast gaps is the same test as "the (upper) median gap is fast".
  const fastMajority = () => gaps > 0 && fastGaps * 2 > gaps;

  /** A burst a person could not have typed: long enough, and most of its gaps scanner-fast. */
  const machineLike = () => text.length >= SWALLOW_AFTER && fastMajority();

  /** Records the gap since the previous key; false when the pause was too long (the burst restarts). */
  const tick = (time: number): boolean => {
    const gap = time - last;
    last = time;
    if (Number.isNaN(gap)) return true; // first key of a burst
    if (gap < 0) return false;
    // A stall inside a burst that has been scanner-fast so far (or that has one key, typed after a
    // quiet moment) does not drop it, nor its swallowed keys: it is one slow gap, and the majority
    // rule still decides. After a person's keys (most gaps slow) a long gap restarts the burst, so
    // they are not glued to a scan that follows.
    if (gap > o.maxGapMs && !(gap <= o.maxStallMs && (fastMajority() || (gaps === 0 && !afterPerson)))) return false;
    gaps++;
    if (gap <= o.maxMedianGapMs) fastGaps++;
    return true;
  };

  const feed = ({ key, time }: WedgeKey): WedgeStep => {
    if (MODIFIERS.has(key)) return { kind: 'none' };
    if (o.terminators.includes(key)) {
      const ok = text.length > 0 && tick(time) && !overflow && text.length >= o.minLength && fastMajority();
      const out = text;
      reset();
      return ok ? { kind: 'scan', text: out } : { kind: 'none' };
    }
    const ch = key === 'Dead' ? DEAD_KEY_CHAR : key;
    // One character (a code point, so a non-BMP character counts once); named keys
    // (Escape, Backspace, arrows, 'Process' from an IME) are a person's, and break the burst.
    if ([...ch].length !== 1) {
      reset();
      return { kind: 'none' };
    }
    const sincePrevious = time - last;
    if (!tick(time)) {
      reset();
      last = time;
      afterPerson = sincePrevious >= 0 && sincePrevious <= o.maxStallMs;
    }
    const start = text.length === 0;
    if (text.length < o.maxLength) text += ch;
    else overflow = true;
    return { kind: 'char', machineLike: machineLike(), start };
  };

  return {
    feed,
    reset,
    get buffered() {
      return text.length;
    },
  };
}

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
