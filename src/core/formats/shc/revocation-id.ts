/** How a SMART Health Card is named in a revocation set: its rid exactly (base64url is case-sensitive). */
import type { RevocationIdRules } from '../format.ts';
import { ok } from '../../result.ts';
import { accepted, MAX_BEFORE_SECONDS, refused } from '../../trust/revocation/code-id-rules.ts';

/** How a SMART Health Card CRL writes a time-limited entry: `<rid>.<seconds since 1970>`. */
const SHC_TIMED = /^([A-Za-z0-9_-]{1,24})\.(\d{1,12})$/;
const SHC_RID = /^[A-Za-z0-9_-]{1,24}$/;

export const revocationId: RevocationIdRules = {
  canonical: (codeId) => codeId,
  parse(text) {
    const timed = SHC_TIMED.exec(text);
    if (timed) {
      const before = Number(timed[2]);
      if (before < 1 || before > MAX_BEFORE_SECONDS) return refused(`the timestamp after the rid must be 1..${MAX_BEFORE_SECONDS} seconds`);
      // The CRL's own way of writing the entry: taken as it is, not rewritten.
      return ok({ entry: { id: timed[1]!, before }, changed: false });
    }
    if (!SHC_RID.test(text))
      return refused('a SMART Health Card rid is 1 to 24 base64url characters (A-Z a-z 0-9 - _), optionally followed by .TIMESTAMP (seconds)');
    return accepted(text, text);
  },
};
