/**
 * One canonical form per format for the code ids a revocation set holds (docs/revocation.md,
 * "Canonical ids"). Both sides use it: the operator's tool (`bundle revoke`) canonicalises what it
 * is given, and refuses what no code of that format can carry; the gate canonicalises the id it
 * read from a code before hashing it. A revocation is then found however the id was written.
 */

/** How a SMART Health Card CRL writes a time-limited entry: `<rid>.<seconds since 1970>`. */
const SHC_TIMED = /^([A-Za-z0-9_-]{1,24})\.(\d{1,12})$/;
const SHC_RID = /^[A-Za-z0-9_-]{1,24}$/;
/** cti is 8..32 bytes (docs/formats/cn-health-code.md §2.5); the gate shows it as lower-case hex. */
const CN_ID = /^(?:[0-9A-Fa-f]{2}){8,32}$/;
const UVCI_PREFIX = 'URN:UVCI:';
/** C0 and C1 controls, DEL, and the separators a revocation hash input must never contain. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Largest `before` a set can carry (u40 seconds, docs/revocation.md). */
export const MAX_BEFORE_SECONDS = 2 ** 40 - 1;

/** ASCII-only upper case: locale-independent, and never changes the length (unlike 'ß'.toUpperCase()). */
const asciiUpper = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase());
const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

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

/**
 * The id a gate looks up for a code of `format` whose code id reads `codeId`. Never fails: an id
 * that has no canonical form is looked up as it is (it can only match a revocation of that exact
 * text). Cheap: it runs on every scan.
 *
 * - `cn-hc`: lower-case hex of cti (what normalise already produces).
 * - `eu-dcc`: canonicalUvci.
 * - `shc`: the rid exactly (base64url is case-sensitive).
 * - `vds-nc` and others: exactly as the code writes it.
 */
export function canonicalCodeId(format: string, codeId: string): string {
  switch (format) {
    case 'cn-hc':
      return asciiLower(codeId);
    case 'eu-dcc':
      return canonicalUvci(codeId);
    default:
      return codeId;
  }
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

/** An id as an operator gave it, made canonical: revoke `id` (for cards issued before `before`, Unix seconds, when set). */
export interface RevocationEntry {
  id: string;
  before?: number;
}

export type ParsedId = { ok: true; entry: RevocationEntry; changed: boolean } | { ok: false; why: string };

/** Formats whose ids `parseRevocationId` knows; other formats' ids are taken exactly as given. */
export const CANONICAL_FORMATS = ['cn-hc', 'eu-dcc', 'shc', 'vds-nc'] as const;

/**
 * An id given to `bundle revoke` for codes of `format`, in its canonical form — or why no code of
 * that format can carry it (the reason never repeats the id: ids may be personal data).
 */
export function parseRevocationId(format: string, given: string): ParsedId {
  const text = given.trim();
  if (!text) return { ok: false, why: 'empty' };
  if (CONTROL.test(text)) return { ok: false, why: 'contains control characters' };
  const done = (id: string, before?: number): ParsedId => ({ ok: true, entry: before === undefined ? { id } : { id, before }, changed: id !== text });
  switch (format) {
    case 'cn-hc':
      if (!CN_ID.test(text)) return { ok: false, why: 'a CN health code id is 16 to 64 hex digits (the code\'s cti, 8 to 32 bytes)' };
      return done(asciiLower(text));
    case 'eu-dcc': {
      const id = canonicalUvci(text);
      if (!id) return { ok: false, why: 'a UVCI needs an identifier besides the URN:UVCI: prefix and the #checksum' };
      return done(id);
    }
    case 'shc': {
      const timed = SHC_TIMED.exec(text);
      if (timed) {
        const before = Number(timed[2]);
        if (before < 1 || before > MAX_BEFORE_SECONDS) return { ok: false, why: `the timestamp after the rid must be 1..${MAX_BEFORE_SECONDS} seconds` };
        return { ok: true, entry: { id: timed[1]!, before }, changed: false };
      }
      if (!SHC_RID.test(text))
        return { ok: false, why: 'a SMART Health Card rid is 1 to 24 base64url characters (A-Z a-z 0-9 - _), optionally followed by .TIMESTAMP (seconds)' };
      return done(text);
    }
    default:
      return done(text);
  }
}
