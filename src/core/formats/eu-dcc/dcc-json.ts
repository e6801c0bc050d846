/**
 * The DCC inside a code's claims, as published (for the schema check) and cleaned (for reading),
 * computed once per decoded code: normalise and the content check both need it.
 */
import type { Result } from '../../result.ts';
import { CLAIM_HCERT, HCERT_EU_DCC } from './constants.ts';
import type { DccClaims } from './decode.ts';
import { hcertFromClaims, type JsonObject } from './hcert.ts';
import { cleanJson, isObject } from './lenient.ts';

export interface DccJson {
  raw: JsonObject;
  clean: JsonObject;
}

const cache = new WeakMap<DccClaims, Result<DccJson>>();

/**
 * The event groups a DCC holds, from the CBOR map itself: known even when the DCC is not JSON
 * (a byte string somewhere), so key usage never depends on reading the content.
 */
export function groupKeys(claims: DccClaims): string[] {
  const hcert = claims.get(CLAIM_HCERT);
  const dcc = hcert instanceof Map ? hcert.get(HCERT_EU_DCC) : undefined;
  if (!(dcc instanceof Map)) return [];
  return [...dcc].filter(([k, v]) => typeof k === 'string' && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)).map(([k]) => k as string);
}

export function dccJson(claims: DccClaims): Result<DccJson> {
  let r = cache.get(claims);
  if (!r) {
    const raw = hcertFromClaims(claims);
    const clean = raw.ok ? cleanJson(raw.value) : undefined;
    r = raw.ok ? { ok: true, value: { raw: raw.value, clean: isObject(clean) ? clean : {} } } : raw;
    cache.set(claims, r);
  }
  return r;
}
