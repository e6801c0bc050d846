/**
 * A VDS-NC issuing state for demo worlds, tests and fuzzers: a country signing CA (CSCA) and a
 * barcode signer certificate (BSC) it issued, ECDSA (a P-256 BSC; the CSCA P-256 unless asked for
 * P-384 or P-521), plus the bundle entry that makes a gate trust the CSCA for VDS-NC seals. The BSC
 * is an end entity as VDS-NC profiles it: keyUsage digitalSignature, the barcode signer extended key
 * usage (2.23.136.1.1.14.2), no basicConstraints.
 */
import type { JsonObject } from '../../../core/encoding/strict-json.ts';
import type { SealSigner } from './encode.ts';
import { keyFromCertificate } from '../../../core/trust/x509.ts';
import { FORMAT_ID } from '../../../core/formats/vds-nc/constants.ts';
import { BARCODE_SIGNER_EKU } from '../../../core/pipeline/signer-certificate.ts';
import { generateKeyPair, type KeyPair } from '../../keys.ts';
import { makeCertificate, selfSignedCa, type CertSubject } from '../../make-certificate.ts';
import type { BundleKeyInput } from '../../sign-bundle.ts';

const DAY = 86_400_000;

export interface SealIssuer {
  country: string;
  csca: { der: Uint8Array; keys: KeyPair; subject: CertSubject };
  bsc: { der: Uint8Array; keys: KeyPair };
  signer: SealSigner;
}

export interface SealIssuerOptions {
  /** ISO 3166 alpha-2 (C of both certificates). */
  country: string;
  now: Date;
  /** Barcode signer validity; default: from 30 days ago for a year. */
  bscFrom?: Date;
  bscUntil?: Date;
  /** Another state's CSCA to issue the BSC (for tests of foreign or rogue signers). */
  issuedBy?: SealIssuer['csca'];
  /** The CSCA's key: P-256 (default), P-384 or P-521; it signs the BSC with SHA-256/384/512. */
  cscaAlg?: 'ES256' | 'ES384' | 'ES512';
}

export async function makeSealIssuer(o: SealIssuerOptions): Promise<SealIssuer> {
  const cscaSubject = { country: o.country, commonName: `CSCA ${o.country}` };
  const cscaKeys = await generateKeyPair(o.cscaAlg ?? 'ES256');
  const cscaDer = await selfSignedCa(cscaSubject, cscaKeys, new Date(o.now.getTime() - 365 * DAY), new Date(o.now.getTime() + 10 * 365 * DAY));
  const csca = o.issuedBy ?? { der: cscaDer, keys: cscaKeys, subject: cscaSubject };
  const bscKeys = await generateKeyPair('ES256');
  const bscDer = await makeCertificate(
    {
      subject: { country: o.country, commonName: 'BS' },
      publicJwk: bscKeys.publicJwk,
      notBefore: o.bscFrom ?? new Date(o.now.getTime() - 30 * DAY),
      notAfter: o.bscUntil ?? new Date(o.now.getTime() + 365 * DAY),
      serial: 2,
      extKeyUsage: [BARCODE_SIGNER_EKU],
    },
    { subject: csca.subject, privateJwk: csca.keys.privateJwk, publicJwk: csca.keys.publicJwk },
  );
  return {
    country: o.country,
    csca: o.issuedBy ? o.issuedBy : { der: cscaDer, keys: cscaKeys, subject: cscaSubject },
    bsc: { der: bscDer, keys: bscKeys },
    signer: { alg: 'ES256', privateJwk: bscKeys.privateJwk, certificate: bscDer },
  };
}

/** The bundle entry for a certificate: a CSCA (role 'ca') or a listed signer, for VDS-NC. */
export async function sealTrustKey(issuer: string, der: Uint8Array, role: 'ca' | 'signer'): Promise<BundleKeyInput> {
  const cert = await keyFromCertificate(der);
  if (!cert.ok) throw new Error(`${cert.reason.code}: ${cert.reason.detail ?? ''}`);
  return { issuer, cert: cert.value, formats: [FORMAT_ID], ...(role === 'ca' ? { role } : {}) };
}

/** The `data` of a negative PCR test seal of a specimen holder, sampled 6 h and reported 2 h before `now`. */
export function negativeTestSealData(o: { state: string; id: string; now: Date; holder?: string }): JsonObject {
  const h = 3_600_000;
  return {
    hdr: { t: 'icao.test', v: 1, is: o.state },
    msg: {
      utci: o.id,
      pid: { n: o.holder ?? 'SPECIMEN  ANNA', dob: '1990-01-29', dt: 'P', dn: `${o.state.slice(0, 2)}1234567` },
      sp: { spn: 'General Hospital', ctr: o.state, cd: { p: '+00068765432' } },
      dat: { sc: new Date(o.now.getTime() - 6 * h).toISOString(), ri: new Date(o.now.getTime() - 2 * h).toISOString() },
      tr: { tc: 'molecular(PCR)', r: 'negative', m: 'nasopharyngeal' },
    },
  };
}
