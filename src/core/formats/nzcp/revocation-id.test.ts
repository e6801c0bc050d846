import { describe, expect, it } from 'vitest';
import { isKnownPass } from '../../model/understood.ts';
import { policyCredential } from '../../policy/evaluate-policy.ts';
import type { Credential } from '../../model/credential.ts';
import { canonicalCti, revocationId } from './revocation-id.ts';

const UUID = '60a4f54d-4e30-4332-be33-ad78b1eafa4b';

describe('NZCP revocation ids: the cti as urn:uuid, lower case', () => {
  it('accepts the URI form in any case and a bare UUID, canonical as the gate reads the code', () => {
    for (const given of [`urn:uuid:${UUID}`, `URN:UUID:${UUID.toUpperCase()}`, UUID, ` ${UUID.toUpperCase()} `]) {
      const r = revocationId.parse(given);
      expect(r.ok && r.value.entry.id, given).toBe(`urn:uuid:${UUID}`);
    }
    expect(revocationId.canonical(`urn:uuid:${UUID}`)).toBe(`urn:uuid:${UUID}`);
    expect(canonicalCti(UUID.toUpperCase())).toBe(`urn:uuid:${UUID}`);
  });

  it('refuses what no pass can carry, without repeating it', () => {
    for (const bad of ['urn:uuid:', 'urn:uuid:60a4f54d4e304332be33ad78b1eafa4b', 'urn:uvci:01:NZ:1', '60a4f54d-4e30-4332-be33-ad78b1eafa4', 'uuid:' + UUID]) {
      const r = revocationId.parse(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.reason.detail).not.toMatch(/60a4|1:NZ/);
    }
  });
});

describe('passes as policies see them', () => {
  const pass = (type: string): Credential => ({
    format: 'nzcp',
    issuer: { id: 'did:web:x', kind: 'did' },
    keyId: 'k',
    codeId: `urn:uuid:${UUID}`,
    issuedAt: '2025-05-01T00:00:00Z',
    expiresAt: '2025-12-01T00:00:00+13:00',
    holder: { name: 'Jack Sparrow', birthDate: '1960-04-16' },
    tests: [],
    vaccinations: [],
    recoveries: [],
    passes: [{ type, validUntil: '2025-12-01T00:00:00+13:00' }],
    kinds: ['pass'],
  });

  it('an understood pass is listed (instant in UTC, no personal data); a pass of unknown type is only counted', () => {
    expect(policyCredential(pass('PublicCovidPass'))).toMatchObject({ passes: [{ type: 'PublicCovidPass', validUntil: '2025-11-30T11:00:00.000Z' }], unknownEvidence: 0 });
    expect(policyCredential(pass('unknown'))).toMatchObject({ passes: [], unknownEvidence: 1 });
    expect(JSON.stringify(policyCredential(pass('PublicCovidPass')))).not.toMatch(/Jack|1960|60a4f54d/);
    expect(isKnownPass({ type: 'PublicCovidPass' })).toBe(false);
  });
});
