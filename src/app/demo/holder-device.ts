/**
 * The demo holder's phone: a device key made here and a code bound to it, fetched from the demo
 * server's issuing endpoint (scripts/demo-issue.ts; only `npm start`'s demo server has it).
 *
 * The key lives in this page's memory only, made per page load: non-extractable, so not even this
 * page's own script can read the private half out, and nothing is written to storage — a reload
 * makes a new key and fetches a new code for it (the demo server issues freely; the demo holder is
 * made up). A real holder app would keep its key (IndexedDB can hold a non-extractable CryptoKey)
 * beside its code; the demo has no need to leave either behind on a device that is also a gate.
 */
import { fail, ok, type Result } from '../../core/result.ts';

export const DEMO_ISSUE_URL = '/demo-issue/bound';

export interface HolderDevice {
  /** The ECDSA P-256 private key, non-extractable: it signs presentations and nothing else. */
  key: CryptoKey;
  /** The bound code (`CNHC1:…`), kept in page memory only. */
  code: string;
  issuer: string;
  expiresAt: string;
}

export type HolderProblem = 'NO_WEBCRYPTO' | 'ISSUE_UNREACHABLE' | 'ISSUE_REFUSED' | 'ISSUE_MALFORMED';

/** A fresh device key and a demo code bound to it. */
export async function setUpDevice(): Promise<Result<HolderDevice, HolderProblem>> {
  let pair: CryptoKeyPair;
  try {
    pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  } catch {
    // crypto.subtle exists only in secure contexts (https or localhost).
    return fail('NO_WEBCRYPTO', 'WebCrypto ECDSA P-256 is not available here');
  }
  // A public key is always exportable; only its coordinates travel.
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  let res: Response;
  try {
    res = await fetch(DEMO_ISSUE_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jwk: { kty, crv, x, y } }),
      cache: 'no-store',
    });
  } catch {
    return fail('ISSUE_UNREACHABLE', 'the demo server could not be reached');
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) return fail('ISSUE_REFUSED', `HTTP ${res.status}${typeof body?.error === 'string' ? ` ${body.error}` : ''}`);
  const { code, issuer, expiresAt } = body ?? {};
  if (typeof code !== 'string' || !code.startsWith('CNHC1:') || typeof issuer !== 'string' || typeof expiresAt !== 'string')
    return fail('ISSUE_MALFORMED', 'the demo server answered without a code');
  return ok({ key: pair.privateKey, code, issuer, expiresAt });
}
