/**
 * Import EU DCC document signer certificates (DSCs) into a bundle: from a national or gateway
 * trust list (a JSON array of `{ kid, country, certificateType?, rawData }`, as the DCC gateway's
 * `/trustList` answers, or `{ certificates: [...] }` as national lists wrap it), or from plain PEM
 * (one or more certificates) and DER files. Every entry is checked — the list's kid must be the
 * certificate's kid, the country a real ISO 3166 alpha-2 code matching the certificate's subject —
 * and an entry that fails is skipped with a reason, never imported on trust.
 *
 * A trust list's own signature (e.g. the first line of a national download) is not checked here:
 * the operator decides which list to import; the bundle root signature is what gates trust.
 */
import { bytesEqual, fromBase64, fromBase64Url } from '../core/encoding/bytes.ts';
import type { TrustBundle } from '../core/trust/bundle.ts';
import { keyFromCertificate, type CertificateKey } from '../core/trust/x509.ts';
import { countryNames } from './regions.ts';
import { trustKeyFrom, upsertKey } from './sign-bundle.ts';
import { defaultFormats } from './formats/registry.ts';

export interface ImportSkip {
  /** The file the entry came from (when several were imported). */
  file?: string;
  /** Index of the entry in its file (list position, or PEM block number). */
  index: number;
  why: string;
}

/** One certificate to import, as read from a file (not checked yet). */
export interface DscCandidate {
  file: string;
  index: number;
  der: Uint8Array;
  country: string;
  /** The kid the list gives (base64 or base64url), checked against the certificate. */
  listKid?: string;
}

export interface AcceptedDsc {
  file: string;
  index: number;
  country: string;
  cert: CertificateKey;
}

export type DscFileKind = 'json' | 'pem' | 'der' | 'unknown';

const latin = (bytes: Uint8Array, n = bytes.length) => new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, n));

/** What a DSC file holds: a JSON trust list, PEM certificates, or a DER certificate. */
export function detectDscFile(bytes: Uint8Array): DscFileKind {
  if (bytes[0] === 0x30) return 'der';
  const text = latin(bytes);
  if (text.includes('-----BEGIN')) return 'pem';
  const t = text.trimStart();
  if (t.startsWith('[') || t.startsWith('{') || jsonAfterFirstLine(text) !== undefined) return 'json';
  if (/^[A-Za-z0-9+/=_\-\s]+$/.test(t) && t.length > 100) return 'der'; // bare base64 of a DER certificate
  return 'unknown';
}

/** National downloads (e.g. Germany's) put a signature line before the JSON. */
function jsonAfterFirstLine(text: string): string | undefined {
  const nl = text.indexOf('\n');
  if (nl < 0) return undefined;
  const rest = text.slice(nl + 1).trimStart();
  return rest.startsWith('{') || rest.startsWith('[') ? rest : undefined;
}

/** ISO 3166-1 alpha-2 codes the platform knows as regions, without the user-assigned and reserved ones. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'UK', 'ZZ', 'QO', 'AA']);
export function isCountryCode(cc: string): boolean {
  if (!/^[A-Z]{2}$/.test(cc) || NOT_COUNTRIES.has(cc) || (cc.startsWith('X') && cc !== 'XK') || /^Q[M-Z]$/.test(cc)) return false;
  try {
    return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(cc) !== undefined;
  } catch {
    return false;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function decodeB64(s: string): Uint8Array | undefined {
  try {
    return fromBase64(s);
  } catch {
    return undefined;
  }
}

/**
 * Reads the certificates of one file. `country` is required for PEM and DER files (a trust list
 * names the country per entry). Entries that cannot be read are returned as skipped.
 */
export function readDscFile(file: string, bytes: Uint8Array, country?: string): { candidates: DscCandidate[]; skipped: ImportSkip[] } {
  const candidates: DscCandidate[] = [];
  const skipped: ImportSkip[] = [];
  const kind = detectDscFile(bytes);
  const cc = country?.toUpperCase();
  if (kind === 'pem' || kind === 'der') {
    if (!cc) throw new Error(`${file}: a PEM or DER certificate file needs a country (--country)`);
    if (kind === 'der') {
      const der = bytes[0] === 0x30 ? bytes : decodeB64(latin(bytes).trim());
      if (der) candidates.push({ file, index: 0, der, country: cc });
      else skipped.push({ file, index: 0, why: 'not a DER certificate' });
    } else {
      const blocks = [...latin(bytes).matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
      if (blocks.length === 0) skipped.push({ file, index: 0, why: 'no CERTIFICATE block in PEM' });
      blocks.forEach((m, index) => {
        const der = decodeB64(m[1]!);
        if (der) candidates.push({ file, index, der, country: cc });
        else skipped.push({ file, index, why: 'PEM block is not base64' });
      });
    }
    return { candidates, skipped };
  }
  if (kind === 'unknown') {
    skipped.push({ file, index: 0, why: 'neither a JSON trust list nor a PEM or DER certificate' });
    return { candidates, skipped };
  }
  const text = latin(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const rest = jsonAfterFirstLine(text);
    try {
      json = rest === undefined ? undefined : JSON.parse(rest);
    } catch {
      json = undefined;
    }
  }
  const list = Array.isArray(json) ? json : isObj(json) && Array.isArray(json.certificates) ? json.certificates : undefined;
  if (!list) {
    skipped.push({ file, index: 0, why: 'JSON is not a trust list (an array of entries, or { certificates: [...] })' });
    return { candidates, skipped };
  }
  list.forEach((e: unknown, index: number) => {
    const skip = (why: string) => skipped.push({ file, index, why });
    if (!isObj(e)) return skip('entry is not an object');
    const type = e.certificateType;
    if (type !== undefined && (typeof type !== 'string' || type.toUpperCase() !== 'DSC')) return skip(`certificateType ${String(type)} is not a document signer (DSC)`);
    const raw = e.rawData ?? e.certificate ?? e.der;
    if (typeof raw !== 'string') return skip('no certificate (rawData, certificate or der)');
    const der = decodeB64(raw);
    if (!der) return skip('certificate is not base64');
    const entryCountry = typeof e.country === 'string' ? e.country.toUpperCase() : cc;
    if (!entryCountry) return skip('no country');
    if (cc && entryCountry !== cc) return skip(`country ${entryCountry} is not --country ${cc}`);
    if (e.kid !== undefined && typeof e.kid !== 'string') return skip('kid is not a string');
    candidates.push({ file, index, der, country: entryCountry, ...(typeof e.kid === 'string' ? { listKid: e.kid } : {}) });
  });
  return { candidates, skipped };
}

/** Checks every candidate: a parseable certificate, a matching kid, a real and matching country. */
export async function checkDscCandidates(candidates: readonly DscCandidate[]): Promise<{ accepted: AcceptedDsc[]; skipped: ImportSkip[] }> {
  const accepted: AcceptedDsc[] = [];
  const skipped: ImportSkip[] = [];
  const seen = new Map<string, AcceptedDsc>();
  for (const c of candidates) {
    const skip = (why: string) => skipped.push({ file: c.file, index: c.index, why });
    if (!isCountryCode(c.country)) {
      skip(`country ${c.country} is not an ISO 3166 alpha-2 code`);
      continue;
    }
    const k = await keyFromCertificate(c.der);
    if (!k.ok) {
      skip(`${k.reason.code}: ${k.reason.detail ?? 'certificate cannot be used'}`);
      continue;
    }
    const cert = k.value;
    if (c.listKid !== undefined) {
      const listed = decodeB64(c.listKid.trim());
      if (!listed || !bytesEqual(listed, fromBase64Url(cert.kid))) {
        skip(`kid ${c.listKid} does not match the certificate (SHA-256 of the DER gives ${cert.kid})`);
        continue;
      }
    }
    if (cert.country && cert.country !== c.country) {
      skip(`certificate subject country ${cert.country} is not ${c.country}`);
      continue;
    }
    const id = `${c.country}\u0000${cert.kid}`;
    const dup = seen.get(id);
    if (dup) {
      skip(`${bytesEqual(dup.cert.der, cert.der) ? 'same certificate' : 'same country and kid'} as ${dup.file} entry ${dup.index}`);
      continue;
    }
    const a = { file: c.file, index: c.index, country: c.country, cert };
    seen.set(id, a);
    accepted.push(a);
  }
  return { accepted, skipped };
}

export interface MergeReport {
  added: number;
  replaced: number;
  /** Issuers the import added to the bundle. */
  issuersAdded: string[];
}

/**
 * Puts accepted DSCs into `draft` (in place): a key with the same issuer and kid is replaced,
 * missing country issuers are added with their names.
 */
export function mergeDscKeys(draft: TrustBundle, accepted: readonly AcceptedDsc[], formats: string[] = defaultFormats('dsc')): MergeReport {
  const report: MergeReport = { added: 0, replaced: 0, issuersAdded: [] };
  for (const a of accepted) {
    const existing = draft.issuers.find((i) => i.id === a.country);
    if (!existing) {
      draft.issuers.push({ id: a.country, kind: 'country', names: countryNames(a.country) });
      report.issuersAdded.push(a.country);
    } else if (existing.kind !== 'country') throw new Error(`issuer ${a.country} exists but is a ${existing.kind}, not a country`);
    upsertKey(draft, trustKeyFrom({ issuer: a.country, cert: a.cert, formats }), report);
  }
  return report;
}
