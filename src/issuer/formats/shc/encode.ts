/**
 * The issuing side: sign a health card. Used by the demo world, the tests and fuzzing (which
 * re-sign mutated content); the app never imports it.
 */
import { sign } from '../../../core/crypto/verify-signature.ts';
import type { EcPrivateJwk } from '../../../core/crypto/jwk.ts';
import { toBase64Url, utf8 } from '../../../core/encoding/bytes.ts';
import { deflateRawBytes } from '../../../core/encoding/zlib.ts';
import { PREFIX } from '../../../core/formats/shc/constants.ts';
import { textToNumeric } from '../../../core/formats/shc/numeric.ts';

export interface ShcSigningKey {
  /** RFC 7638 thumbprint of the public key, base64url (what the header's kid must be). */
  kid: string;
  privateJwk: EcPrivateJwk;
}

export interface SignOptions {
  /** Replaces the protected header ({zip: "DEF", alg: "ES256", kid}); tests use it for bad headers. */
  header?: Record<string, unknown>;
  /** Payload bytes to put in the JWS instead of raw-DEFLATE of the JSON (tests: bad compression). */
  payloadBytes?: Uint8Array;
}

/** A compact JWS over the claims (any JSON value, or exact JSON text), signed ES256. */
export async function signShcJws(claims: unknown, key: ShcSigningKey, opts: SignOptions = {}): Promise<string> {
  const header = opts.header ?? { zip: 'DEF', alg: 'ES256', kid: key.kid };
  const json = typeof claims === 'string' ? claims : JSON.stringify(claims);
  const h64 = toBase64Url(utf8(JSON.stringify(header)));
  const p64 = toBase64Url(opts.payloadBytes ?? deflateRawBytes(utf8(json)));
  const signature = await sign('ES256', key.privateJwk, utf8(`${h64}.${p64}`));
  return `${h64}.${p64}.${toBase64Url(signature)}`;
}

/** JWS -> one `shc:/` code. */
export const shcText = (jws: string): string => PREFIX + textToNumeric(jws);

/** JWS -> `shc:/i/n/…` parts of near-equal length (the deprecated chunked form). */
export function shcParts(jws: string, n: number): string[] {
  const size = Math.ceil(jws.length / n);
  return Array.from({ length: n }, (_, i) => `${PREFIX}${i + 1}/${n}/${textToNumeric(jws.slice(i * size, (i + 1) * size))}`);
}

/** Health card claims around a FHIR bundle, as the spec lays them out. */
export function healthCardClaims(iss: string, nbfSeconds: number, entries: unknown[], extra: { rid?: string; exp?: number } = {}) {
  return {
    iss,
    nbf: nbfSeconds,
    ...(extra.exp !== undefined ? { exp: extra.exp } : {}),
    vc: {
      type: ['https://smarthealth.cards#health-card'],
      credentialSubject: {
        fhirVersion: '4.0.1',
        fhirBundle: { resourceType: 'Bundle', type: 'collection', entry: entries.map((resource, i) => ({ fullUrl: `resource:${i}`, resource })) },
      },
      ...(extra.rid ? { rid: extra.rid } : {}),
    },
  };
}
