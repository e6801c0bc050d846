/** Open every revocation set a bundle names, each checked against the size and SHA-256 the signed bundle pins. */
import { bytesEqual, fromBase64Url, sha256 } from '../../encoding/bytes.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { BundleErrorCode, TrustBundle } from '../bundle.ts';
import { openRevocationSet, type RevocationSet } from './read-set.ts';

/** External set files by list id (fetched next to the bundle, or read from storage). */
export type RevocationFiles = Record<string, Uint8Array>;

export async function openRevocationLists(bundle: TrustBundle, files: RevocationFiles): Promise<Result<RevocationSet[], BundleErrorCode>> {
  const sets: RevocationSet[] = [];
  for (const list of bundle.revocations.lists) {
    let bytes: Uint8Array | undefined;
    if (list.data !== undefined) {
      try {
        bytes = fromBase64Url(list.data);
      } catch {
        return fail('REVOCATION_MALFORMED', `revocation list ${list.id}: data is not base64url`);
      }
    } else bytes = files[list.id];
    if (!bytes) return fail('REVOCATION_UNAVAILABLE', `revocation list ${list.id} is not available`);
    const check = await checkRevocationFile(list, bytes);
    if (!check.ok) return check;
    const set = openRevocationSet(bytes);
    if (!set.ok) return fail('REVOCATION_MALFORMED', `revocation list ${list.id}: ${set.reason.detail ?? set.reason.code}`);
    if (set.value.count !== list.count) return fail('REVOCATION_MALFORMED', `revocation list ${list.id} holds ${set.value.count} ids, bundle says ${list.count}`);
    sets.push(set.value);
  }
  return ok(sets);
}

/** The bytes are exactly the file the signed bundle names (size first: cheap, and catches truncation). */
export async function checkRevocationFile(
  list: { id: string; bytes: number; sha256: string },
  bytes: Uint8Array,
): Promise<Result<true, BundleErrorCode>> {
  if (bytes.length !== list.bytes) return fail('REVOCATION_MALFORMED', `revocation list ${list.id} is ${bytes.length} bytes, bundle says ${list.bytes}`);
  if (!bytesEqual(await sha256(bytes), fromBase64Url(list.sha256))) return fail('REVOCATION_MALFORMED', `revocation list ${list.id} does not match its SHA-256`);
  return ok(true);
}
