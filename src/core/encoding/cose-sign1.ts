/** COSE_Sign1 (RFC 9052 §4.2): parse tagged or untagged, build the Sig_structure, and encode. */
import { fail, ok, type Result } from '../result.ts';
import { concatBytes } from './bytes.ts';
import { decodeCbor, encodeCbor, Tagged, type CborDecodeOptions } from './cbor.ts';

export const COSE_SIGN1_TAG = 18;
/** RFC 8392 §6: a CWT may be wrapped in tag 61 around the COSE tag. */
export const CWT_TAG = 61;
const HEADER_ALG = 1;
const HEADER_CRIT = 2;
const HEADER_KID = 4;

export interface CoseSign1 {
  /** Whether the item carried tag 18 (formats decide whether they require it). */
  tagged: boolean;
  protectedBytes: Uint8Array;
  protectedMap: Map<unknown, unknown>;
  unprotected: Map<unknown, unknown>;
  /** COSE algorithm id from the protected header. */
  alg: number | undefined;
  /** alg found only in the unprotected header (some DCC issuers); formats decide whether to use it. */
  unprotectedAlg: number | undefined;
  /** Key id: protected header first, else unprotected. */
  kid: Uint8Array | undefined;
  payload: Uint8Array;
  signature: Uint8Array;
}

export interface CoseParseOptions extends Pick<CborDecodeOptions, 'strict'> {
  /** Accept a CWT tag 61 around the message. */
  cwtTag?: boolean;
  /** Accept a kid written as a text string (the NZCP spec's form), returned as its UTF-8 bytes. */
  textKid?: boolean;
}

export function parseCoseSign1(bytes: Uint8Array, opts: CoseParseOptions = {}): Result<CoseSign1> {
  const { cwtTag, textKid, ...cborOpts } = opts;
  const decoded = decodeCbor(bytes, { ...cborOpts, tags: cwtTag ? [CWT_TAG, COSE_SIGN1_TAG] : [COSE_SIGN1_TAG] });
  if (!decoded.ok) return decoded;
  let item = decoded.value;
  if (cwtTag && item instanceof Tagged && item.tag === CWT_TAG) item = item.value;
  const tagged = item instanceof Tagged && item.tag === COSE_SIGN1_TAG;
  if (item instanceof Tagged) {
    if (item.tag !== COSE_SIGN1_TAG) return fail('MALFORMED_COSE', `unexpected tag ${item.tag}`);
    item = item.value;
  }
  if (!Array.isArray(item) || item.length !== 4) return fail('MALFORMED_COSE', 'not a COSE_Sign1 array of 4');
  const [protectedBytes, unprotected, payload, signature] = item as unknown[];
  if (!(protectedBytes instanceof Uint8Array)) return fail('MALFORMED_COSE', 'protected header is not a byte string');
  if (!(unprotected instanceof Map)) return fail('MALFORMED_COSE', 'unprotected header is not a map');
  if (!(payload instanceof Uint8Array)) return fail('MALFORMED_COSE', 'payload is missing or detached');
  if (!(signature instanceof Uint8Array)) return fail('MALFORMED_COSE', 'signature is not a byte string');

  let protectedMap = new Map<unknown, unknown>();
  if (protectedBytes.length > 0) {
    const p = decodeCbor(protectedBytes, cborOpts);
    if (!p.ok) return fail('MALFORMED_COSE', 'protected header is not valid CBOR');
    if (!(p.value instanceof Map)) return fail('MALFORMED_COSE', 'protected header is not a map');
    protectedMap = p.value;
  }
  // RFC 9052 §3.1: a message with critical parameters the recipient does not understand is rejected.
  if (protectedMap.has(HEADER_CRIT)) return fail('MALFORMED_COSE', 'critical header parameters are not supported');
  const alg = protectedMap.get(HEADER_ALG);
  if (alg !== undefined && typeof alg !== 'number') return fail('MALFORMED_COSE', 'alg is not an integer');
  const uAlg = unprotected.get(HEADER_ALG);
  const unprotectedAlg = alg === undefined && typeof uAlg === 'number' ? uAlg : undefined;
  const written = protectedMap.has(HEADER_KID) ? protectedMap.get(HEADER_KID) : unprotected.get(HEADER_KID);
  const kid = textKid && typeof written === 'string' ? new TextEncoder().encode(written) : written;
  if (kid !== undefined && !(kid instanceof Uint8Array)) return fail('MALFORMED_COSE', 'kid is not a byte string');
  return ok({ tagged, protectedBytes, protectedMap, unprotected, alg, unprotectedAlg, kid, payload, signature });
}

/** CBOR head of a byte string of this length (major type 2, shortest form). */
function byteStringHead(length: number): number[] {
  if (length < 24) return [0x40 | length];
  if (length < 0x100) return [0x58, length];
  if (length < 0x10000) return [0x59, length >> 8, length & 0xff];
  return [0x5a, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff];
}

/** 0x84 (array of 4), then "Signature1" as a text string: the fixed start of every Sig_structure. */
const SIG_STRUCTURE_START = [0x84, 0x6a, ...new TextEncoder().encode('Signature1')];

/**
 * The bytes a COSE_Sign1 signature covers (no external AAD): the CBOR array
 * ["Signature1", protected, h'', payload], written directly — it is on every scan's path before
 * the signature check can start, and its encoding is fixed (RFC 9052 §4.4).
 */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  const protectedHead = byteStringHead(protectedBytes.length);
  const payloadHead = byteStringHead(payload.length);
  const out = new Uint8Array(SIG_STRUCTURE_START.length + protectedHead.length + protectedBytes.length + 1 + payloadHead.length + payload.length);
  let o = 0;
  out.set(SIG_STRUCTURE_START, o);
  o += SIG_STRUCTURE_START.length;
  out.set(protectedHead, o);
  o += protectedHead.length;
  out.set(protectedBytes, o);
  o += protectedBytes.length;
  out[o++] = 0x40; // h'': external_aad, empty
  out.set(payloadHead, o);
  o += payloadHead.length;
  out.set(payload, o);
  return out;
}

export function encodeProtectedHeader(alg: number, kid: Uint8Array): Uint8Array {
  return encodeCbor(new Map<number, unknown>([[HEADER_ALG, alg], [HEADER_KID, kid]]));
}

/** Tagged COSE_Sign1 with an empty unprotected header. */
export function encodeCoseSign1(protectedBytes: Uint8Array, payload: Uint8Array, signature: Uint8Array): Uint8Array {
  // Tag 18 is the single byte 0xd2 (major type 6, value 18).
  return concatBytes(Uint8Array.of(0xd2), encodeCbor([protectedBytes, new Map(), payload, signature]));
}
