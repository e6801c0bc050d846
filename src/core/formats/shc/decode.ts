/** shc:/DIGITS -> JWS text -> header, inflated payload, signature -> claims. No trust decided here. */
import { fail, ok, type Result } from '../../result.ts';
import type { Decoded } from '../format.ts';
import { missingDetail } from '../../pipeline/assemble.ts';
import { readPartHeader } from './chunks.ts';
import { FORMAT_ID, PREFIX } from './constants.ts';
import { jsonObject, parseJws } from './jws.ts';
import { numericToText } from './numeric.ts';
import { readClaims, type ShcClaims } from './payload.ts';

/** The JWS text of a whole `shc:/` code (a 1-of-1 part counts as whole). */
export function jwsOf(text: string): Result<string> {
  if (!text.startsWith(PREFIX)) return fail('UNSUPPORTED_FORMAT', `no ${PREFIX} prefix`);
  const part = readPartHeader(text);
  if (part && 'bad' in part) return fail('MALFORMED_NUMERIC', part.bad);
  // One part alone is never judged: the gate is told what is missing (pipeline/assemble.ts joins them).
  if (part && part.total > 1) return fail('CODE_INCOMPLETE', `part ${part.index} alone: ${missingDetail([part.index], part.total)}`);
  return numericToText(part ? part.body : text.slice(PREFIX.length));
}

/** A JWS (as `.smart-health-card` files and the numeric layer carry it) -> Decoded. */
export function decodeJws(jws: string): Result<Decoded<ShcClaims>> {
  const parsed = parseJws(jws);
  if (!parsed.ok) return parsed;
  const payload = jsonObject(parsed.value.payload, 'payload');
  if (!payload.ok) return payload;
  const claims = readClaims(payload.value);
  if (!claims.ok) return claims;
  const { kid, signedBytes, signature } = parsed.value;
  return ok({ format: FORMAT_ID, alg: 'ES256', kid, signedBytes, signature, claims: claims.value });
}

export function decode(text: string): Result<Decoded<ShcClaims>> {
  const jws = jwsOf(text);
  return jws.ok ? decodeJws(jws.value) : jws;
}
