/**
 * Country signing CA certificates (CSCAs) into a bundle as CA entries (role 'ca'): the barcode
 * signer certificates that VDS-NC seals carry are then trusted when one of them issued it. Read
 * and checked like DSCs (PEM or DER, a real ISO 3166 country matching the subject), and each must
 * be a CA: basicConstraints cA, as ICAO Doc 9303-12 profiles a CSCA.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { BasicConstraints, Certificate, id_ce_basicConstraints } from '@peculiar/asn1-x509';
import type { TrustBundle } from '../core/trust/bundle.ts';
import { mergeDscKeys, type AcceptedDsc, type ImportSkip, type MergeReport } from './import-dcc.ts';
import { defaultFormats } from './formats/registry.ts';

/** Splits accepted certificates into CAs and the rest (skipped: not a CA certificate). */
export function onlyCas(accepted: readonly AcceptedDsc[]): { cas: AcceptedDsc[]; skipped: ImportSkip[] } {
  const cas: AcceptedDsc[] = [];
  const skipped: ImportSkip[] = [];
  for (const a of accepted) {
    let isCa = false;
    try {
      const ext = AsnConvert.parse(a.cert.der, Certificate).tbsCertificate.extensions?.find((x) => x.extnID === id_ce_basicConstraints);
      isCa = !!ext && AsnConvert.parse(ext.extnValue, BasicConstraints).cA;
    } catch {
      isCa = false;
    }
    if (isCa) cas.push(a);
    else skipped.push({ file: a.file, index: a.index, why: 'not a CA certificate (basicConstraints cA is not set)' });
  }
  return { cas, skipped };
}

/** Puts CSCAs into `draft` (in place) as CA entries for `formats`; same issuer and kid replaces. */
export function mergeCscaKeys(draft: TrustBundle, cas: readonly AcceptedDsc[], formats: string[] = defaultFormats('csca')): MergeReport {
  const report = mergeDscKeys(draft, cas, formats);
  for (const a of cas) for (const k of draft.keys) if (k.issuer === a.country && k.kid === a.cert.kid) k.role = 'ca';
  return report;
}
