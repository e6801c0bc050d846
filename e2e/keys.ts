/**
 * Keys as a keyboard-wedge scanner (or a person) types them, with synthetic timestamps: the
 * keyboard-wedge detector tells scanner from person by the gaps between keydown timeStamps, and
 * on a busy machine real gaps stretch (three tests failed that way). Chromium's DevTools
 * `Input.dispatchKeyEvent` takes the event's time: the page receives trusted key events (text lands
 * in a focused field, Enter and Space act as real keys) whose timeStamp gaps are exactly the planned
 * ones, however long the machine takes to deliver them.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';

export interface KeyPlan {
  /** Gap between keys (ms). Scanners: 2–20; a person: 80–300. */
  gapMs?: number;
  /** After every `every` keys, a pause of `pauseMs` instead of the gap (Bluetooth holding a packet back). */
  every?: number;
  pauseMs?: number;
  /** One stall of `stallMs` before key number `stallAt` (a loaded machine delaying a key). */
  stallAt?: number;
  stallMs?: number;
  /** The key that ends the burst (null: none). */
  end?: 'Enter' | 'Tab' | null;
}

/** US-layout physical keys and Windows key codes of the symbols codes use (letters, digits, space are computed). */
const SYMBOLS: Record<string, [code: string, vk: number]> = {
  '`': ['Backquote', 192], '~': ['Backquote', 192], '!': ['Digit1', 49], '@': ['Digit2', 50], '#': ['Digit3', 51],
  $: ['Digit4', 52], '%': ['Digit5', 53], '^': ['Digit6', 54], '&': ['Digit7', 55], '*': ['Digit8', 56],
  '(': ['Digit9', 57], ')': ['Digit0', 48], '-': ['Minus', 189], _: ['Minus', 189], '=': ['Equal', 187],
  '+': ['Equal', 187], '[': ['BracketLeft', 219], '{': ['BracketLeft', 219], ']': ['BracketRight', 221],
  '}': ['BracketRight', 221], '\\': ['Backslash', 220], '|': ['Backslash', 220], ';': ['Semicolon', 186],
  ':': ['Semicolon', 186], "'": ['Quote', 222], '"': ['Quote', 222], ',': ['Comma', 188], '<': ['Comma', 188],
  '.': ['Period', 190], '>': ['Period', 190], '/': ['Slash', 191], '?': ['Slash', 191],
};

function describeKey(key: string): { key: string; code: string; windowsVirtualKeyCode: number; text?: string } {
  if (key === 'Enter') return { key, code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' };
  if (key === 'Tab') return { key, code: 'Tab', windowsVirtualKeyCode: 9 };
  if (/^[a-z]$/i.test(key)) return { key, code: `Key${key.toUpperCase()}`, windowsVirtualKeyCode: key.toUpperCase().charCodeAt(0), text: key };
  if (/^[0-9]$/.test(key)) return { key, code: `Digit${key}`, windowsVirtualKeyCode: key.charCodeAt(0), text: key };
  if (key === ' ') return { key, code: 'Space', windowsVirtualKeyCode: 32, text: key };
  const sym = SYMBOLS[key];
  if (!sym) throw new Error(`no US key for ${JSON.stringify(key)}`);
  return { key, code: sym[0], windowsVirtualKeyCode: sym[1], text: key };
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
const cdp = (page: Page): Promise<CDPSession> => {
  let s = sessions.get(page);
  if (!s) sessions.set(page, (s = page.context().newCDPSession(page)));
  return s;
};

/** Where each page's synthetic clock stands: the end of its last burst. */
const clocks = new WeakMap<Page, number>();
/** Between two bursts, a quiet moment longer than any stall the detector bridges (1.5 s). */
const QUIET_MS = 2000;

/**
 * Types `text` (then `end`) into the focused element with planned gaps. Stamps start now, or a
 * quiet moment after the previous burst if that ran ahead of the real clock: never before the
 * page's time origin (Chromium clamps such stamps to it, which would make every gap 0).
 */
export async function typeKeys(page: Page, text: string, plan: KeyPlan = {}): Promise<void> {
  const { gapMs = 4, every = 0, pauseMs = 0, stallAt = -1, stallMs = 0, end = 'Enter' } = plan;
  const keys = [...text, ...(end ? [end] : [])];
  const times: number[] = [];
  let t = 0;
  keys.forEach((_, i) => {
    if (i > 0) t += i === stallAt ? stallMs : every > 0 && i % every === 0 ? pauseMs : gapMs;
    times.push(t);
  });
  const base = Math.max(Date.now(), (clocks.get(page) ?? 0) + QUIET_MS);
  clocks.set(page, base + t);
  const session = await cdp(page);
  for (let i = 0; i < keys.length; i++) {
    const k = describeKey(keys[i]!);
    const timestamp = (base + times[i]!) / 1000;
    await session.send('Input.dispatchKeyEvent', { type: k.text ? 'keyDown' : 'rawKeyDown', ...k, unmodifiedText: k.text, timestamp });
    await session.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k.key, code: k.code, windowsVirtualKeyCode: k.windowsVirtualKeyCode, timestamp: timestamp + 0.0005 });
  }
}

/** A 2D scanner in keyboard mode: the whole code a few ms per key, then Enter. */
export const scannerTypes = (page: Page, text: string, plan: KeyPlan = {}): Promise<void> => typeKeys(page, text, { gapMs: 4, ...plan });

/** A person typing at their own pace (150 ms per key), then Enter. */
export const personTypes = (page: Page, text: string): Promise<void> => typeKeys(page, text, { gapMs: 150 });

/** Every result screen that appears, in order (outcome and deciding reason), logged by the page from its start. */
export async function logVerdicts(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const log: { outcome: string; reason: string; at: number }[] = [];
    (window as unknown as { __verdicts: typeof log }).__verdicts = log;
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes) {
          if (!(n instanceof Element)) continue;
          const el = n.matches('[data-testid="result"]') ? n : n.querySelector('[data-testid="result"]');
          if (el) log.push({ outcome: el.getAttribute('data-outcome') ?? '', reason: el.getAttribute('data-reason') ?? '', at: performance.now() });
        }
    }).observe(document, { childList: true, subtree: true });
  });
}
export const verdicts = (page: Page): Promise<{ outcome: string; reason: string; at: number }[]> =>
  page.evaluate(() => (window as unknown as { __verdicts: { outcome: string; reason: string; at: number }[] }).__verdicts);
