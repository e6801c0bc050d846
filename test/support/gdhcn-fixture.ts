/**
 * A small WHO GDHCN-shaped trust list of our own ("DID Trustlist v2" shape: one did:web document
 * per participant and key usage, each verification method a JsonWebKey2020 whose publicKeyJwk
 * carries the certificate in `x5c`), made at test time: our own signing CA (SCA) and document
 * signer (DSC) per participant, from src/issuer/make-certificate.ts, and an HC1 certificate the DSC
 * signs. Nothing is copied from WHO's lists; only the shape is theirs, with two of their habits:
 * kids written as base64 of the base64 DCC kid, and coordinates with a leading zero byte.
 */
import type { EcPublicJwk } from '../../src/core/crypto/jwk.ts';
import { sign } from '../../src/core/crypto/verify-signature.ts';
import { encodeBase45 } from '../../src/core/encoding/base45.ts';
import { concatBytes, fromBase64, fromBase64Url, toBase64, toBase64Url, utf8 } from '../../src/core/encoding/bytes.ts';
import { encodeCbor } from '../../src/core/encoding/cbor.ts';
import { encodeCoseSign1, encodeProtectedHeader, sigStructure } from '../../src/core/encoding/cose-sign1.ts';
import { deflateZlib } from '../../src/core/encoding/zlib.ts';
import { CLAIM, CLAIM_HCERT, HCERT_EU_DCC, PREFIX } from '../../src/core/formats/eu-dcc/constants.ts';
import { keyFromCertificate } from '../../src/core/trust/x509.ts';
import { generateKeyPair, type KeyPair } from '../../src/issuer/keys.ts';
import { makeCertificate, selfSignedCa, type CertSubject } from '../../src/issuer/make-certificate.ts';

const DAY = 86_400_000;
/** EU DCC extended key usage: test, vaccination, recovery (hcert specification §5.1.1). */
const DCC_EKU = ['1.3.6.1.4.1.1847.2021.1.1', '1.3.6.1.4.1.1847.2021.1.2', '1.3.6.1.4.1.1847.2021.1.3'];

/** Our stand-in for the WHO trust network's CDN (.invalid: it resolves nowhere). */
export const GDHCN_HOST = 'tng.gatecheck.invalid';
/** `did:web:<host>:v2:trustlist:-:<participant>[:<usage>]`, as the v2 lists name their documents. */
export const gdhcnDid = (participant: string, usage?: 'DSC' | 'SCA'): string => `did:web:${GDHCN_HOST}:v2:trustlist:-:${participant}${usage ? `:${usage}` : ''}`;

export interface Cert {
  der: Uint8Array;
  keys: KeyPair;
}

export interface GdhcnParty {
  /** ISO 3166 alpha-2 (certificates) and the participant code (alpha-3, the DID's). */
  country: string;
  participant: string;
  sca: Cert;
  dsc: Cert;
}

/** A participant: its self-signed signing CA and a DSC it issued (valid from a month ago for two years). */
export async function makeGdhcnParty(country: string, participant: string, now: Date): Promise<GdhcnParty> {
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const scaKeys = await generateKeyPair('ES256');
  const scaSubject: CertSubject = { country, commonName: `gatecheck TEST SCA ${participant} (not a real authority)` };
  const scaDer = await selfSignedCa(scaSubject, scaKeys, at(-60), at(4 * 365));
  const dscKeys = await generateKeyPair('ES256');
  const dscDer = await makeCertificate(
    { subject: { country, commonName: `gatecheck TEST DSC ${participant}` }, publicJwk: dscKeys.publicJwk, notBefore: at(-30), notAfter: at(2 * 365), extKeyUsage: DCC_EKU, serial: 2 },
    { subject: scaSubject, privateJwk: scaKeys.privateJwk, publicJwk: scaKeys.publicJwk },
  );
  return { country, participant, sca: { der: scaDer, keys: scaKeys }, dsc: { der: dscDer, keys: dscKeys } };
}

/** The DCC kid of a certificate, base64 (first 8 bytes of SHA-256 of the DER). */
export async function dccKid(der: Uint8Array): Promise<string> {
  const k = await keyFromCertificate(der);
  if (!k.ok) throw new Error(`fixture certificate: ${k.reason.code}`);
  return toBase64(fromBase64Url(k.value.kid));
}

const javaCoordinate = (c: string) => toBase64Url(concatBytes(new Uint8Array([0]), fromBase64Url(c)));

export interface MethodOptions {
  /** Certificates after the leaf in x5c (default none: the v2 lists give the leaf alone). */
  chain?: Uint8Array[];
  /** The key written in publicKeyJwk (default: the certificate's own). */
  jwk?: EcPublicJwk;
  /** Write coordinates with a leading zero byte, as a Java BigInteger would. */
  javaCoordinates?: boolean;
}

/** One verification method: `#<kid>` where kid is base64 of the base64 DCC kid, as the v2 lists write it. */
export async function gdhcnMethod(did: string, cert: Cert, o: MethodOptions = {}) {
  const kid = toBase64(utf8(await dccKid(cert.der)));
  const jwk = o.jwk ?? cert.keys.publicJwk;
  return {
    id: `${did}#${kid}`,
    type: 'JsonWebKey2020',
    controller: did,
    publicKeyJwk: {
      kty: 'EC',
      kid,
      x5c: [cert.der, ...(o.chain ?? [])].map(toBase64),
      crv: jwk.crv,
      x: o.javaCoordinates ? javaCoordinate(jwk.x) : jwk.x,
      y: o.javaCoordinates ? javaCoordinate(jwk.y) : jwk.y,
    },
  };
}

export function gdhcnDocument(did: string, methods: unknown[]) {
  return { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'], id: did, controller: did, verificationMethod: methods };
}

/** An HC1 (EU DCC) vaccination certificate the party's DSC signs: PASSes once the DSC is trusted. */
export async function signDcc(p: GdhcnParty, now: Date): Promise<string> {
  const day = (d: number) => new Date(now.getTime() + d * DAY).toISOString().slice(0, 10);
  const dcc = {
    ver: '1.3.0',
    nam: { fn: 'Specimen', fnt: 'SPECIMEN', gn: 'Test', gnt: 'TEST' },
    dob: '1990-04-12',
    v: [{ tg: '840539006', vp: '1119349007', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 2, sd: 2, dt: day(-60), co: p.country, is: 'gatecheck test issuer', ci: `URN:UVCI:01:${p.country}:GDHCNTEST0001#3` }],
  };
  const claims = new Map<number, unknown>([
    [CLAIM.iss, p.country],
    [CLAIM.iat, Math.floor(now.getTime() / 1000) - 3600],
    [CLAIM.exp, Math.floor(now.getTime() / 1000) + 365 * 86_400],
    [CLAIM_HCERT, new Map([[HCERT_EU_DCC, dcc]])],
  ]);
  const payload = encodeCbor(claims);
  const protectedHeader = encodeProtectedHeader(-7, fromBase64(await dccKid(p.dsc.der))); // -7: ES256
  const signature = await sign('ES256', p.dsc.keys.privateJwk, sigStructure(protectedHeader, payload));
  return PREFIX + encodeBase45(deflateZlib(encodeCoseSign1(protectedHeader, payload, signature)));
}
