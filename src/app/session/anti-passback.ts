/**
 * The gate's memory for anti-passback: recent entries in memory only, keyed by a hash of the
 * holder salted per app run, so nothing in it names a person and it is gone with the page. The
 * decision itself — is this PASS a second entry within the window? — is core's (policy/passback.ts).
 */
import type { Verdict } from '../../core/model/verdict.ts';
import { sha256, toBase64Url, utf8 } from '../../core/encoding/bytes.ts';
import { decidePassback, passbackSubject } from '../../core/policy/passback.ts';

export class AntiPassback {
  private entries = new Map<string, number>();
  private readonly salt = crypto.getRandomValues(new Uint8Array(16));
  constructor(private windowMs: number) {}

  setWindow(ms: number) {
    this.windowMs = ms;
  }

  /** The verdict as the gate should show it. Only a PASS with holder data enters the window. */
  async apply(v: Verdict, now: number): Promise<Verdict> {
    // Hashing is async: decide cheaply first whether this verdict could be an entry at all.
    const subject = this.windowMs > 0 ? passbackSubject(v) : null;
    if (subject === null) return v;
    const holderKey = toBase64Url(await sha256(new Uint8Array([...this.salt, ...utf8(subject)])));
    // Memory stays small: passes older than the window can never matter again.
    for (const [k, t] of this.entries) if (now - t >= this.windowMs) this.entries.delete(k);
    const { verdict, enters } = decidePassback({ verdict: v, holderKey, recentPasses: this.entries, now, windowMs: this.windowMs });
    if (enters) this.entries.set(holderKey, now);
    return verdict;
  }
}
