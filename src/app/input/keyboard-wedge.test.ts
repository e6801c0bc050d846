import { describe, expect, it } from 'vitest';
import { attachKeyboardWedge, createWedgeDetector, isTextEntry, WEDGE_DEFAULTS, WEDGE_TARGET_ATTR, type WedgeDetector, type WedgeStep } from './keyboard-wedge.ts';

// Synthetic timestamps only: nothing here waits on a real clock.
/** Inter-key gaps (ms) in the range 2D scanners produce, with some jitter. */
const SCANNER_GAPS = [3, 12, 7, 18, 2, 9, 15, 5];
/** A person typing: 80–300 ms between keys. */
const PERSON_GAPS = [95, 180, 140, 260, 120, 85, 210, 300];
/** The fastest plausible person: under the 100 ms burst break, but never scanner-fast. */
const FAST_TYPIST_GAPS = [62, 48, 75, 90, 55, 70];

const CODE = 'CNHC1:6BFOXN*TS0BI$ZDFRH%5O4';
/** A multi-hundred-character code, as SMART Health Cards and VDS-NC seals are. */
const LONG_CODE = 'shc:/' + Array.from({ length: 900 }, (_, i) => String((i * 7 + 3) % 10)).join('');

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

  it('drops what came before a pause longer than a stall inside a burst', () => {
    const det = createWedgeDetector();
    const head = type(det, 'CNHC1:6BFO', SCANNER_GAPS, 0, null);
    const { scans } = type(det, 'XN*TS0BI$ZDF', SCANNER_GAPS, head.time + WEDGE_DEFAULTS.maxStallMs + 50);
    expect(scans).toEqual(['XN*TS0BI$ZDF']);
  });

  it('does not scan when the Enter itself comes after a pause longer than a stall', () => {
    const det = createWedgeDetector();
    const burst = type(det, CODE, SCANNER_GAPS, 0, null);
    expect(det.feed({ key: 'Enter', time: burst.time + WEDGE_DEFAULTS.maxStallMs + 1 })).toEqual({ kind: 'none' });
    expect(det.buffered).toBe(0);
  });

  it('survives one long stall inside an otherwise fast burst, wherever it falls after the first keys', () => {
    // A loaded machine (or a radio retry) holds one key back for most of a second.
    const code = LONG_CODE;
    for (const at of [1, 2, 3, 4, 5, 17, 150, code.length - 1]) {
      const gaps = Array.from({ length: code.length }, (_, i) => (i === at - 1 ? 700 : 4));
      const det = createWedgeDetector();
      expect(type(det, code, gaps, 0).scans, `stall before key ${at}`).toEqual([code]);
    }
    // A stall before the Enter only.
    const det = createWedgeDetector();
    const burst = type(det, code, [4], 0, null);
    expect(scansOf([det.feed({ key: 'Enter', time: burst.time + 700 })])).toEqual([code]);
  });

  it('survives Bluetooth-style gaps: 150 ms after every 20 keys of a long code, with jitter in between', () => {
    const code = LONG_CODE;
    const gaps = Array.from({ length: code.length }, (_, i) => ((i + 1) % 20 === 0 ? 150 : SCANNER_GAPS[i % SCANNER_GAPS.length]!));
    expect(type(createWedgeDetector(), code, gaps, 0).scans).toEqual([code]);
    // Every 5 keys: still a scanner (4 of 5 gaps fast).
    const dense = Array.from({ length: code.length }, (_, i) => ((i + 1) % 5 === 0 ? 150 : 6));
    expect(type(createWedgeDetector(), code, dense, 0).scans).toEqual([code]);
  });

  it('a person’s keys before a scan are not glued to it: after slow gaps a pause restarts the burst', () => {
    const det = createWedgeDetector();
    const person = type(det, 'abc', [200], 0, null);
    const { scans } = type(det, CODE, SCANNER_GAPS, person.time + 600);
    expect(scans).toEqual([CODE]);
    // Any key longer than a stall before the scan is dropped too.
    const one = createWedgeDetector();
    one.feed({ key: 'x', time: 0 });
    expect(type(one, CODE, SCANNER_GAPS, WEDGE_DEFAULTS.maxStallMs + 1).scans).toEqual([CODE]);
  });

  it('a person typing at 80–300 ms per key, with pauses and rolled-over keys, is never a scan', () => {
    const pauses = [95, 180, 700, 140, 260, 120, 1200, 85, 210, 300];
    expect(type(createWedgeDetector(), LONG_CODE.slice(0, 80), pauses, 0).scans).toEqual([]);
    // Rolled-over pairs (25 ms) between ordinary gaps: half the gaps fast is not a scanner.
    expect(type(createWedgeDetector(), LONG_CODE.slice(0, 80), [25, 180], 0).scans).toEqual([]);
    expect(type(createWedgeDetector(), LONG_CODE.slice(0, 80), [25, 180, 900], 0).scans).toEqual([]);
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

  /** A text field that behaves as a browser's does: a key not prevented types into it. */
  class Field extends EventTarget {
    value = '';
    selectionStart = 0;
    selectionEnd = 0;
    inputs = 0;
    constructor(
      readonly tagName: string,
      private readonly attrs: Record<string, string> = {},
    ) {
      super();
      this.addEventListener('input', () => this.inputs++);
    }
    getAttribute(name: string) {
      return this.attrs[name] ?? null;
    }
    setSelectionRange(a: number, b: number) {
      this.selectionStart = a;
      this.selectionEnd = b;
    }
  }
  /** Types `keys` into `field` with the given gaps; keys the wedge did not prevent land in it. */
  function typeInto(doc: EventTarget, field: Field, keys: string[], gaps: number[], start = 0) {
    let time = start;
    return keys.map((k, i) => {
      if (i > 0) time += gaps[(i - 1) % gaps.length]!;
      const e = key(doc, 'keydown', k, time, field as unknown as Fake);
      if (!e.defaultPrevented) {
        const ch = k === 'Enter' ? '\n' : k;
        field.value = field.value.slice(0, field.selectionStart) + ch + field.value.slice(field.selectionEnd);
        field.selectionStart = field.selectionEnd = field.selectionStart + ch.length;
      }
      return e;
    });
  }

  it('a scan into the paste box (data-wedge="scan") is a scan: the Enter is swallowed, the box is put back as it was', () => {
    const doc = new EventTarget();
    const scans: string[] = [];
    attachKeyboardWedge(doc, (t) => scans.push(t));
    const box = new Field('TEXTAREA', { [WEDGE_TARGET_ATTR]: 'scan' });
    box.value = 'note';
    box.selectionStart = box.selectionEnd = 4;
    const events = typeInto(doc, box, [...CODE, 'Enter'], SCANNER_GAPS);
    expect(scans).toEqual([CODE]);
    // In a text field nothing but the completing Enter is prevented: a space or '/' there is only text.
    expect(events.slice(0, -1).some((e) => e.defaultPrevented)).toBe(false);
    expect(events.at(-1)!.defaultPrevented).toBe(true);
    // The box holds what it held before the burst, and said so with an input event (a controlled field follows).
    expect(box.value).toBe('note');
    expect(box.inputs).toBeGreaterThan(0);
  });

  it('a long scan into the paste box with Bluetooth gaps is one scan', () => {
    const doc = new EventTarget();
    const scans: string[] = [];
    attachKeyboardWedge(doc, (t) => scans.push(t));
    const box = new Field('TEXTAREA', { [WEDGE_TARGET_ATTR]: 'scan' });
    const gaps = Array.from({ length: LONG_CODE.length + 1 }, (_, i) => ((i + 1) % 20 === 0 ? 150 : 5));
    typeInto(doc, box, [...LONG_CODE, 'Enter'], gaps);
    expect(scans).toEqual([LONG_CODE]);
    expect(box.value).toBe('');
  });

  it('a person typing into the paste box is left alone, Enter included; other text fields ignore scans', () => {
    const doc = new EventTarget();
    const scans: string[] = [];
    attachKeyboardWedge(doc, (t) => scans.push(t));
    const box = new Field('TEXTAREA', { [WEDGE_TARGET_ATTR]: 'scan' });
    const events = typeInto(doc, box, [...'CNHC1:HELLO', 'Enter'], PERSON_GAPS);
    expect(scans).toEqual([]);
    expect(events.some((e) => e.defaultPrevented)).toBe(false);
    expect(box.value).toBe('CNHC1:HELLO\n');
    // A settings field is not a scan target: a scanner there types into it as before.
    const url = new Field('INPUT');
    typeInto(doc, url, [...CODE, 'Enter'], SCANNER_GAPS, 10_000);
    expect(scans).toEqual([]);
    expect(url.value).toBe(CODE + '\n');
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
