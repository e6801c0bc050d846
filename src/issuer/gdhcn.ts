/**
 * The WHO GDHCN trust list shape of `bundle import-did` ("DID Trustlist v2", WorldHealthOrganization/
 * smart-trust): each verification method's `publicKeyJwk` carries an `x5c` — a document signer
 * certificate (DSC) or a participant's signing CA (SCA, the CSCA of the EU DCC). DSCs become DSC
 * entries for the formats DSCs serve by default (HC1: EU DCC, and WHO DDCC certificates in the same
 * envelope), read as `bundle import-dcc` reads a certificate (key, kid, validity, key usage and
 * country from the certificate); SCAs are the anchors their chains are checked against.
 *
 * Refused as a whole (DidDocumentError): an `x5c` that is not certificates, a first certificate
 * holding another key than the JWK, a JWK kid that is not the certificate's, an `x5c` whose chain
 * is broken — the list is then not what the network published. Skipped with a reason: a DSC no SCA
 * given (in the same or another document of the run) issued, or whose certificate cannot be used.
 * Validity dates do not break a chain: certificates outlive their signers; the DSC's own dates
 * bound its bundle entry.
 */
import { bytesEqual, fromBase64, fromBase64Url, utf8Text } from '../core/encoding/bytes.ts';
import { issuedBy, namesIssuer, parseCertLink, type CertLink } from '../core/trust/cert-chain.ts';
import { keyFromCertificate, type CertificateKey } from '../core/trust/x509.ts';
import { isCountryCode, type AcceptedDsc, type ImportSkip } from './import-dcc.ts';
import { coordinate } from './import-did-jwk.ts';
import { DidDocumentError, type DidDocumentRead } from './import-did.ts';

/** A signing CA a document lists: what DSCs are checked against (not imported itself). */
export interface GdhcnCa {
  file: string;
  id: string;
  country?: string;
  link: CertLink;
  cert: CertificateKey;
}

export interface GdhcnRead {
  dscs: AcceptedDsc[];
  cas: GdhcnCa[];
  skipped: ImportSkip[];
}

interface Checked {
  file: string;
  index: number;
  id: string;
  links: CertLink[];
  cert: CertificateKey;
}

/** Standard base64 (RFC 7517 §4.7: x5c is base64, not base64url), padding optional. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const CURVE_BYTES: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

function decode64(s: string): Uint8Array | undefined {
  try {
    return fromBase64(s.trim());
  } catch {
    return undefined;
  }
}

/** Unsigned big-endian integer bytes without leading zeros (RSA n and e are written either way). */
function unsigned(v: unknown): Uint8Array | undefined {
  if (typeof v !== 'string') return undefined;
  let b: Uint8Array;
  try {
    b = fromBase64Url(v);
  } catch {
    return undefined;
  }
  while (b.length > 1 && b[0] === 0) b = b.subarray(1);
  return b;
}

/** Whether the JWK's key is the certificate's (EC: same curve and point; RSA: same n and e). */
export function sameKey(jwk: Record<string, unknown>, cert: CertificateKey): boolean {
  const c = cert.jwk;
  if (c.kty === 'EC') {
    const size = CURVE_BYTES[c.crv];
    if (jwk.kty !== 'EC' || jwk.crv !== c.crv || !size) return false;
    const x = coordinate(jwk.x, size);
    const y = coordinate(jwk.y, size);
    return !!x && !!y && bytesEqual(x, fromBase64Url(c.x)) && bytesEqual(y, fromBase64Url(c.y));
  }
  const n = unsigned(jwk.n);
  const e = unsigned(jwk.e);
  return jwk.kty === 'RSA' && !!n && !!e && bytesEqual(n, unsigned(c.n)!) && bytesEqual(e, unsigned(c.e)!);
}

/**
 * Whether a JWK kid names this certificate: its DCC kid (first 8 bytes of SHA-256 of the DER) in
 * base64, or that base64 text base64-encoded once more, as the v2 trust lists write it.
 */
export function kidNamesCert(kid: string, cert: CertificateKey): boolean {
  const want = fromBase64Url(cert.kid);
  const once = decode64(kid);
  if (!once) return false;
  if (bytesEqual(once, want)) return true;
  const text = utf8Text(once);
  const twice = text !== undefined && BASE64.test(text) ? decode64(text) : undefined;
  return !!twice && bytesEqual(twice, want);
}

/** The certificate methods of one document, checked on their own; throws DidDocumentError to refuse. */
async function checkMethods(doc: DidDocumentRead): Promise<{ checked: Checked[]; skipped: ImportSkip[] }> {
  const checked: Checked[] = [];
  const skipped: ImportSkip[] = [];
  for (const { index, id, jwk } of doc.certs) {
    const refuse = (why: string): never => {
      throw new DidDocumentError(`${doc.file}: verification method ${id}: ${why}; refusing the document, nothing written`);
    };
    const x5c = jwk.x5c;
    if (!Array.isArray(x5c) || x5c.length === 0) return refuse('x5c is not a non-empty list of certificates');
    const links: CertLink[] = [];
    for (const [i, c] of x5c.entries()) {
      const der = typeof c === 'string' && BASE64.test(c) ? decode64(c) : undefined;
      if (!der) return refuse(`x5c[${i}] is not base64`);
      const link = parseCertLink(der);
      if (!link) return refuse(`x5c[${i}] is not an X.509 certificate`);
      links.push(link);
    }
    const leaf = await keyFromCertificate(links[0]!.der);
    if (!leaf.ok) {
      skipped.push({ file: doc.file, index, why: `${id}: ${leaf.reason.code}: ${leaf.reason.detail ?? 'certificate cannot be used'}` });
      continue;
    }
    if (!sameKey(jwk, leaf.value)) refuse(`x5c[0] holds another key than the publicKeyJwk (${String(jwk.kty)} ${String(jwk.crv ?? '')}): it is not this key's certificate`);
    if (jwk.kid !== undefined && (typeof jwk.kid !== 'string' || !kidNamesCert(jwk.kid, leaf.value)))
      refuse(`kid ${String(jwk.kid)} does not name the x5c[0] certificate (its DCC kid is ${leaf.value.kid})`);
    for (let i = 0; i + 1 < links.length; i++) {
      const up = links[i + 1]!;
      const key = await keyFromCertificate(up.der);
      if (!namesIssuer(links[i]!, up) || up.purpose.ca !== true || !key.ok || !(await issuedBy(links[i]!, key.value.jwk)))
        refuse(`x5c[${i}] is not issued by x5c[${i + 1}] (the chain is broken)`);
    }
    checked.push({ file: doc.file, index, id, links, cert: leaf.value });
  }
  return { checked, skipped };
}

/**
 * Every certificate method of the run's documents: signing CAs (cA certificates) as anchors, and
 * the DSCs whose chain reaches one of them (its x5c's last certificate is an anchor, or an anchor
 * issued it), each with its country from the certificate (ISO 3166 alpha-2, as import-dcc wants).
 */
export async function readGdhcn(docs: readonly DidDocumentRead[]): Promise<GdhcnRead> {
  const all: Checked[] = [];
  const skipped: ImportSkip[] = [];
  for (const doc of docs) {
    const r = await checkMethods(doc);
    all.push(...r.checked);
    skipped.push(...r.skipped);
  }
  const cas: GdhcnCa[] = all
    .filter((c) => c.links[0]!.purpose.ca === true)
    .map((c) => ({ file: c.file, id: c.id, link: c.links[0]!, cert: c.cert, ...(c.cert.country ? { country: c.cert.country } : {}) }));
  const dscs: AcceptedDsc[] = [];
  const seen = new Map<string, Checked>();
  for (const c of all) {
    if (c.links[0]!.purpose.ca === true) continue;
    const skip = (why: string) => skipped.push({ file: c.file, index: c.index, why: `${c.id}: ${why}` });
    const country = c.cert.country;
    if (!country || !isCountryCode(country)) {
      skip(`the certificate's subject country ${country ?? '(none)'} is not an ISO 3166 alpha-2 code`);
      continue;
    }
    const top = c.links.at(-1)!;
    let anchored = false;
    for (const ca of cas) {
      if (bytesEqual(top.der, ca.link.der) || (namesIssuer(top, ca.link) && (await issuedBy(top, ca.cert.jwk)))) {
        anchored = true;
        break;
      }
    }
    if (!anchored) {
      const named = cas.filter((a) => a.country === country).map((a) => a.id);
      skip(`DSC of ${country} is not issued by any signing CA given (${named.length ? `${country}: ${named.join(', ')}` : `none of ${country}`}); import its participant's SCA document with it`);
      continue;
    }
    const dup = seen.get(`${country}\u0000${c.cert.kid}`);
    if (dup) {
      skip(`same DSC as ${dup.file} ${dup.id}`);
      continue;
    }
    seen.set(`${country}\u0000${c.cert.kid}`, c);
    dscs.push({ file: c.file, index: c.index, country, cert: c.cert });
  }
  return { dscs, cas, skipped };
}
