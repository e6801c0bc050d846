/**
 * The RSA parts of X.509 this verifier reads (RFC 8017 appendix A, RFC 4055): the public key, the
 * RSASSA-PSS parameters, and the object identifiers. Declared with @peculiar/asn1-schema like the
 * rest of our X.509, but not imported from @peculiar/asn1-rsa: that module encodes its OAEP and
 * PSS default parameters to DER when it loads, and that first encoding compiles asn1js's whole
 * encoder on the page's thread — ≈ 130 ms of the verifier chunk's ≈ 230 ms evaluation at 6× CPU,
 * measured, before the first code after start could be judged. Nothing here runs at load.
 */
import { AsnIntegerArrayBufferConverter, AsnProp, AsnPropTypes } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';

const PKCS1 = '1.2.840.113549.1.1';
export const id_rsaEncryption = `${PKCS1}.1`;
export const id_RSASSA_PSS = `${PKCS1}.10`;
export const id_sha256WithRSAEncryption = `${PKCS1}.11`;
export const id_sha384WithRSAEncryption = `${PKCS1}.12`;
export const id_sha512WithRSAEncryption = `${PKCS1}.13`;
export const id_sha1 = '1.3.14.3.2.26';
export const id_sha256 = '2.16.840.1.101.3.4.2.1';
export const id_sha384 = '2.16.840.1.101.3.4.2.2';
export const id_sha512 = '2.16.840.1.101.3.4.2.3';

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (the INTEGERs' bytes, sign byte included). */
export class RSAPublicKey {
  modulus = new ArrayBuffer(0);
  publicExponent = new ArrayBuffer(0);
}
for (const field of ['modulus', 'publicExponent'] as const) {
  AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(RSAPublicKey.prototype, field);
}

/**
 * RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0], maskGenAlgorithm [1], saltLength [2],
 * trailerField [3] }, each explicitly tagged and optional. An absent field keeps its default:
 * SHA-1, MGF1 (left unset here: WebCrypto's RSA-PSS always uses MGF1 with the signature's hash),
 * a 20-byte salt, trailer 1.
 */
export class RsaSaPssParams {
  hashAlgorithm = new AlgorithmIdentifier({ algorithm: id_sha1, parameters: null });
  maskGenAlgorithm?: AlgorithmIdentifier;
  saltLength = 20;
  trailerField = 1;
}
AsnProp({ type: AlgorithmIdentifier, context: 0, optional: true })(RsaSaPssParams.prototype, 'hashAlgorithm');
AsnProp({ type: AlgorithmIdentifier, context: 1, optional: true })(RsaSaPssParams.prototype, 'maskGenAlgorithm');
AsnProp({ type: AsnPropTypes.Integer, context: 2, optional: true })(RsaSaPssParams.prototype, 'saltLength');
AsnProp({ type: AsnPropTypes.Integer, context: 3, optional: true })(RsaSaPssParams.prototype, 'trailerField');
