import { describe, expect, it } from 'vitest';
import { attachKeyboardWedge, createWedgeDetector, isTextEntry, WEDGE_DEFAULTS, type WedgeDetector, type WedgeStep } from './keyboard-wedge.ts';

// Synthetic timestamps only: nothing here waits on a real clock.
/** Inter-key gaps (ms) in the range 2D scanners produce, with some jitter. */
const SCANNER_GAPS = [3, 12, 7, 18, 2, 9, 15, 5];
/** A person typing: 80–300 ms between keys. */
const PERSON_GAPS = [95, 180, 140, 260, 120, 85, 210, 300];
/** The fastest plausible person: under the 100 ms burst break, but never scanner-fast. */
const FAST_TYPIST_GAPS = [62, 48, 75, 90, 55, 70];

const CODE = 'CNHC1:6BFOXN*TS0BI$ZDFRH%5O4';

/** Feeds `text` then `end` (a key name, or none) with the given gaps cycling; returns the steps and the next time. */
function type(det: WedgeDetector, text: string, gaps: number[], start = 1000, end: string | null = 'Enter') {
  const steps: WedgeStep[] = [];
  let time = start;
  const keys = [...text];
  if (end) keys.push(end);
  keys.forEach((key, i) => {
    if (i > 0) time += gaps[(i - 1) % gaps.length]!;
    steps.push(det.feed({ key, time }));
  });
  return { steps, time, scans: scansOf(steps) };
}
const scansOf = (steps: WedgeStep[]) => steps.flatMap((s) => (s.kind === 'scan' ? [s.text] : []));

describe('createWedgeDetector', () => {
  it('takes a scanner-timed burst ending in Enter as one scan', () => {
    const { scans } = type(createWedgeDetector(), CODE, SCANNER_GAPS);
    expect(scans).toEqual([CODE]);
  });

  it('does not take the same text typed by a person as a scan', () => {
    expect(type(createWedgeDetector(), CODE, PERSON_GAPS).scans).toEqual([]);
    expect(type(createWedgeDetector(), CODE, FAST_TYPIST_GAPS).scans).toEqual([]);
  });

  it('does nothing for Enter alone', () => {
    const det = createWedgeDetector();
    expect(det.feed({ key: 'Enter', time: 5 })).toEqual({ kind: 'none' });
    expect(det.feed({ key: 'Enter', time: 9 })).toEqual({ kind: 'none' });
  });

  it('ignores a burst shorter than minLength, and honours a custom one', () => {
    expect(type(createWedgeDetector(), 'ABC1234', SCANNER_GAPS).scans).toEqual([]);
    expect(type(createWedgeDetector({ minLength: 4 }), 'ABC1234', SCANNER_GAPS).scans).toEqual(['ABC1234']);
  });

  it('ignores modifier keys: a scanner pressing Shift for each capital still reads as the plain text', () => {
    const det = createWedgeDetector();
    let time = 0;
    const scans: string[] = [];
    for (const ch of CODE) {
      if (/[A-Z$%*:]/.test(ch)) det.feed({ key: 'Shift', time: (time += 1) });
      scans.push(...scansOf([det.feed({ key: ch, time: (time += 4) })]));
    }
    det.feed({ key: 'CapsLock', time: (time += 1) });
    scans.push(...scansOf([det.feed({ key: 'Enter', time: (time += 4) })]));
    expect(scans).toEqual([CODE]);
  });

  it('finds the scan after a person typed something and paused (mixed)', () => {
    const det = createWedgeDetector();
    const person = type(det, 'hello world', PERSON_GAPS, 0, null);
    const { scans } = type(det, CODE, SCANNER_GAPS, person.time + 400);
    expect(person.scans).toEqual([]);
    expect(scans).toEqual([CODE]);
    // And a person pressing Enter well after the scan gets nothing.
    expect(det.feed({ key: 'Enter', time: 1e6 })).toEqual({ kind: 'none' });
  });

  it('drops what came before a long pause inside a burst', () => {
    const det = createWedgeDetector();
    const head = type(det, 'CNHC1:6BFO', SCANNER_GAPS, 0, null);
    const { scans } = type(det, 'XN*TS0BI$ZDF', SCANNER_GAPS, head.time + WEDGE_DEFAULTS.maxGapMs + 50);
    expect(scans).toEqual(['XN*TS0BI$ZDF']);
  });

  it('does not scan when the Enter itself comes after a long pause', () => {
    const det = createWedgeDetector();
    const burst = type(det, CODE, SCANNER_GAPS, 0, null);
    expect(det.feed({ key: 'Enter', time: burst.time + 500 })).toEqual({ kind: 'none' });
    expect(det.buffered).toBe(0);
  });

  it('tolerates occasional Bluetooth-like gaps as long as most gaps are fast', () => {
    const bt = [8, 8, 70, 8, 8, 8, 60, 8];
    expect(type(createWedgeDetector(), CODE, bt).scans).toEqual([CODE]);
    // Mostly slow (only a third fast) is not a scanner, even with no gap over the break.
    expect(type(createWedgeDetector(), CODE, [8, 70, 70]).scans).toEqual([]);
  });

  it('ends bursts on Tab only when configured to', () => {
    expect(type(createWedgeDetector(), CODE, SCANNER_GAPS, 0, 'Tab').scans).toEqual([]);
    expect(type(createWedgeDetector({ terminators: ['Enter', 'Tab'] }), CODE, SCANNER_GAPS, 0, 'Tab').scans).toEqual([CODE]);
  });

  it('breaks the burst on a named key such as Backspace', () => {
    const det = createWedgeDetector();
    type(det, 'CNHC1:6BFOXN', SCANNER_GAPS, 0, null);
    det.feed({ key: 'Backspace', time: 2000 });
    expect(det.buffered).toBe(0);
  });

  it('records a dead key as the character a text field would show for it', () => {
    const det = createWedgeDetector();
    const { scans, time } = type(det, 'HC1Ö6BF', SCANNER_GAPS, 0, null);
    det.feed({ key: 'Dead', time: time + 5 });
    det.feed({ key: 'B', time: time + 10 });
    expect(scansOf([det.feed({ key: 'Enter', time: time + 15 })])).toEqual(['HC1Ö6BF`B']);
    expect(scans).toEqual([]);
  });

  it('marks a burst machine-like only once it is long and fast enough', () => {
    const { steps } = type(createWedgeDetector(), 'ABCDEF', SCANNER_GAPS, 0, null);
    expect(steps.map((s) => s.kind === 'char' && s.machineLike)).toEqual([false, false, false, true, true, true]);
    const slow = type(createWedgeDetector(), 'ABCDEF', FAST_TYPIST_GAPS, 0, null);
    expect(slow.steps.some((s) => s.kind === 'char' && s.machineLike)).toBe(false);
  });

  it('caps a very long burst: the buffer stops growing and no scan comes out of it', () => {
    const det = createWedgeDetector();
    let time = 0;
    let maxBuffered = 0;
    for (let i = 0; i < 3 * WEDGE_DEFAULTS.maxLength; i++) {
      det.feed({ key: 'A', time: (time += 5) });
      maxBuffered = Math.max(maxBuffered, det.buffered);
    }
    expect(maxBuffered).toBe(WEDGE_DEFAULTS.maxLength);
    expect(det.feed({ key: 'Enter', time: (time += 5) })).toEqual({ kind: 'none' });
    expect(det.buffered).toBe(0);
    // The detector is usable again straight after.
    expect(type(det, CODE, SCANNER_GAPS, time + 1000).scans).toEqual([CODE]);
  });
});

describe('isTextEntry', () => {
  it('is true for text fields and contenteditable, false for buttons and the page', () => {
    expect(isTextEntry({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'file' })).toBe(false);
    expect(isTextEntry({ tagName: 'BUTTON' })).toBe(false);
    expect(isTextEntry({ tagName: 'BODY', isContentEditable: false })).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});

describe('attachKeyboardWedge', () => {
  type Fake = { tagName: string; type?: string };
  const BODY: Fake = { tagName: 'BODY' };

  /** A keydown/keyup as the browser would deliver it to `document`, `origin` being the focused element. */
  function key(doc: EventTarget, kind: 'keydown' | 'keyup', k: string, time: number, origin: Fake = BODY, extra: Record<string, unknown> = {}) {
    const e = new Event(kind, { cancelable: true });
    const props = { key: k, code: k === ' ' ? 'Space' : `K${k}`, timeStamp: time, target: origin, composedPath: () => [origin], ...extra };
    for (const [name, value] of Object.entries(props)) Object.defineProperty(e, name, { value });
    doc.dispatchEvent(e);
    return e;
  }
  /** Types `text` + Enter with scanner gaps; returns the keydown events. */
  function scan(doc: EventTarget, text: string, origin: Fake = BODY, start = 0, gaps = SCANNER_GAPS) {
    let time = start;
    return [...text, 'Enter'].map((k, i) => key(doc, 'keydown', k, i === 0 ? time : (time += gaps[(i - 1) % gaps.length]!), origin));
  }

  it('reports a scan and stops its Enter from clicking the focused button', () => {
    const doc = new EventTarget();
    const scans: string[] = [];
    attachKeyboardWedge(doc, (t) => scans.push(t));
    const events = scan(doc, CODE, { tagName: 'BUTTON' });
    expect(scans).toEqual([CODE]);
    expect(events.at(-1)!.defaultPrevented).toBe(true);
    // The first keys pass through (not yet recognisable); the rest of the burst is swallowed.
    expect(events.slice(0, 3).some((e) => e.defaultPrevented)).toBe(false);
    expect(events.slice(3).every((e) => e.defaultPrevented)).toBe(true);
  });

  it('swallows the keyup of a swallowed space, so a focused button is not clicked mid-scan', () => {
    const doc = new EventTarget();
    attachKeyboardWedge(doc, () => {});
    let time = 0;
    const events = [...'CNHC1:6BF'].map((ch) => key(doc, 'keydown', ch, (time += 5)));
    const space = key(doc, 'keydown', ' ', (time += 5));
    const spaceUp = key(doc, 'keyup', ' ', (time += 1));
    expect(events.at(-1)!.defaultPrevented).toBe(true);
    expect(space.defaultPrevented).toBe(true);
    expect(spaceUp.defaultPrevented).toBe(true);
    // A keyup without a swallowed keydown is left alone.
    expect(key(doc, 'keyup', ' ', 900).defaultPrevented).toBe(false);
  });

  it('leaves a person alone: slow typing and a lone Enter are neither scans nor prevented', () => {
    const doc = new EventTarget();
    const scans: string[] = [];
    attachKeyboardWedge(doc, (t) => scans.push(t));
    const events = scan(doc, CODE, { tagName: 'BUTTON' }, 0, PERSON_GAPS);
    const lone = key(doc, 'keydown', 'Enter', 99_999, { tagName: 'BUTTON' });
    expect(scans).toEqual([]);
    expect([...events, lone].some((e) => e.defaultPrevented)).toBe(false);
  });

  it('ignores keys typed into a text field (the paste box handles those)', () => {
    const doc = new EventTarget();
    const scans: string[] = [];
    attachKeyboardWedge(doc, (t) => scans.push(t));
    const events = scan(doc, CODE, { tagName: 'TEXTAREA' });
    expect(scans).toEqual([]);
    expect(events.some((e) => e.defaultPrevented)).toBe(false);
    // A file input is not a text field: a scan with it focused still counts.
    scan(doc, CODE, { tagName: 'INPUT', type: 'file' }, 10_000);
    expect(scans).toEqual([CODE]);
  });

  it('treats a shortcut or an auto-repeated key as a person: the burst restarts after it', () => {
    const doc = new EventTarget();
    const scans: string[] = [];
    attachKeyboardWedge(doc, (t) => scans.push(t));
    const burst = (head: string, breaker: Record<string, unknown>, tail: string, start: number) => {
      let time = start;
      for (const ch of head) key(doc, 'keydown', ch, (time += 5));
      key(doc, 'keydown', 'v', (time += 5), BODY, breaker);
      for (const ch of tail) key(doc, 'keydown', ch, (time += 5));
      key(doc, 'keydown', 'Enter', (time += 5));
    };
    burst('CNHC1:6BFOXN', { ctrlKey: true }, 'ABCDEFGHIJ', 0);
    burst('CNHC1:6BFOXN', { repeat: true }, 'KLMNOPQRST', 10_000);
    // Only what followed the break is a scan; the head was dropped with the burst.
    expect(scans).toEqual(['ABCDEFGHIJ', 'KLMNOPQRST']);
    // AltGr (reported as Ctrl+Alt on Windows) is typing, not a shortcut.
    burst('CNHC1:6BFOXN', { ctrlKey: true, altKey: true, getModifierState: (m: string) => m === 'AltGraph' }, 'UV', 20_000);
    expect(scans.at(-1)).toBe('CNHC1:6BFOXNvUV');
  });

  it('stops listening once detached', () => {
    const doc = new EventTarget();
    const scans: string[] = [];
    const detach = attachKeyboardWedge(doc, (t) => scans.push(t));
    detach();
    const events = scan(doc, CODE);
    expect(scans).toEqual([]);
    expect(events.some((e) => e.defaultPrevented)).toBe(false);
  });
});
