/**
 * From a signed bundle file to a usable Trust: verify it against the roots, fetch (or reuse) its
 * external revocation files, open the revocation sets and index it all. Also the floor checks
 * (rollback, same version with other content) that need the payload's hash.
 */
import { sha256, toBase64Url, utf8 } from '../../encoding/bytes.ts';
import { fail, ok } from '../../result.ts';
import type { PinnedRoot, TrustBundle } from '../bundle.ts';
import { checkRevocationFile, openRevocationLists, type RevocationFiles } from '../revocation/open-lists.ts';
import { indexBundle, type Trust } from '../trust-index.ts';
import { verifyBundle } from '../verify-bundle.ts';
import type { Downloaded } from './download.ts';
import type { StoredBundle, TrustFloor } from './trust-store.ts';
import type { UpdateError, UpdateResult } from './update-error.ts';

/** Verify a signed file against `roots`, then index it with its revocation sets. */
export async function openBundle(text: string, roots: readonly PinnedRoot[], files: RevocationFiles): Promise<UpdateResult<Trust>> {
  const v = await verifyBundle(text, roots);
  if (!v.ok) return v;
  return indexWithRevocations(v.value, files);
}

/** A bundle already verified: open its revocation sets and index it. */
export async function indexWithRevocations(bundle: TrustBundle, files: RevocationFiles): Promise<UpdateResult<Trust>> {
  const sets = await openRevocationLists(bundle, files);
  if (!sets.ok) return sets;
  return ok(indexBundle(bundle, sets.value));
}

/**
 * External revocation files: reuse what is stored when the signed hash is unchanged, fetch the
 * rest (relative to `baseUrl`, the bundle's URL).
 */
export async function revocationFilesFor(
  next: TrustBundle,
  current: StoredBundle | null,
  baseUrl: string,
  get: (url: string) => Promise<UpdateResult<Downloaded>>,
): Promise<UpdateResult<RevocationFiles>> {
  const files: RevocationFiles = {};
  for (const list of next.revocations.lists) {
    if (list.href === undefined) continue;
    const kept = current?.revocationFiles[list.id];
    if (kept && (await checkRevocationFile(list, kept)).ok) {
      files[list.id] = kept;
      continue;
    }
    const res = await get(new URL(list.href, baseUrl).href);
    if (!res.ok) return fail('REVOCATION_UNAVAILABLE', `${list.id}: ${res.reason.code} ${res.reason.detail ?? ''}`.trim());
    const check = await checkRevocationFile(list, res.value.body);
    if (!check.ok) return check;
    files[list.id] = res.value.body;
  }
  return ok(files);
}

/** Why a verified bundle of `version` (payload hash `hash`) is below the floor, or null when it is not. */
export function belowFloor(version: number, hash: string | null, floor: TrustFloor): UpdateError | null {
  if (version < floor.version) return { code: 'BUNDLE_ROLLBACK', detail: `version ${version} is older than ${floor.version}, the highest this device accepted` };
  if (version === floor.version && hash !== floor.payloadSha256) return { code: 'BUNDLE_VERSION_CONFLICT', detail: `version ${version} with other content than the one this device accepted` };
  return null;
}

/** base64url SHA-256 of a signed file's payload member (null when the text has none). */
export async function payloadHash(fileText: string): Promise<string | null> {
  const p = payloadOf(fileText);
  return p === null ? null : toBase64Url(await sha256(utf8(p)));
}

export function payloadOf(fileText: string): string | null {
  try {
    return (JSON.parse(fileText) as { payload?: string }).payload ?? null;
  } catch {
    return null;
  }
}
