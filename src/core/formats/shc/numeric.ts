/** The numeric-mode layer of `shc:/` codes: digit pairs <-> JWS characters (offset 45). */
import { fail, ok, type Result } from '../../result.ts';
import { NUMERIC_MAX_PAIR, NUMERIC_OFFSET } from './constants.ts';

/** Digits -> JWS text. Odd length, a non-digit or a pair above 77 is MALFORMED_NUMERIC. */
export function numericToText(digits: string): Result<string> {
  if (digits.length === 0) return fail('MALFORMED_NUMERIC', 'no digits');
  if (digits.length % 2 !== 0) return fail('MALFORMED_NUMERIC', `odd number of digits (${digits.length})`);
  let out = '';
  for (let i = 0; i < digits.length; i += 2) {
    const hi = digits.charCodeAt(i) - 48;
    const lo = digits.charCodeAt(i + 1) - 48;
    if (hi < 0 || hi > 9 || lo < 0 || lo > 9) return fail('MALFORMED_NUMERIC', `not a digit at position ${hi < 0 || hi > 9 ? i : i + 1}`);
    const v = hi * 10 + lo;
    if (v > NUMERIC_MAX_PAIR) return fail('MALFORMED_NUMERIC', `digit pair ${v} at position ${i} is above ${NUMERIC_MAX_PAIR}`);
    out += String.fromCharCode(v + NUMERIC_OFFSET);
  }
  return ok(out);
}

/** JWS text -> digits (issuer side). Every character must lie in "-".."z". */
export function textToNumeric(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const v = text.charCodeAt(i) - NUMERIC_OFFSET;
    if (v < 0 || v > NUMERIC_MAX_PAIR) throw new Error(`character at ${i} cannot be written in numeric mode`);
    out += v < 10 ? `0${v}` : String(v);
  }
  return out;
}
