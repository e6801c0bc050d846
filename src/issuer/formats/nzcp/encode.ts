/**
 * The issuing side: build and sign an NZ COVID Pass (NZCP spec v1). Used by the demo world, the
 * fuzzer and tests; the app never imports it.
 *
 * Maps are written in the order of the spec's worked example (protected header kid then alg;
 * claims iss, nbf, exp, vc, cti), so a pass signed here differs from the Ministry's example only
 * in its signature (encode.test.ts). The kid is a text string as the spec text says; `kidAs:
 * 'bytes'` writes it as the worked example does.
 */
import type { EcPrivateJwk } from '../../../core/crypto/jwk.ts';
import { sign } from '../../../core/crypto/verify-signature.ts';
import { fromHex, utf8 } from '../../../core/encoding/bytes.ts';
import { encodeCoseSign1, sigStructure } from '../../../core/encoding/cose-sign1.ts';
import { PREFIX, VERSION } from '../../../core/formats/nzcp/constants.ts';
import { encodeBase32NoPad } from './base32.ts';
import { writeOrderedCbor } from './ordered-cbor.ts';

/** The W3C VC context first (MUST), then NZCP's own vocabulary. */
export const NZCP_CONTEXT = ['https://www.w3.org/2018/credentials/v1', 'https://nzcp.covid19.health.nz/contexts/v1'];
export const NZCP_VC_VERSION = '1.0.0';
const COSE_ES256 = -7;

export interface NzcpPassInput {
  /** The issuer's DID (did:web:…). */
  iss: string;
  /** Relative key reference, e.g. "key-1": the verifier resolves `iss#kid`. */
  kid: string;
  nbf: Date;
  exp: Date;
  /** RFC 4122 UUID, with or without `urn:uuid:`. */
  cti: string;
  /** Pass type beside "VerifiableCredential" (default PublicCovidPass). */
  type?: string;
  subject: { givenName: string; familyName?: string; dob: string };
}

export interface NzcpSigningKey {
  privateJwk: EcPrivateJwk;
}

export interface NzcpLayers {
  protectedHeader: Uint8Array;
  claims: Uint8Array;
  sigStructure: Uint8Array;
  signature: Uint8Array;
  cose: Uint8Array;
  text: string;
}

const secs = (d: Date) => Math.floor(d.getTime() / 1000);

/** `urn:uuid:f81d4fae-…` (or the bare UUID) -> its 16 bytes, big-endian (spec §Mapping JTI <-> CTI). */
export function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/^urn:uuid:/i, '');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return fromHex(hex.replace(/-/g, ''));
}

/** A random (version 4) UUID as the spec recommends, in its URI form. */
export const newCti = (): string => `urn:uuid:${crypto.randomUUID()}`;

export function encodeProtectedHeader(kid: string, kidAs: 'text' | 'bytes' = 'text'): Uint8Array {
  return writeOrderedCbor(new Map<number, unknown>([[4, kidAs === 'text' ? kid : utf8(kid)], [1, COSE_ES256]]));
}

export function encodeClaims(input: NzcpPassInput): Uint8Array {
  const s = input.subject;
  const subject = new Map<string, unknown>([['givenName', s.givenName]]);
  if (s.familyName !== undefined) subject.set('familyName', s.familyName);
  subject.set('dob', s.dob);
  const vc = new Map<string, unknown>([
    ['@context', NZCP_CONTEXT],
    ['version', NZCP_VC_VERSION],
    ['type', ['VerifiableCredential', input.type ?? 'PublicCovidPass']],
    ['credentialSubject', subject],
  ]);
  return writeOrderedCbor(
    new Map<number | string, unknown>([
      [1, input.iss],
      [5, secs(input.nbf)],
      [4, secs(input.exp)],
      ['vc', vc],
      [7, uuidBytes(input.cti)],
    ]),
  );
}

/** Sign claim bytes (tests use it for well-signed passes with broken content). */
export async function signNzcp(claims: Uint8Array, kid: string, key: NzcpSigningKey, kidAs: 'text' | 'bytes' = 'text'): Promise<NzcpLayers> {
  const protectedHeader = encodeProtectedHeader(kid, kidAs);
  const toSign = sigStructure(protectedHeader, claims);
  const signature = await sign('ES256', key.privateJwk, toSign);
  const cose = encodeCoseSign1(protectedHeader, claims, signature);
  return { protectedHeader, claims, sigStructure: toSign, signature, cose, text: nzcpText(cose) };
}

export const nzcpText = (cose: Uint8Array): string => `${PREFIX}${VERSION}/${encodeBase32NoPad(cose)}`;

export const encodeNzcpPass = (input: NzcpPassInput, key: NzcpSigningKey, kidAs: 'text' | 'bytes' = 'text'): Promise<NzcpLayers> =>
  signNzcp(encodeClaims(input), input.kid, key, kidAs);
