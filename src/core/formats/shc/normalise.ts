/**
 * Health card claims -> Credential. The issuer is the `iss` URL (kind 'url'): verify's key check
 * then requires it to equal the trusted key's issuer (ISSUER_MISMATCH). `nbf` is when the card was
 * signed and valid from (NOT_YET_VALID in decide), `exp` when present its end, `vc.rid` the code id
 * the bundle's revocation sets are checked against.
 */
import type { Credential, CredentialKind } from '../../model/credential.ts';
import { ok, type Result } from '../../result.ts';
import type { Decoded } from '../format.ts';
import { UnknownValues } from '../unknown-values.ts';
import { readFhirBundle } from './fhir.ts';
import type { ShcClaims } from './payload.ts';

const iso = (seconds: number) => new Date(Math.floor(seconds * 1000)).toISOString();

export function normalise(decoded: Decoded<ShcClaims>): Result<Credential> {
  const c = decoded.claims;
  const log = new UnknownValues();
  const read = readFhirBundle(c.fhirBundle, log);
  if (!read.ok) return read;
  const content = read.value;
  const kinds: CredentialKind[] = [];
  if (content.vaccinations.length) kinds.push('vaccination');
  if (content.tests.length) kinds.push('test');
  const issuedAt = iso(c.nbf);
  return ok({
    format: decoded.format,
    issuer: { id: c.iss, kind: 'url' },
    keyId: decoded.kid,
    ...(c.rid ? { codeId: c.rid } : {}),
    issuedAt,
    notBefore: issuedAt,
    ...(c.exp !== undefined ? { expiresAt: iso(c.exp) } : {}),
    holder: content.holder,
    tests: content.tests,
    vaccinations: content.vaccinations,
    recoveries: [],
    kinds,
    ...log.field,
  });
}
