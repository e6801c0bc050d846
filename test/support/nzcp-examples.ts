/**
 * The NZ COVID Pass specification's worked examples (../shared/vectors/nzcp/examples), a trust
 * bundle whose keys come from the example DID document by the contract of docs/formats/nzcp.md
 * (a tiny mapping of its own, independent of `bundle import-did`), and a small pass signer for
 * unit tests that need a pass broken in one place.
 */
import { encodeBase32NoPad } from '../../src/issuer/formats/nzcp/base32.ts';
import { readFileSync } from 'node:fs';
import type { EcPrivateJwk, PublicJwk } from '../../src/core/crypto/jwk.ts';
import { sign } from '../../src/core/crypto/verify-signature.ts';
import { toBase64Url, utf8 } from '../../src/core/encoding/bytes.ts';
import { encodeCbor } from '../../src/core/encoding/cbor.ts';
import { encodeCoseSign1, sigStructure } from '../../src/core/encoding/cose-sign1.ts';
import type { TrustBundle, TrustIssuer, TrustKey } from '../../src/core/trust/bundle.ts';
import { indexBundle, type Trust } from '../../src/core/trust/trust-index.ts';
import { buildBundle } from '../../src/issuer/sign-bundle.ts';
import { requireShared } from './shared.ts';

export const NZCP_DIR = requireShared('vectors/nzcp/examples', "the NZ COVID Pass specification's worked examples") + '/';
/** The examples' issuer: trusted for testing only (spec §Valid Worked Example). */
export const EXAMPLE_ISSUER = 'did:web:nzcp.covid19.health.nz';
/** After the valid example's nbf (2021-11-02T20:05:30Z), before the not-active one's (2026-11-02T20:05:31Z). */
export const EXAMPLE_NOW = new Date('2025-06-01T00:00:00Z');

export const nzcpFile = (name: string): string => readFileSync(NZCP_DIR + name, 'utf8');
export const nzcpBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(NZCP_DIR + name));
export const nzcpText = (name: string): string => nzcpFile(name).trim();

interface DidDocument {
  id: string;
  verificationMethod?: { id: string; controller?: string; type?: string; publicKeyJwk?: PublicJwk }[];
  assertionMethod?: (string | { id: string })[];
}

/** Bundle entries for a DID document, per the contract: one key per assertion method's JWK. */
export function didTrust(doc: DidDocument, validFrom = '2020-01-01T00:00:00.000Z', validUntil = '2040-01-01T00:00:00.000Z'): { issuer: TrustIssuer; keys: TrustKey[] } {
  const asserted = new Set((doc.assertionMethod ?? []).map((a) => (typeof a === 'string' ? a : a.id)));
  const keys = (doc.verificationMethod ?? [])
    .filter((m) => asserted.has(m.id) && m.publicKeyJwk)
    .map((m): TrustKey => ({ kid: toBase64Url(utf8(m.id)), issuer: doc.id, formats: ['nzcp'], alg: 'ES256', jwk: m.publicKeyJwk!, validFrom, validUntil, kinds: ['pass'] }));
  return { issuer: { id: doc.id, kind: 'did', names: { 'zh-CN': doc.id, en: doc.id } }, keys };
}

/** A bundle trusting the example DID document (and any more), current at `now`. */
export function exampleBundle(now = EXAMPLE_NOW, more: DidDocument[] = []): TrustBundle {
  const draft = buildBundle({ version: 1, issuedAt: new Date(now.getTime() - 3_600_000), expiresAt: new Date(now.getTime() + 30 * 86_400_000), issuers: [], keys: [] });
  for (const doc of [JSON.parse(nzcpFile('valid/did.json')) as DidDocument, ...more]) {
    const { issuer, keys } = didTrust(doc);
    draft.issuers.push(issuer);
    draft.keys.push(...keys);
  }
  return draft;
}

export const exampleTrust = (now = EXAMPLE_NOW, more: DidDocument[] = []): Trust => indexBundle(exampleBundle(now, more));

/** RFC 4648 base32 without padding: the issuer side's encoder (the verifier only decodes). */
export const base32NoPad = encodeBase32NoPad;

export interface PassParts {
  /** Protected header map (default {1: -7, 4: kid}). */
  header?: Map<number, unknown>;
  claims: Map<unknown, unknown>;
  key: EcPrivateJwk;
  /** Default true: the COSE tag 18 the spec requires. */
  tagged?: boolean;
  version?: string;
}

/** A signed `NZCP:/…` text from parts, each of which a test may break. */
export async function signPass(p: PassParts): Promise<string> {
  const protectedBytes = encodeCbor(p.header ?? new Map<number, unknown>([[1, -7], [4, 'key-1']]));
  const payload = encodeCbor(p.claims);
  const signature = await sign('ES256', p.key, sigStructure(protectedBytes, payload));
  const cose = p.tagged === false ? encodeCbor([protectedBytes, new Map(), payload, signature]) : encodeCoseSign1(protectedBytes, payload, signature);
  return `NZCP:/${p.version ?? '1'}/${base32NoPad(cose)}`;
}

/** Claims of a valid PublicCovidPass (iss, nbf, exp, cti, vc), for a test to break one piece. */
export function passClaims(iss: string, nbf: Date, exp: Date): Map<unknown, unknown> {
  const subject = new Map<string, unknown>([['givenName', 'Jack'], ['familyName', 'Sparrow'], ['dob', '1960-04-16']]);
  const vc = new Map<string, unknown>([
    ['@context', ['https://www.w3.org/2018/credentials/v1', 'https://nzcp.covid19.health.nz/contexts/v1']],
    ['version', '1.0.0'],
    ['type', ['VerifiableCredential', 'PublicCovidPass']],
    ['credentialSubject', subject],
  ]);
  const cti = Uint8Array.from([0x60, 0xa4, 0xf5, 0x4d, 0x4e, 0x30, 0x43, 0x32, 0xbe, 0x33, 0xad, 0x78, 0xb1, 0xea, 0xfa, 0x4b]);
  return new Map<unknown, unknown>([[1, iss], [5, nbf.getTime() / 1000], [4, exp.getTime() / 1000], [7, cti], ['vc', vc]]);
}
