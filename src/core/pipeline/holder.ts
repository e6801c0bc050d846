/**
 * Holder binding (CN v1.1, format-free here): a code that names its holder's device key passes
 * only as a live presentation that key signed. The device signature is checked with WebCrypto,
 * off the JavaScript thread like the issuer's; the slot's window is the policy's
 * (policy/presentation.ts).
 */
import { verifySignature } from '../crypto/verify-signature.ts';
import type { HolderKey, Presentation } from '../formats/format.ts';
import type { Reason } from '../model/reasons.ts';

export interface HolderCheck {
  reasons: Reason[];
  /** The presentation's slot start (ISO), only when its device signature verified. */
  presentedAt?: string;
}

export async function checkHolder(key: HolderKey | undefined, presentation: Presentation | undefined): Promise<HolderCheck> {
  // A presentation of an unbound code: no key says which device may show it, so its signature
  // proves nothing. Refused rather than ignored, so a presentation always means a checked device.
  if (!key) return { reasons: presentation ? [{ code: 'DEVICE_SIGNATURE_INVALID', detail: 'a presentation of a code that names no device key' }] : [] };
  if (!presentation) return { reasons: [{ code: 'PRESENTATION_REQUIRED', detail: 'a device-bound code shown bare, not as a live presentation' }] };
  if (!(await verifySignature(key.alg, key.jwk, presentation.signedBytes, presentation.signature)))
    return { reasons: [{ code: 'DEVICE_SIGNATURE_INVALID', detail: 'the device signature does not verify with the key the code names' }] };
  return { reasons: [], presentedAt: new Date(presentation.shownAt * 1000).toISOString() };
}
