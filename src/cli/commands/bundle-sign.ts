/** `bundle sign` (sign or co-sign as is) and `bundle set` (freshness, validity, root rollover). */
import { readFile } from 'node:fs/promises';
import type { SignedBundleFile, TrustBundle } from '../../core/trust/bundle.ts';
import { bumpBundle, changeLines, checkNewerThan, openForSign, signChecked, trustSet, updateFreshness, updateRoots } from '../../issuer/bundle-edit.ts';
import { parseArgs, parseNumber, UsageError } from '../args.ts';
import type { Io } from '../io.ts';
import { DAY, EDIT_FLAGS, FRESHNESS_FLAGS, freshnessFlags, placeRevocationFiles, readNewerThan, readPublicRoots, readRootKeys, runEdit, writeBundleFile } from './bundle-common.ts';

/**
 * Signs IN with every --root-key, one signature each: how the current and the next root co-sign
 * during a rollover. IN must be a signed file that verifies against a --root-key's public part or
 * a --trust-root — or, with --unsigned, a payload JSON (nothing can verify it: the operator vouches
 * for it). The content is not changed (a signed input keeps its exact payload bytes) unless --bump.
 * --keep-signatures keeps the input's other signatures that verify on their own against a root
 * named here (a co-signature added by a second key holder); the rest are dropped, and reported.
 */
export async function bundleSign(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, ['bundle', 'root-key', 'trust-root', 'newer-than', 'out'], ['bump', 'keep-signatures', 'unsigned']);
  const inPath = a.req('bundle');
  const out = a.req('out');
  const roots = await readRootKeys(a);
  const trust = trustSet(roots, await readPublicRoots(a.all('trust-root'), '--trust-root'));
  const newerThan = await readNewerThan(a);
  const opened = await openForSign(await readFile(inPath, 'utf8'), { trust, allowUnsigned: a.has('unsigned') });
  if (a.has('keep-signatures') && (!opened.signed || a.has('bump'))) throw new UsageError('--keep-signatures needs a signed input and no --bump (other signatures cover the old payload)');
  const published = newerThan ? await checkNewerThan(opened.bundle, newerThan.text, trust, newerThan.file) : undefined;
  const before = opened.bundle;
  const bundle: TrustBundle = a.has('bump') ? bumpBundle(before, new Date()) : before;
  const keepPayload = opened.signed && !a.has('bump') ? opened.signed.payload : undefined;
  const file = await signChecked(bundle, roots, keepPayload);
  // Same version as the published bundle but other payload bytes (a re-serialised payload): gates that have it would refuse this one.
  if (published && bundle.version === published.version && file.payload !== (JSON.parse(newerThan!.text) as SignedBundleFile).payload)
    throw new Error(`the result has version ${bundle.version}, as ${newerThan!.file} does, but other payload bytes: gates that have it would refuse it (BUNDLE_VERSION_CONFLICT); sign the published file itself, or --bump`);
  const newKids = new Set(roots.map((r) => r.kid));
  // One signature per root: the new one replaces the input's by the same root, and a root's is kept once.
  const kept = a.has('keep-signatures') ? opened.verified.filter((s, i, all) => !newKids.has(s.kid) && all.findIndex((o) => o.kid === s.kid) === i) : [];
  const dropped = a.has('keep-signatures') ? opened.dropped.filter((d) => !newKids.has(d.kid)) : [];
  file.signatures = [...kept.map((s) => s.signature), ...file.signatures];
  const warnings = await placeRevocationFiles(bundle, inPath, out);
  await writeBundleFile(out, file);
  for (const w of warnings) io.err(`warning: ${w}`);
  for (const d of dropped) io.err(`warning: the signature by ${d.kid} is not kept: ${d.why}`);
  io.out(
    JSON.stringify({
      out,
      version: bundle.version,
      input: opened.signed ? 'signed' : 'unsigned',
      signatures: file.signatures.length,
      signedBy: roots.map((r) => r.kid),
      bumped: a.has('bump'),
      ...(a.has('keep-signatures') ? { kept: kept.map((s) => s.kid), dropped } : {}),
      changes: changeLines(before, bundle),
    }),
  );
  return 0;
}

/** Changes bundle settings: validity length, freshness, root rollover. */
export async function bundleSet(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, [...EDIT_FLAGS, 'valid-days', 'next-root', 'drop-next-root', 'retire-root', ...FRESHNESS_FLAGS]);
  const days = a.one('valid-days') === undefined ? undefined : parseNumber(a.one('valid-days')!, '--valid-days');
  const fresh = freshnessFlags(a);
  const next = await readPublicRoots(a.all('next-root'), '--next-root');
  const change = { next, retire: a.all('retire-root'), dropNext: a.all('drop-next-root') };
  if (days === undefined && Object.values(fresh).every((v) => v === undefined) && next.length + change.retire.length + change.dropNext.length === 0)
    throw new UsageError('bundle set needs something to change');
  const r = await runEdit(a, io, async (draft) => {
    if (days !== undefined) draft.expiresAt = new Date(Date.parse(draft.issuedAt) + days * DAY).toISOString();
    draft.freshness = updateFreshness(draft.freshness, fresh);
    const roots = await updateRoots(draft.roots, change);
    if (roots) draft.roots = roots;
    else delete draft.roots;
    return null;
  });
  const b = r.bundle;
  io.out(
    JSON.stringify({
      out: r.out,
      version: b.version,
      expiresAt: b.expiresAt,
      freshness: b.freshness,
      roots: { next: (b.roots?.next ?? []).map((n) => n.kid), retired: b.roots?.retired ?? [] },
      changes: r.changes,
    }),
  );
  return 0;
}
