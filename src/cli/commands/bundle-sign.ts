/** `bundle sign` (sign or co-sign as is) and `bundle set` (freshness, validity, root rollover). */
import { readFile } from 'node:fs/promises';
import type { TrustBundle } from '../../core/trust/bundle.ts';
import { validateBundle } from '../../core/trust/validate-bundle.ts';
import { bumpBundle, decodeBundleText, signatureKid, signChecked, updateFreshness, updateRoots } from '../../issuer/bundle-edit.ts';
import { parseArgs, parseNumber, UsageError } from '../args.ts';
import { DAY, EDIT_FLAGS, FRESHNESS_FLAGS, freshnessFlags, placeRevocationFiles, readPublicRoots, readRootKeys, runEdit, writeBundleFile } from './bundle-common.ts';

/**
 * Signs IN (an unsigned payload JSON or a signed file) with every --root-key, one signature each:
 * how the current and the next root co-sign during a rollover. The content is not changed (a
 * signed input keeps its exact payload bytes) unless --bump. --keep-signatures keeps the input's
 * other signatures (a co-signature added by a second key holder).
 */
export async function bundleSign(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['bundle', 'root-key', 'out'], ['bump', 'keep-signatures']);
  const inPath = a.req('bundle');
  const out = a.req('out');
  const roots = await readRootKeys(a);
  const decoded = decodeBundleText(await readFile(inPath, 'utf8'));
  const valid = validateBundle(decoded.content);
  if (!valid.ok) throw new Error(`${inPath}: ${valid.reason.detail ?? valid.reason.code}`);
  let bundle: TrustBundle = valid.value;
  if (a.has('bump')) bundle = bumpBundle(bundle, new Date());
  if (a.has('keep-signatures') && (!decoded.signed || a.has('bump'))) throw new UsageError('--keep-signatures needs a signed input and no --bump (other signatures cover the old payload)');
  const keepPayload = decoded.signed && !a.has('bump') ? decoded.signed.payload : undefined;
  const file = await signChecked(bundle, roots, keepPayload);
  if (a.has('keep-signatures')) {
    const newKids = new Set(roots.map((r) => r.kid));
    const others = decoded.signed!.signatures.filter((s) => !newKids.has(signatureKid(s) ?? ''));
    file.signatures = [...others, ...file.signatures];
  }
  const warnings = await placeRevocationFiles(bundle, inPath, out);
  await writeBundleFile(out, file);
  for (const w of warnings) console.error(`warning: ${w}`);
  console.log(JSON.stringify({ out, version: bundle.version, signatures: file.signatures.length, signedBy: roots.map((r) => r.kid), bumped: a.has('bump') }));
  return 0;
}

/** Changes bundle settings: validity length, freshness, root rollover. */
export async function bundleSet(argv: string[]): Promise<number> {
  const a = parseArgs(argv, [...EDIT_FLAGS, 'valid-days', 'next-root', 'drop-next-root', 'retire-root', ...FRESHNESS_FLAGS]);
  const days = a.one('valid-days') === undefined ? undefined : parseNumber(a.one('valid-days')!, '--valid-days');
  const fresh = freshnessFlags(a);
  const next = await readPublicRoots(a.all('next-root'), '--next-root');
  const change = { next, retire: a.all('retire-root'), dropNext: a.all('drop-next-root') };
  if (days === undefined && Object.values(fresh).every((v) => v === undefined) && next.length + change.retire.length + change.dropNext.length === 0)
    throw new UsageError('bundle set needs something to change');
  const r = await runEdit(a, async (draft) => {
    if (days !== undefined) draft.expiresAt = new Date(Date.parse(draft.issuedAt) + days * DAY).toISOString();
    draft.freshness = updateFreshness(draft.freshness, fresh);
    const roots = await updateRoots(draft.roots, change);
    if (roots) draft.roots = roots;
    else delete draft.roots;
    return null;
  });
  const b = r.bundle;
  console.log(
    JSON.stringify({
      out: r.out,
      version: b.version,
      expiresAt: b.expiresAt,
      freshness: b.freshness,
      roots: { next: (b.roots?.next ?? []).map((n) => n.kid), retired: b.roots?.retired ?? [] },
    }),
  );
  return 0;
}
