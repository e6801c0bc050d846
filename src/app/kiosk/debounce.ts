/**
 * Kiosk debounce: a code held in front of the camera is seen many times a second. The same code
 * seen again within the window is not judged again. Codes are remembered by a salted hash, in
 * memory only, never stored.
 */
export class SeenRecently {
  private seen = new Map<string, number>();
  constructor(private windowMs: number) {}

  setWindow(ms: number) {
    this.windowMs = ms;
  }

  /** True when `key` was seen within the window (and refreshes it: a code left in view stays quiet). */
  check(key: string, now: number): boolean {
    this.prune(now);
    const last = this.seen.get(key);
    this.seen.set(key, now);
    return last !== undefined && now - last < this.windowMs;
  }

  /** Restart the window for `key` (the result screen just closed: the code may still be in view). */
  touch(key: string, now: number) {
    this.seen.set(key, now);
  }

  private prune(now: number) {
    for (const [k, t] of this.seen) if (now - t >= this.windowMs) this.seen.delete(k);
  }
}
