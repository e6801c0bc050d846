/**
 * JSON Canonicalization Scheme (RFC 8785, JCS): the form a VDS-NC signature covers. Members sorted
 * by their names' UTF-16 code units, no whitespace, strings escaped as ECMAScript's
 * JSON.stringify does (only ", \ and U+0000..U+001F; \b \t \n \f \r short forms, else \u00xx
 * lower case), numbers as ECMAScript's Number-to-String (RFC 8785 §3.2.2.3), -0 as 0.
 * Values that I-JSON forbids (non-finite numbers, lone surrogates) are refused by a throw: a
 * precondition, not a failure value — decode.ts only passes what parseStrictJson accepted (which
 * refuses both), and the issuer's encoder builds its data itself, so a throw here is a bug.
 */
import { hasLoneSurrogate, JsonError, type Json } from '../../encoding/strict-json.ts';

export function canonicalJson(v: Json): string {
  if (v === null || v === true || v === false) return String(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new JsonError('non-finite number');
    return Object.is(v, -0) ? '0' : String(v);
  }
  if (typeof v === 'string') {
    if (hasLoneSurrogate(v)) throw new JsonError('lone surrogate');
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  // Default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 prescribes.
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${canonicalJson(k)}:${canonicalJson(v[k]!)}`).join(',')}}`;
}
