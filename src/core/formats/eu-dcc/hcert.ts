/**
 * The EU DCC inside the CWT claims (claim -260, key 1) as the JSON object the schemas describe.
 * CBOR can say more than JSON; whatever JSON cannot say is refused here, so the schema validator
 * and normalise only ever see plain JSON values.
 */
import { Tagged } from '../../encoding/cbor.ts';
import { fail, ok, type Result } from '../../result.ts';
import { eachOk } from '../each-ok.ts';
import { CLAIM_HCERT, HCERT_EU_DCC, MAX_DEPTH } from './constants.ts';
import type { DccClaims } from './decode.ts';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** What JSON cannot say, named for the MALFORMED_CLAIMS detail. */
const notJson = (what: string) => fail('MALFORMED_CLAIMS', `EU DCC is not JSON: ${what}`);

function toJson(v: unknown, depth: number): Result<Json> {
  if (depth > MAX_DEPTH) return notJson('nested too deeply');
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return ok(v);
  // cborg rejects NaN and Infinity; integers beyond 2^53 arrive as bigint, which JSON cannot hold exactly.
  if (typeof v === 'number') return ok(v);
  if (typeof v === 'bigint') return notJson('integer out of range');
  if (v instanceof Tagged) {
    const text = dateTagText(v);
    return text === undefined ? notJson(`tag ${v.tag}`) : ok(text);
  }
  if (Array.isArray(v)) return eachOk(v as unknown[], (x) => toJson(x, depth + 1));
  if (v instanceof Map) return mapToJson(v, depth);
  if (v instanceof Uint8Array) return notJson('byte string');
  return notJson(typeof v);
}

function mapToJson(v: Map<unknown, unknown>, depth: number): Result<JsonObject> {
  const out: JsonObject = {};
  for (const [k, x] of v) {
    if (typeof k !== 'string') return notJson('map key is not a text string');
    const value = toJson(x, depth + 1);
    if (!value.ok) return value;
    // A "__proto__" key must stay data, never a prototype: define it rather than assign it.
    if (k === '__proto__') Object.defineProperty(out, k, { value: value.value, enumerable: true, writable: true, configurable: true });
    else out[k] = value.value;
  }
  return ok(out);
}

const DAY_MS = 86_400_000;
/** Years 2000..2200 for epoch seconds; days since 1970 may be birth dates, so any year 1800..2200. */
const inRange = (ms: number, min: number) => Number.isFinite(ms) && ms >= min && ms < Date.UTC(2200, 0, 1);

/** The RFC 3339 text of a date tag (see PAYLOAD_TAGS), or undefined. */
function dateTagText(t: Tagged): string | undefined {
  const v = t.value;
  if ((t.tag === 0 || t.tag === 1004) && typeof v === 'string') return v;
  if (t.tag === 1 && typeof v === 'number' && inRange(v * 1000, Date.UTC(2000, 0, 1))) return new Date(Math.floor(v * 1000)).toISOString().replace('.000Z', 'Z');
  if (t.tag === 100 && typeof v === 'number' && Number.isInteger(v) && inRange(v * DAY_MS, Date.UTC(1800, 0, 1))) return new Date(v * DAY_MS).toISOString().slice(0, 10);
  return undefined;
}

/** Claim -260 -> {1: DCC} -> the DCC as a JSON object. MALFORMED_CLAIMS when absent or not JSON. */
export function hcertFromClaims(claims: DccClaims): Result<JsonObject> {
  const hcert = claims.get(CLAIM_HCERT);
  if (!(hcert instanceof Map)) return fail('MALFORMED_CLAIMS', 'hcert claim (-260) is missing or not a map');
  const dcc = hcert.get(HCERT_EU_DCC);
  if (!(dcc instanceof Map)) return fail('MALFORMED_CLAIMS', 'EU DCC (-260/1) is missing or not a map');
  return mapToJson(dcc, 0);
}
