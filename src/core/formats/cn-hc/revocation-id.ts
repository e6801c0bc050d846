/** How a CN health code is named in a revocation set: its cti, as lower-case hex (what normalise produces). */
import type { RevocationIdRules } from '../format.ts';
import { accepted, asciiLower, refused } from '../../trust/revocation/code-id-rules.ts';

/** cti is 8..32 bytes (docs/formats/cn-health-code.md §2.5); the gate shows it as lower-case hex. */
const CN_ID = /^(?:[0-9A-Fa-f]{2}){8,32}$/;

export const revocationId: RevocationIdRules = {
  canonical: asciiLower,
  parse(text) {
    if (!CN_ID.test(text)) return refused('a CN health code id is 16 to 64 hex digits (the code\'s cti, 8 to 32 bytes)');
    return accepted(text, asciiLower(text));
  },
};
