/** How an EU DCC is named in a revocation set: its certificate identifier (UVCI), canonical. */
import type { RevocationIdRules } from '../format.ts';
import { accepted, asciiUpper, refused } from '../../trust/revocation/code-id-rules.ts';

const UVCI_PREFIX = 'URN:UVCI:';

/**
 * EU DCC certificate identifier (UVCI, eHealth Network guidelines, Annex 2): the optional prefix
 * `URN:UVCI:` (any case) is dropped, the `#checksum` suffix (everything from the first `#`) is not
 * part of the identifier, and the rest compares case-insensitively (the UVCI alphabet is upper-case
 * A–Z, 0–9 and the separators `/` and `:`), so it is kept in upper case.
 */
export function canonicalUvci(ci: string): string {
  let s = ci.trim();
  if (s.length >= UVCI_PREFIX.length && asciiUpper(s.slice(0, UVCI_PREFIX.length)) === UVCI_PREFIX) s = s.slice(UVCI_PREFIX.length);
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(0, hash);
  return asciiUpper(s.trim());
}

export const revocationId: RevocationIdRules = {
  canonical: canonicalUvci,
  parse(text) {
    const id = canonicalUvci(text);
    if (!id) return refused('a UVCI needs an identifier besides the URN:UVCI: prefix and the #checksum');
    return accepted(text, id);
  },
};
