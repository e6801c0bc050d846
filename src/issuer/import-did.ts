/**
 * Read a W3C DID document (did:web) for `bundle import-did`. Two shapes share the command:
 *
 * - an issuer's own document (New Zealand's `did:web:nzcp.covid19.health.nz`): each verification
 *   method listed in `assertionMethod` is one of the DID's signing keys, taken as it stands (no
 *   certificate): `keys`;
 * - a WHO GDHCN trust list ("DID Trustlist v2"): each method's `publicKeyJwk` carries an `x5c`
 *   certificate, a document signer's or a signing CA's: `certs`, checked in gdhcn.ts.
 *
 * Whatever would make the document a doubtful source refuses it as a whole (DidDocumentError,
 * naming the file and method): malformed JSON, an id that is not did:web, a method id outside the
 * document's DID or given twice, a type other than JsonWebKey2020 / JsonWebSignature2020, a key
 * with private members, a key that is not EC P-256/P-384 or Ed25519, or an issuer document listing
 * no key for assertion. A method merely not listed for assertion is not imported, and said so.
 */
import type { AlgName } from '../core/crypto/algorithms.ts';
import type { EcPublicJwk } from '../core/crypto/jwk.ts';
import { toBase64Url, utf8 } from '../core/encoding/bytes.ts';
import type { CredentialKind } from '../core/model/credential.ts';
import type { LocalizedName } from '../core/model/verdict.ts';
import type { TrustBundle } from '../core/trust/bundle.ts';
import type { ImportSkip } from './import-dcc.ts';
import { didPublicKey, privateMembers } from './import-did-jwk.ts';
import { trustKeyFrom, upsertKey } from './sign-bundle.ts';

export class DidDocumentError extends Error {}

/** One signing key of the DID, as an assertion method publishes it. */
export interface DidIssuerKey {
  /** The verification method's absolute id (`did:web:…#key-1`): the key id NZCP codes resolve. */
  id: string;
  alg: AlgName;
  jwk: EcPublicJwk;
}

/** A verification method whose key comes with its certificate (`publicKeyJwk.x5c`). */
export interface DidCertMethod {
  index: number;
  id: string;
  jwk: Record<string, unknown>;
}

export interface DidDocumentRead {
  file: string;
  did: string;
  /** The DID's host (percent-decoded): its issuer's name when nothing better is known. */
  host: string;
  keys: DidIssuerKey[];
  certs: DidCertMethod[];
  /** Methods not imported, with why (not for assertion, or a key a bundle cannot carry). */
  skipped: ImportSkip[];
}

/** Verification method types whose key is a `publicKeyJwk` (W3C CCG JWS 2020 suite). */
export const METHOD_TYPES = ['JsonWebKey2020', 'JsonWebSignature2020'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === 'string' ? v.slice(0, 120) : JSON.stringify(v)?.slice(0, 120) ?? String(v));

/** `did:web:<host>[:<path>…]` (W3C did:web §3.1): its host, or undefined for anything else. */
export function didWebHost(did: string): string | undefined {
  const m = /^did:web:([A-Za-z0-9.%-]+)((?::[A-Za-z0-9._~%-]+)*)$/.exec(did);
  if (!m) return undefined;
  try {
    const host = decodeURIComponent(m[1]!);
    return /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host) && !host.startsWith('.') ? host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/** A method reference as absolute id: `#frag` is resolved against the document's DID. */
export const absoluteId = (ref: string, did: string): string => (ref.startsWith('#') ? did + ref : ref);

/** Reads and checks one document; throws DidDocumentError when it must be refused. */
export function readDidDocument(file: string, text: string): DidDocumentRead {
  const refuse = (why: string): never => {
    throw new DidDocumentError(`${file}: ${why}; refusing the document, nothing written`);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return refuse('is not JSON');
  }
  if (!isObj(doc)) return refuse('is not a DID document (a JSON object)');
  if (typeof doc.id !== 'string') return refuse('has no "id" (the DID the document describes)');
  const did = doc.id;
  const host = didWebHost(did);
  if (!host) return refuse(`id ${show(did)} is not a did:web DID`);
  const methods = doc.verificationMethod ?? [];
  if (!Array.isArray(methods)) return refuse('verificationMethod is not a list');
  const assertion = doc.assertionMethod ?? [];
  if (!Array.isArray(assertion)) return refuse('assertionMethod is not a list');

  // Embedded assertion methods (DID Core §5.3) are methods too, and listed for assertion.
  const all: { index: number; m: unknown; embedded: boolean }[] = [
    ...methods.map((m, index) => ({ index, m, embedded: false })),
    ...assertion.flatMap((m, i) => (isObj(m) ? [{ index: methods.length + i, m, embedded: true }] : [])),
  ];
  // A private key anywhere refuses the document before anything else is looked at.
  for (const { index, m } of all) {
    const priv = isObj(m) ? privateMembers(m.publicKeyJwk) : [];
    if (priv.length) refuse(`verification method ${index} has private key members (${priv.join(', ')}); a private key never goes near a bundle — publish public keys only`);
  }
  const assertionIds = new Set<string>();
  for (const [i, a] of assertion.entries()) {
    if (typeof a === 'string') assertionIds.add(absoluteId(a, did));
    else if (!isObj(a)) refuse(`assertionMethod ${i} is neither a method reference nor a method`);
  }

  const keys: DidIssuerKey[] = [];
  const certs: DidCertMethod[] = [];
  const skipped: ImportSkip[] = [];
  const seen = new Set<string>();
  for (const { index, m, embedded } of all) {
    if (typeof m === 'string')
      refuse(`verification method ${index} is a reference (${show(m)}), not a key: a reference trust list (trustlist-ref) names other documents; import the documents it names`);
    if (!isObj(m)) return refuse(`verification method ${index} is not a JSON object`);
    if (typeof m.id !== 'string' || m.id === '') return refuse(`verification method ${index} has no id`);
    const id = absoluteId(m.id, did);
    if (!id.startsWith(`${did}#`) || id.length === did.length + 1) refuse(`verification method ${index} id ${show(m.id)} is not under the document's DID ${did} (expected ${did}#…)`);
    if (seen.has(id)) refuse(`verification method ${id} is given twice`);
    seen.add(id);
    if (!METHOD_TYPES.includes(m.type as string)) refuse(`verification method ${id} has type ${show(m.type)}, not ${METHOD_TYPES.join(' or ')}`);
    if (!isObj(m.publicKeyJwk)) refuse(`verification method ${id} has no publicKeyJwk`);
    const jwk = m.publicKeyJwk as Record<string, unknown>;
    if (jwk.x5c !== undefined) {
      certs.push({ index, id, jwk });
      continue;
    }
    const key = didPublicKey(jwk, `verification method ${id}`);
    if (!key.ok && key.reason.code === 'DID_KEY_REFUSED') refuse(key.reason.detail!);
    const listed = embedded || assertionIds.has(id);
    if (!listed) skipped.push({ file, index, why: `${id} is not listed in assertionMethod: not a key for signing credentials, not imported` });
    else if (!key.ok) skipped.push({ file, index, why: key.reason.detail! });
    else keys.push({ id, alg: key.value.alg, jwk: key.value.jwk });
  }
  for (const id of assertionIds) if (!seen.has(id)) skipped.push({ file, index: -1, why: `assertionMethod names ${id}, which the document does not define` });
  if (certs.length === 0 && assertionIds.size === 0 && !all.some((a) => a.embedded))
    refuse('lists no assertionMethod: none of its keys is published for signing credentials');
  return { file, did, host, keys, certs, skipped };
}

export interface DidMergeOptions {
  formats: string[];
  kinds: CredentialKind[];
  validFrom: Date;
  validUntil: Date;
  /** Names given by the operator for the DID's issuer: set on a new issuer, and replace an existing one's. */
  names?: Partial<LocalizedName>;
}

export interface DidMergeReport {
  added: number;
  replaced: number;
  issuersAdded: string[];
  issuersRenamed: string[];
}

/** The bundle kid of a DID's key: base64url of the UTF-8 of its absolute id (never collides across DIDs). */
export const didKid = (methodId: string): string => toBase64Url(utf8(methodId));

/**
 * Puts each document's assertion keys into `draft` (in place) as keys of the issuer the DID names
 * (kind 'did', named after its host unless the operator names it); a key with the same issuer and
 * kid is replaced. Throws when the DID is already in the bundle as another kind of issuer.
 */
export function mergeDidKeys(draft: TrustBundle, docs: readonly Pick<DidDocumentRead, 'did' | 'host' | 'keys'>[], opts: DidMergeOptions): DidMergeReport {
  const report: DidMergeReport = { added: 0, replaced: 0, issuersAdded: [], issuersRenamed: [] };
  for (const doc of docs) {
    if (doc.keys.length === 0) continue;
    const given = Object.fromEntries(Object.entries(opts.names ?? {}).filter(([, v]) => v !== undefined)) as Partial<LocalizedName>;
    const at = draft.issuers.findIndex((i) => i.id === doc.did);
    if (at < 0) {
      draft.issuers.push({ id: doc.did, kind: 'did', names: { 'zh-CN': doc.host, en: doc.host, ...given } });
      report.issuersAdded.push(doc.did);
    } else {
      const existing = draft.issuers[at]!;
      if (existing.kind !== 'did') throw new Error(`issuer ${doc.did} exists as a ${existing.kind}, not a did`);
      const names = { ...existing.names, ...given };
      if (names['zh-CN'] !== existing.names['zh-CN'] || names.en !== existing.names.en) {
        draft.issuers[at] = { ...existing, names };
        report.issuersRenamed.push(doc.did);
      }
    }
    for (const k of doc.keys) {
      const jwk = { ...k.jwk, kid: didKid(k.id), alg: k.alg };
      upsertKey(draft, trustKeyFrom({ issuer: doc.did, jwk, validFrom: opts.validFrom, validUntil: opts.validUntil, kinds: opts.kinds, formats: opts.formats }), report);
    }
  }
  return report;
}
