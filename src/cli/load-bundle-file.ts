/** A signed bundle from disk, verified, with its external revocation sets read from beside it. */
import { readFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { BundleErrorCode, PinnedRoot } from '../core/trust/bundle.ts';
import { openRevocationLists, type RevocationFiles } from '../core/trust/revocation/open-lists.ts';
import { indexBundle, type Trust } from '../core/trust/trust-index.ts';
import { verifyBundle } from '../core/trust/verify-bundle.ts';
import { fail, ok, type Result } from '../core/result.ts';

export async function loadBundleFile(path: string, roots: readonly PinnedRoot[]): Promise<Result<Trust, BundleErrorCode>> {
  const checked = await verifyBundle(await readFile(path, 'utf8'), roots);
  if (!checked.ok) return checked;
  const base = dirname(resolve(path));
  const files: RevocationFiles = {};
  for (const list of checked.value.revocations.lists) {
    if (list.href === undefined) continue;
    const file = resolve(base, decodeURIComponent(list.href.split(/[?#]/)[0]!));
    if (!file.startsWith(base + sep)) return fail('REVOCATION_UNAVAILABLE', `revocation list ${list.id} points outside the bundle's folder`);
    const bytes = await readFile(file).catch(() => null);
    if (!bytes) return fail('REVOCATION_UNAVAILABLE', `revocation list ${list.id}: cannot read ${list.href}`);
    files[list.id] = new Uint8Array(bytes);
  }
  const sets = await openRevocationLists(checked.value, files);
  if (!sets.ok) return sets;
  return ok(indexBundle(checked.value, sets.value));
}
