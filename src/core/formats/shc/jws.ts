/**
 * JWS compact serialisation as SMART Health Cards use it (RFC 7515 §7.1): a protected header
 * `{"zip":"DEF","alg":"ES256","kid":…}`, a raw-DEFLATE payload, and an ES256 signature (raw r||s,
 * 64 bytes) over the ASCII of `header.payload`.
 */
import { fromBase64Url, utf8, utf8Text } from '../../encoding/bytes.ts';
import { inflateRaw } from '../../encoding/zlib.ts';
import { fail, ok, type Result } from '../../result.ts';
import { parseStrictJson } from '../../encoding/strict-json.ts';
import { JWS_ALG, JWS_ZIP } from './constants.ts';

export interface ParsedJws {
  kid: string;
  /** The inflated payload bytes (UTF-8 JSON, checked by the caller). */
  payload: Uint8Array;
  signedBytes: Uint8Array;
  signature: Uint8Array;
}

const B64URL = /^[A-Za-z0-9_-]*$/;
/** Header members this verifier understands; anything else might change the meaning (RFC 7515 §4). */
const HEADER_MEMBERS = new Set(['alg', 'zip', 'kid', 'typ']);
/** An RFC 7638 SHA-256 thumbprint, base64url: 43 characters. */
const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;

function b64(part: string, what: string): Result<Uint8Array> {
  // Base64url without padding: a length of 1 mod 4 cannot encode whole bytes.
  if (!B64URL.test(part) || part.length % 4 === 1) return fail('MALFORMED_JWS', `${what} is not base64url`);
  return ok(fromBase64Url(part));
}

/**
 * Deep enough for any FHIR bundle (a card's deepest path is about 10 levels). Strict parsing: RFC
 * 7515 §4 and RFC 7519 §4 require unique member names, and JSON.parse would silently keep the last
 * duplicate, so two verifiers could disagree on what the issuer signed (found by test/fuzz).
 */
const MAX_JSON_DEPTH = 32;

export function jsonObject(bytes: Uint8Array, what: string): Result<Record<string, unknown>> {
  const text = utf8Text(bytes);
  if (text === undefined) return fail('MALFORMED_JSON', `${what} is not UTF-8`);
  const parsed = parseStrictJson(text, MAX_JSON_DEPTH);
  if (!parsed.ok) return fail('MALFORMED_JSON', `${what}: ${parsed.reason.detail}`);
  const v = parsed.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('MALFORMED_JSON', `${what} is not a JSON object`);
  return ok(v as Record<string, unknown>);
}

/** Checks the protected header: ES256 only (no "none", no HMAC), zip DEF, a thumbprint kid. */
export function checkHeader(h: Record<string, unknown>): Result<string> {
  if (h.alg !== JWS_ALG) return fail('UNSUPPORTED_ALGORITHM', `JWS alg ${typeof h.alg === 'string' ? h.alg.slice(0, 16) : String(h.alg)}`);
  const unknown = Object.keys(h).filter((k) => !HEADER_MEMBERS.has(k));
  if (unknown.length) return fail('MALFORMED_JWS', `header members not understood: ${unknown.slice(0, 3).join(', ').slice(0, 60)}`);
  if (h.zip !== JWS_ZIP) return fail('MALFORMED_JWS', 'header zip is not "DEF"');
  if (typeof h.kid !== 'string' || !THUMBPRINT.test(h.kid)) return fail('MALFORMED_JWS', 'header kid is not an RFC 7638 SHA-256 thumbprint');
  return ok(h.kid);
}

export function parseJws(jws: string): Result<ParsedJws> {
  const parts = jws.split('.');
  if (parts.length !== 3) return fail('MALFORMED_JWS', `${parts.length} parts, not 3`);
  const [h64, p64, s64] = parts as [string, string, string];
  const headerBytes = b64(h64, 'header');
  if (!headerBytes.ok) return headerBytes;
  const header = jsonObject(headerBytes.value, 'header');
  if (!header.ok) return header;
  const kid = checkHeader(header.value);
  if (!kid.ok) return kid;
  const compressed = b64(p64, 'payload');
  if (!compressed.ok) return compressed;
  const signature = b64(s64, 'signature');
  if (!signature.ok) return signature;
  // Bounded like every other format's decompression: a DEFLATE bomb is PAYLOAD_TOO_LARGE.
  const inflated = inflateRaw(compressed.value);
  if (!inflated.ok) return inflated;
  return ok({ kid: kid.value, payload: inflated.value, signedBytes: utf8(`${h64}.${p64}`), signature: signature.value });
}
