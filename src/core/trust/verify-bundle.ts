/**
 * Accept a bundle file only when a pinned root signed it: JWS JSON (ES256 over
 * ASCII(protected '.' payload)), then a structural check of the payload.
 */
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../encoding/bytes.ts';
import { jwkThumbprint } from '../crypto/jwk.ts';
import { verifySignature } from '../crypto/verify-signature.ts';
import { fail, type Result } from '../result.ts';
import type { BundleErrorCode, PinnedRoot, SignedBundleFile, TrustBundle } from './bundle.ts';
import { validateBundle } from './validate-bundle.ts';

const MAX_BUNDLE_BYTES = 32 * 1024 * 1024;

export async function verifyBundle(fileText: string, roots: readonly PinnedRoot[]): Promise<Result<TrustBundle, BundleErrorCode>> {
  if (fileText.length > MAX_BUNDLE_BYTES) return fail('BUNDLE_MALFORMED', 'bundle file is too large');
  let file: SignedBundleFile;
  try {
    file = JSON.parse(fileText);
  } catch {
    return fail('BUNDLE_MALFORMED', 'not JSON');
  }
  if (typeof file?.payload !== 'string' || !Array.isArray(file.signatures) || file.signatures.length === 0)
    return fail('BUNDLE_MALFORMED', 'not a JWS JSON serialisation with signatures');

  let knownRoot = false;
  let verified = false;
  for (const sig of file.signatures) {
    if (typeof sig?.protected !== 'string' || typeof sig.signature !== 'string') return fail('BUNDLE_MALFORMED', 'signature entry malformed');
    let header: { alg?: unknown; kid?: unknown };
    let signature: Uint8Array;
    try {
      header = JSON.parse(fromUtf8(fromBase64Url(sig.protected)));
      signature = fromBase64Url(sig.signature);
    } catch {
      return fail('BUNDLE_MALFORMED', 'signature header or value is not base64url JSON');
    }
    if (typeof header !== 'object' || header === null || Array.isArray(header)) return fail('BUNDLE_MALFORMED', 'signature header is not a JSON object');
    const root = roots.find((r) => r.kid === header.kid && r.alg === header.alg);
    if (!root) continue;
    knownRoot = true;
    if (await verifySignature(root.alg, root.jwk, utf8(`${sig.protected}.${file.payload}`), signature)) {
      verified = true;
      break;
    }
  }
  if (!knownRoot) return fail('BUNDLE_UNKNOWN_ROOT', 'no signature by a pinned root key');
  if (!verified) return fail('BUNDLE_SIGNATURE_INVALID', 'root signature does not verify');

  let payload: unknown;
  try {
    payload = JSON.parse(fromUtf8(fromBase64Url(file.payload)));
  } catch {
    return fail('BUNDLE_CONTENT_INVALID', 'signed payload is not JSON');
  }
  const valid = validateBundle(payload);
  if (!valid.ok) return valid;
  // An announced root is named by its full thumbprint, as pinned roots are: check it, so a kid can never alias another key.
  for (const next of valid.value.roots?.next ?? [])
    if (toBase64Url(await jwkThumbprint(next.jwk)) !== next.kid) return fail('BUNDLE_CONTENT_INVALID', `announced root ${next.kid} is not named by its thumbprint`);
  return valid;
}
