/**
 * Signing a VDS-NC (issuer side, demo world, tests and fuzzers): the signature covers the
 * RFC 8785 canonical form of `data`, ECDSA raw r||s, base64url (no padding); the barcode signer
 * certificate goes into `cer`. `sealText` assembles a seal from parts without signing, so tests can
 * build seals whose data and signature disagree.
 */
import type { EcPrivateJwk } from '../../../core/crypto/jwk.ts';
import { sign } from '../../../core/crypto/verify-signature.ts';
import { toBase64Url, utf8 } from '../../../core/encoding/bytes.ts';
import { canonicalJson } from '../../../core/formats/vds-nc/canonical-json.ts';
import type { SealAlg } from '../../../core/formats/vds-nc/constants.ts';
import type { JsonObject } from '../../../core/encoding/strict-json.ts';

export interface SealSigner {
  alg: SealAlg;
  privateJwk: EcPrivateJwk;
  /** DER of the barcode signer certificate whose key is `privateJwk`. */
  certificate: Uint8Array;
}

export interface SealSig {
  alg: string;
  cer: string;
  sigvl: string;
}

/** The seal as compact JSON text (data written in its canonical form, which is also the shortest). */
export const sealText = (data: JsonObject, sig: SealSig): string => `{"data":${canonicalJson(data)},"sig":${canonicalJson({ ...sig })}}`;

export async function signSealData(data: JsonObject, signer: SealSigner): Promise<SealSig> {
  const signature = await sign(signer.alg, signer.privateJwk, utf8(canonicalJson(data)));
  return { alg: signer.alg, cer: toBase64Url(signer.certificate), sigvl: toBase64Url(signature) };
}

export async function signSeal(data: JsonObject, signer: SealSigner): Promise<string> {
  return sealText(data, await signSealData(data, signer));
}
