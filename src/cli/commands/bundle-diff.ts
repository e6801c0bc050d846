/** `bundle diff A B`: what changed between two bundle files (informational: exit 0 whenever both can be read). */
import { readFile } from 'node:fs/promises';
import type { PinnedRoot } from '../../core/trust/bundle.ts';
import { validateBundle } from '../../core/trust/validate-bundle.ts';
import { verifyBundle } from '../../core/trust/verify-bundle.ts';
import { decodeBundleText } from '../../issuer/bundle-edit.ts';
import { diffBundles, formatDiff } from '../../issuer/bundle-diff.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { parseArgs, UsageError } from '../args.ts';
import type { Io } from '../io.ts';
import { readPublicRoots } from './bundle-common.ts';

interface Side {
  file: string;
  version: unknown;
  signed: boolean;
  signers: string[];
  /** true / false with --root-pub; 'not verified' without. */
  verified: boolean | 'not verified';
  error?: string;
  /** Structural problems of the payload, if any (the diff still describes it). */
  invalid?: string;
}

/** A file that cannot be read as a bundle at all (the diff of a bundle that fails to verify is still shown). */
type LoadCode = 'BUNDLE_UNREADABLE';

async function load(file: string, roots: PinnedRoot[]): Promise<Result<{ side: Side; content: Record<string, unknown> }, LoadCode>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return fail('BUNDLE_UNREADABLE', `${file}: ${(e as Error).message}`);
  }
  let decoded;
  try {
    decoded = decodeBundleText(text);
  } catch (e) {
    return fail('BUNDLE_UNREADABLE', `${file}: ${(e as Error).message}`);
  }
  if (typeof decoded.content !== 'object' || decoded.content === null || Array.isArray(decoded.content)) return fail('BUNDLE_UNREADABLE', `${file}: payload is not a JSON object`);
  const content = decoded.content as Record<string, unknown>;
  const side: Side = { file, version: content.version, signed: decoded.signed !== undefined, signers: decoded.signerKids, verified: 'not verified' };
  if (roots.length) {
    const r = await verifyBundle(text, roots);
    side.verified = r.ok;
    if (!r.ok) side.error = `${r.reason.code}${r.reason.detail ? `: ${r.reason.detail}` : ''}`;
  }
  const valid = validateBundle(content);
  if (!valid.ok) side.invalid = valid.reason.detail ?? valid.reason.code;
  return ok({ side, content });
}

export async function bundleDiff(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, ['root-pub'], ['json']);
  if (a.positional.length !== 2) throw new UsageError('bundle diff needs two bundle files: A B');
  const roots = await readPublicRoots(a.all('root-pub'), '--root-pub');
  const [fa, fb] = a.positional as [string, string];
  const [la, lb] = await Promise.all([load(fa, roots), load(fb, roots)]);
  if (!la.ok || !lb.ok) {
    for (const l of [la, lb]) if (!l.ok) io.err(`gatecheck bundle diff: ${l.reason.detail}`);
    return 1;
  }
  const [A, B] = [la.value, lb.value];
  const diff = diffBundles(A.content, B.content);
  if (a.has('json')) {
    io.out(JSON.stringify({ a: A.side, b: B.side, diff }));
    return 0;
  }
  for (const [tag, s] of [['A', A.side], ['B', B.side]] as const) {
    const trust = s.verified === 'not verified' ? 'not verified' : s.verified ? 'verified' : `NOT VERIFIED (${s.error})`;
    const signed = s.signed ? `signed by ${s.signers.join(', ') || '?'}` : 'unsigned payload';
    io.out(`${tag}: ${s.file} — version ${String(s.version)}, ${signed}, ${trust}${s.invalid ? `, INVALID: ${s.invalid}` : ''}`);
  }
  for (const line of formatDiff(diff)) io.out(line);
  return 0;
}
