/**
 * VDS-NC text -> Decoded: strict JSON (bounded, no duplicate members), the shape
 * `{data: {hdr: {t, v, is}, msg}, sig: {alg, cer, sigvl}}` — or that object as the one element of
 * a JSON array, as some issuers publish it (Japan) — and the signed bytes: the RFC 8785 canonical
 * form of `data`. The barcode signer certificate travels as Decoded.signerCertificate; its kid
 * (first 8 bytes of SHA-256 of the DER, as x509.ts names certificates) lets a bundle list it
 * directly, and verify falls back to the CSCA entries otherwise.
 *
 * Only structure is refused here: what the header says (a type, version or state we do not know)
 * is content, verified and then judged by normalise.
 */
import { toBase64Url, utf8 } from '../../encoding/bytes.ts';
import { sha256Sync } from '../../encoding/sha256-sync.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Decoded } from '../format.ts';
import { decodeBase64Url } from './base64url.ts';
import { canonicalJson } from './canonical-json.ts';
import { FORMAT_ID, MAX_DEPTH, MAX_SEAL_CHARS, SIG_BYTES, type SealAlg } from './constants.ts';
import { parseStrictJson, type Json, type JsonObject } from '../../encoding/strict-json.ts';

export interface VdsNcClaims {
  /** hdr.t as written: normalise reads the types and versions it knows (constants.ts TYPES, VERSIONS). */
  type: string;
  version: number;
  /** hdr.is as written: a Doc 9303-3 code of the issuing state (countries.ts maps it). */
  issuingState: string;
  msg: JsonObject;
}

export const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function decode(text: string): Result<Decoded<VdsNcClaims>> {
  if (text.length > MAX_SEAL_CHARS) return fail('PAYLOAD_TOO_LARGE', `${text.length} characters`);
  const parsed = parseStrictJson(text, MAX_DEPTH);
  if (!parsed.ok) return parsed;
  let root: Json = parsed.value;
  // A seal published as a one-element array (Japan's): the element is the seal. More than one seal
  // in a code cannot be judged as one credential.
  if (Array.isArray(root)) {
    if (root.length !== 1) return fail('MALFORMED_CLAIMS', `a JSON array of ${root.length} elements: a seal may be wrapped in an array of exactly one`);
    root = root[0]!;
  }
  if (!isObject(root)) return fail('MALFORMED_CLAIMS', 'seal is not a JSON object');
  const extra = Object.keys(root).filter((k) => k !== 'data' && k !== 'sig');
  if (extra.length) return fail('MALFORMED_CLAIMS', `unsigned members beside data and sig: ${extra.join(', ').slice(0, 60)}`);
  const { data, sig } = root;
  if (!isObject(data) || !isObject(data.hdr) || !isObject(data.msg)) return fail('MALFORMED_CLAIMS', 'data must hold the objects hdr and msg');
  if (!isObject(sig)) return fail('MALFORMED_CLAIMS', 'sig is not an object');

  const { t, v, is } = data.hdr;
  if (typeof t !== 'string') return fail('MALFORMED_CLAIMS', `hdr.t is ${t === undefined ? 'missing' : 'not a text'}`);
  if (typeof v !== 'number') return fail('MALFORMED_CLAIMS', `hdr.v is ${v === undefined ? 'missing' : 'not a number'}`);
  if (typeof is !== 'string') return fail('MALFORMED_CLAIMS', `hdr.is is ${is === undefined ? 'missing' : 'not a text'}`);

  const alg = sig.alg;
  if (typeof alg !== 'string' || !Object.hasOwn(SIG_BYTES, alg)) return fail('UNSUPPORTED_ALGORITHM', `sig.alg ${typeof alg === 'string' ? alg.slice(0, 12) : typeof alg}`);
  const cer = typeof sig.cer === 'string' ? decodeBase64Url(sig.cer) : undefined;
  if (!cer || cer.length === 0) return fail('MALFORMED_CLAIMS', 'sig.cer is not base64url');
  const signature = typeof sig.sigvl === 'string' ? decodeBase64Url(sig.sigvl) : undefined;
  if (!signature) return fail('MALFORMED_CLAIMS', 'sig.sigvl is not base64url');
  if (signature.length !== SIG_BYTES[alg as SealAlg]) return fail('MALFORMED_CLAIMS', `sig.sigvl is ${signature.length} bytes, ${alg} needs r||s of ${SIG_BYTES[alg as SealAlg]}`);

  return ok({
    format: FORMAT_ID,
    alg: alg as SealAlg,
    kid: toBase64Url(sha256Sync(cer).subarray(0, 8)),
    signedBytes: utf8(canonicalJson(data)),
    signature,
    signerCertificate: cer,
    claims: { type: t, version: v, issuingState: is, msg: data.msg },
  });
}
