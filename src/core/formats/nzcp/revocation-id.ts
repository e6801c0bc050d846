/** How an NZ COVID Pass is named in a revocation set: its cti as a UUID URI, lower case. */
import type { RevocationIdRules } from '../format.ts';
import { accepted, asciiLower, refused } from '../../trust/revocation/code-id-rules.ts';

export const URN_UUID = 'urn:uuid:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `urn:uuid:` + the UUID in lower case (spec §Mapping JTI <-> CTI; RFC 4122 compares UUIDs
 * case-insensitively). A bare UUID gets the prefix, so an operator may give either form.
 */
export function canonicalCti(id: string): string {
  const lower = asciiLower(id.trim());
  return lower.startsWith(URN_UUID) ? lower : UUID.test(lower) ? URN_UUID + lower : lower;
}

export const revocationId: RevocationIdRules = {
  canonical: canonicalCti,
  parse(text) {
    const id = canonicalCti(text);
    if (!UUID.test(id.slice(URN_UUID.length)) || !id.startsWith(URN_UUID))
      return refused('an NZ COVID Pass id is its cti: a UUID, with or without urn:uuid:');
    return accepted(text, id);
  },
};
