/**
 * Held codes: a code held in front of the camera is read many times a second, for as long as the
 * person holds it — through the result screen and after it. It is judged once per showing, in
 * every mode (staffed or kiosk):
 *
 * - A read of a code is a *sighting*. The camera reports every frame's code, also while a result
 *   is on screen; a keyboard-wedge scanner's burst is a sighting too.
 * - A code has **left view** when it has not been read for `GONE_MS` (1.5 s). Frames that miss a
 *   code now and then (glare, a tilt, motion) are far shorter than that; taking a phone away and
 *   showing it again takes longer. A code not read because the camera was off (another screen)
 *   has left view as well.
 * - A code is judged when it comes into view: never read before, or read again after it left view.
 *   While it stays in view it is not judged again — a different code is, at once. Two codes in
 *   the frame together are each judged once (no ping-pong between them).
 * - A kiosk's debounce setting lengthens the window: a code back in view sooner than that is not
 *   judged again either.
 *
 * Codes are remembered by a salted hash (`codeKey`), in memory only, for their window only.
 */
import type { Outcome } from '../../core/model/verdict.ts';

/** A code not read for this long has left view. */
export const GONE_MS = 1500;

interface Entry {
  /** Last sighting (ms). */
  last: number;
  /** Judged (or being judged) during this showing. */
  judged: boolean;
  /** The outcome shown for this showing, once shown. */
  outcome?: Outcome;
}

export class HeldCodes {
  private codes = new Map<string, Entry>();
  private windowMs = GONE_MS;

  /** The kiosk's debounce (ms): a code back within it is not judged again. Never below GONE_MS. */
  setWindow(ms: number) {
    this.windowMs = Math.max(GONE_MS, ms);
  }

  /** A sighting of `key` (a camera frame, a scanner burst): the same showing, or a new one if it had left. */
  see(key: string, now: number): Entry {
    this.prune(now);
    let e = this.codes.get(key);
    if (!e) this.codes.set(key, (e = { last: now, judged: false }));
    e.last = Math.max(e.last, now);
    return e;
  }

  /**
   * A sighting that asks to be judged: true (and the showing is marked judged) when this showing of
   * `key` has not been judged yet; false while a judged code stays in view.
   */
  claim(key: string, now: number): boolean {
    const e = this.see(key, now);
    if (e.judged) return false;
    e.judged = true;
    return true;
  }

  /** The outcome the gate showed for this showing of `key`. */
  settle(key: string, outcome: Outcome) {
    const e = this.codes.get(key);
    if (e?.judged) e.outcome = outcome;
  }

  /**
   * What to tell the person in front of the camera: the outcome shown for the judged code read
   * most recently, if it was read within GONE_MS (it is still held up); otherwise null.
   */
  heldOutcome(now: number): Outcome | null {
    let best: Entry | null = null;
    for (const e of this.codes.values()) if (e.outcome && now - e.last < GONE_MS && (!best || e.last > best.last)) best = e;
    return best?.outcome ?? null;
  }

  /** Codes remembered right now (for tests: memory stays small). */
  get size(): number {
    return this.codes.size;
  }

  private prune(now: number) {
    for (const [k, e] of this.codes) if (now - e.last >= this.windowMs) this.codes.delete(k);
  }
}

/** Salt for this page's lifetime: keys mean nothing outside it. */
const SALT = crypto.getRandomValues(new Uint32Array(2));

/**
 * A code's key: a salted 64-bit hash (two 32-bit lanes), computed synchronously — it runs for every
 * camera frame that holds a code. Collisions among the few codes in memory at once are negligible.
 */
export function codeKey(text: string): string {
  let h1 = 0xdeadbeef ^ SALT[0]!;
  let h2 = 0x41c6ce57 ^ SALT[1]!;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(36) + '.' + (h2 >>> 0).toString(36) + '.' + text.length.toString(36);
}
