/**
 * Signed content a plug-in read but did not recognise (an unknown code, a state it cannot map, a
 * date it cannot place), kept as written for staff to see (Credential.unknown). The record it
 * belongs to is then incomplete ('unknown' type or result, no date), so it never counts as
 * evidence (model/understood.ts); the code itself is still decoded, verified and judged.
 */
import type { UnknownValue } from '../model/credential.ts';

/** Longest raw value kept for display: enough to recognise it, not a payload dump. */
const SHOWN = 48;

export class UnknownValues {
  readonly list: UnknownValue[] = [];
  /** Records `raw` under `field` and returns undefined, so a reader can `return log.add(…)`. */
  add(field: string, raw: unknown): undefined {
    const text = typeof raw === 'string' ? raw : raw === undefined ? '(missing)' : JSON.stringify(raw) ?? String(raw);
    this.list.push({ field, value: text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text });
    return undefined;
  }
  /** `{unknown: [...]}` when anything was recorded, else nothing (spread into a Credential). */
  get field(): { unknown?: UnknownValue[] } {
    return this.list.length ? { unknown: this.list } : {};
  }
}
