/** Open every revocation set a bundle names, each checked against the size and SHA-256 the signed bundle pins. */
import { base64UrlBytes, bytesEqual, fromBase64Url, sha256 } from '../../encoding/bytes.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { BundleErrorCode, RevocationListRef, TrustBundle } from '../bundle.ts';
import { openRevocationSet, type RevocationSet } from './read-set.ts';
import { hashOfPrefix, openTimedTable, withTimedTable } from './timed.ts';

/** External set files by list id (fetched next to the bundle, or read from storage). */
export type RevocationFiles = Record<string, Uint8Array>;

export async function openRevocationLists(bundle: TrustBundle, files: RevocationFiles): Promise<Result<RevocationSet[], BundleErrorCode>> {
  const sets: RevocationSet[] = [];
  for (const list of bundle.revocations.lists) {
    let bytes: Uint8Array | undefined;
    if (list.data !== undefined) {
      bytes = typeof list.data === 'string' ? base64UrlBytes(list.data) : undefined;
      if (!bytes) return fail('REVOCATION_MALFORMED', `revocation list ${list.id}: data is not base64url`);
    } else bytes = files[list.id];
    if (!bytes) return fail('REVOCATION_UNAVAILABLE', `revocation list ${list.id} is not available`);
    const check = await checkRevocationFile(list, bytes);
    if (!check.ok) return check;
    const set = openRevocationSet(bytes);
    if (!set.ok) return fail('REVOCATION_MALFORMED', `revocation list ${list.id}: ${set.reason.detail ?? set.reason.code}`);
    if (set.value.count !== list.count) return fail('REVOCATION_MALFORMED', `revocation list ${list.id} holds ${set.value.count} ids, bundle says ${list.count}`);
    const timed = openTimed(list, set.value);
    if (!timed.ok) return timed;
    sets.push(timed.value);
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

/**
 * The set with its timed table, when the list has one: the table is covered by the bundle's
 * signature (it is inline), and each of its entries must be an entry of the set — an entry the
 * set does not hold would never be consulted, so a table with one is not what was built.
 */
function openTimed(list: RevocationListRef, set: RevocationSet): Result<RevocationSet, BundleErrorCode> {
  if (list.timed === undefined) return ok(set);
  const bytes = typeof list.timed === 'string' ? base64UrlBytes(list.timed) : undefined;
  if (!bytes) return fail('REVOCATION_MALFORMED', `revocation list ${list.id}: timed is not base64url`);
  const table = openTimedTable(bytes, set.prefixBits);
  if (!table.ok) return fail('REVOCATION_MALFORMED', `revocation list ${list.id}: ${table.reason.detail}`);
  if (table.value.count > set.count) return fail('REVOCATION_MALFORMED', `revocation list ${list.id}: ${table.value.count} timed entries, the set holds ${set.count}`);
  for (const e of table.value.entries())
    if (!set.has(hashOfPrefix(e.prefix, set.prefixBits))) return fail('REVOCATION_MALFORMED', `revocation list ${list.id}: a timed entry is not in the set`);
  return ok(withTimedTable(set, table.value));
}
