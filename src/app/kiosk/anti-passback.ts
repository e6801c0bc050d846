/**
 * Anti-passback for unattended gates: one person, one entry per window. A second PASS for the same
 * holder (issuer + name + birth date + ID tail) within the window — even with another code — turns
 * into FAIL PASSBACK. Holders are keyed by a hash salted per app run and kept in memory only.
 */
import type { Verdict } from '../../core/model/verdict.ts';
import { sha256, toBase64Url, utf8 } from '../../core/encoding/bytes.ts';

export class AntiPassback {
  private entries = new Map<string, number>();
  private readonly salt = crypto.getRandomValues(new Uint8Array(16));
  constructor(private windowMs: number) {}

  setWindow(ms: number) {
    this.windowMs = ms;
  }

  /** The verdict as the gate should show it. Only a PASS with holder data enters the window. */
  async apply(v: Verdict, now: number): Promise<Verdict> {
    if (v.outcome !== 'PASS' || !v.credential || this.windowMs <= 0) return v;
    const key = await this.holderKey(v);
    if (!key) return v;
    for (const [k, t] of this.entries) if (now - t >= this.windowMs) this.entries.delete(k);
    const last = this.entries.get(key);
    if (last !== undefined) {
      const minutes = Math.max(1, Math.round((now - last) / 60_000));
      return { ...v, outcome: 'FAIL', reasons: [{ code: 'PASSBACK', detail: `same holder passed ${minutes} min ago` }] };
    }
    this.entries.set(key, now);
    return v;
  }

  private async holderKey(v: Verdict): Promise<string | null> {
    const c = v.credential!;
    const h = c.holder;
    if (!h.name && !h.idTail && !h.birthDate) return null; // nothing to tell people apart by
    const text = [c.issuer.id, h.name ?? '', h.birthDate ?? '', h.idTail ?? ''].join('\u0000');
    const salted = new Uint8Array([...this.salt, ...utf8(text)]);
    return toBase64Url(await sha256(salted));
  }
}
