/**
 * How the result screen words a pass (Credential.passes) and an issuer the bundle does not name.
 * Format-free: the pass type's words come from the format's own labels (FormatInfo.fieldLabels,
 * keyed by the type as the code names it, e.g. "PublicCovidPass"), else the type as written.
 */
import type { IssuerRef, PassRecord } from '../../core/model/credential.ts';
import { localDateTime, t, type Lang } from '../i18n/strings.ts';
import { fieldLabel } from './field-labels.ts';

/** "NZ COVID Pass valid until 2027-01-05 09:37" / "新西兰新冠通行证 有效至 2027-01-05 09:37". */
export function passText(format: string | undefined, p: PassRecord, lang: Lang): string {
  const name = fieldLabel(format, p.type, lang);
  return p.validUntil ? `${name} ${t('validUntil', lang)} ${localDateTime(p.validUntil)}` : name;
}

/**
 * An issuer as a person reads it when the bundle gives no name: a did:web DID by its host
 * (did:web:nzcp.covid19.health.nz -> nzcp.covid19.health.nz; a port is written %3A), anything else as written.
 */
export function issuerLabel(issuer: IssuerRef): string {
  if (issuer.kind !== 'did' || !issuer.id.startsWith('did:web:')) return issuer.id;
  const host = issuer.id.slice('did:web:'.length).split(':')[0]!;
  try {
    return decodeURIComponent(host) || issuer.id;
  } catch {
    return issuer.id; // a broken %-escape: shown as written rather than guessed
  }
}
