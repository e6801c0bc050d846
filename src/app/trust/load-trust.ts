/**
 * Fetch the trust bundle and accept it only if a pinned root signed it. (Storage in IndexedDB,
 * refresh and rollover come with the trust lifecycle work.)
 */
import { verifyBundle } from '../../core/trust/verify-bundle.ts';
import { indexBundle, type Trust } from '../../core/trust/trust-index.ts';
import { BUNDLE_URL, PINNED_ROOTS } from '../config.ts';

export type TrustLoad = { ok: true; trust: Trust } | { ok: false; error: string };

export async function loadTrust(url = BUNDLE_URL): Promise<TrustLoad> {
  let text: string;
  try {
    const res = await fetch(url, { cache: 'no-cache' });
    if (!res.ok) return { ok: false, error: `HTTP ${res.status}` };
    text = await res.text();
  } catch {
    return { ok: false, error: 'network' };
  }
  const checked = await verifyBundle(text, PINNED_ROOTS);
  if (!checked.ok) return { ok: false, error: checked.reason.code };
  return { ok: true, trust: indexBundle(checked.value) };
}
