/**
 * The keyboard-wedge detector: a pure state machine fed key names and timestamps, so tests use
 * synthetic times. A scanner emits keys 2–20 ms apart (Bluetooth adds jitter, rarely beyond ~60 ms,
 * and now and then holds a packet back for ~150 ms; a loaded machine can stall one key for longer),
 * a person 80–300 ms apart. keyboard-wedge.ts wires it to the page's key events.
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
