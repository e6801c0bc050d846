/** Which bundle issuer, and which of its formats, a `bundle revoke` is about. */
import type { TrustBundle } from '../core/trust/bundle.ts';

/**
 * The bundle issuer an operator means: exactly one listed issuer whose id equals `given` — or
 * equals it once both are written canonically (country codes in upper case; https URLs with the
 * scheme and host in lower case and no trailing "/"). Undefined when the bundle lists none.
 */
export function resolveIssuer(bundle: Pick<TrustBundle, 'issuers'>, given: string): string | undefined {
  const exact = bundle.issuers.find((i) => i.id === given);
  if (exact) return exact.id;
  const want = issuerKey(given);
  const matches = bundle.issuers.filter((i) => issuerKey(i.id) === want);
  return matches.length === 1 ? matches[0]!.id : undefined;
}

function issuerKey(id: string): string {
  const t = id.trim();
  if (/^[A-Za-z]{2}$/.test(t)) return t.toUpperCase();
  if (/^https?:\/\//i.test(t)) {
    try {
      const u = new URL(t);
      return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}${u.hash}`;
    } catch {
      return t;
    }
  }
  return t;
}

/** The formats codes of this issuer come in: those of its keys in the bundle (signers and CAs). */
export function issuerFormats(bundle: Pick<TrustBundle, 'keys'>, issuer: string): string[] {
  return [...new Set(bundle.keys.filter((k) => k.issuer === issuer).flatMap((k) => k.formats))].sort();
}
