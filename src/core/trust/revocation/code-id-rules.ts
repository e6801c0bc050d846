/**
 * What every format's revocation-id rules share (the rules themselves live in each format's
 * folder, as FormatPlugin.revocationId; code-id.ts dispatches to them). No imports, so a format
 * folder can use it without pulling in the registry.
 */
import { fail, ok, type Result } from '../../result.ts';

/** An id as an operator gave it, made canonical: revoke `id` (for cards issued before `before`, Unix seconds, when set). */
export interface RevocationEntry {
  id: string;
  before?: number;
}

/** An id no code of the format can carry; the detail says why (never repeating the id: ids may be personal data). */
export type RevocationIdCode = 'REVOCATION_ID_INVALID';

/** The canonical entry, and whether it was rewritten from what the operator gave. */
export type ParsedId = Result<{ entry: RevocationEntry; changed: boolean }, RevocationIdCode>;

/** A refused id: `why` becomes the failure's detail. */
export const refused = (why: string): ParsedId => fail('REVOCATION_ID_INVALID', why);

/** Largest `before` a set can carry (u40 seconds, docs/revocation.md). */
export const MAX_BEFORE_SECONDS = 2 ** 40 - 1;

/** ASCII-only upper case: locale-independent, and never changes the length (unlike 'ß'.toUpperCase()). */
export const asciiUpper = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase());
export const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** `given` accepted as the canonical `id`; `changed` tells the operator it was rewritten. */
export const accepted = (given: string, id: string): ParsedId => ok({ entry: { id }, changed: id !== given });

/** Ids compared exactly as written: for formats whose ids have no other canonical form. */
export const EXACT_IDS = {
  canonical: (codeId: string): string => codeId,
  parse: (text: string): ParsedId => accepted(text, text),
};
