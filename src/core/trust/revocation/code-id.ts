/**
 * One canonical form per format for the code ids a revocation set holds (docs/revocation.md,
 * "Canonical ids"). Both sides use it: the operator's tool (`bundle revoke`) canonicalises what it
 * is given, and refuses what no code of that format can carry; the gate canonicalises the id it
 * read from a code before hashing it. A revocation is then found however the id was written.
 * Each format's rules live in its folder (FormatPlugin.revocationId); this file dispatches.
 */
import { FORMAT_INFOS, formatInfo } from '../../formats/catalog.ts';
import { accepted, refused, type ParsedId } from './code-id-rules.ts';

export { MAX_BEFORE_SECONDS, type ParsedId, type RevocationEntry, type RevocationIdCode } from './code-id-rules.ts';

/** C0 and C1 controls, DEL, and the separators a revocation hash input must never contain. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * The id a gate looks up for a code of `format` whose code id reads `codeId`. Never fails: an id
 * that has no canonical form is looked up as it is (it can only match a revocation of that exact
 * text). Cheap: it runs on every scan. Formats without rules (and unknown ones) keep the id as written.
 */
export function canonicalCodeId(format: string, codeId: string): string {
  const rules = formatInfo(format)?.revocationId;
  return rules ? rules.canonical(codeId) : codeId;
}

/**
 * The texts a gate hashes for a code id: the canonical form, and — when it differs — the id as
 * written, so that sets built before canonical forms existed (which hashed ids byte for byte) keep
 * revoking what they revoked. Empty ids are never looked up.
 */
export function lookupIds(format: string, codeId: string): string[] {
  const canonical = canonicalCodeId(format, codeId);
  if (canonical === codeId) return canonical ? [canonical] : [];
  return canonical ? [canonical, codeId] : [codeId];
}

/** Formats whose ids `parseRevocationId` knows; other formats' ids are taken exactly as given. */
export const CANONICAL_FORMATS: readonly string[] = FORMAT_INFOS.filter((f) => f.revocationId).map((f) => f.id);

/**
 * An id given to `bundle revoke` for codes of `format`, in its canonical form — or why no code of
 * that format can carry it (the reason never repeats the id: ids may be personal data).
 */
export function parseRevocationId(format: string, given: string): ParsedId {
  const text = given.trim();
  if (!text) return refused('empty');
  if (CONTROL.test(text)) return refused('contains control characters');
  const rules = formatInfo(format)?.revocationId;
  return rules ? rules.parse(text) : accepted(text, text);
}
