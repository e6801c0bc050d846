/** `bundle diff A B`: what changed between two bundle files (informational: exit 0 whenever both can be read). */
import { readFile } from 'node:fs/promises';
import type { PinnedRoot } from '../../core/trust/bundle.ts';
import { validateBundle } from '../../core/trust/validate-bundle.ts';
import { verifyBundle } from '../../core/trust/verify-bundle.ts';
import { decodeBundleText } from '../../issuer/bundle-edit.ts';
import { diffBundles, formatDiff } from '../../issuer/bundle-diff.ts';
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

async function load(file: string, roots: PinnedRoot[]): Promise<{ side: Side; content: Record<string, unknown> } | { error: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { error: `${file}: ${(e as Error).message}` };
  }
  let decoded;
  try {
    decoded = decodeBundleText(text);
  } catch (e) {
    return { error: `${file}: ${(e as Error).message}` };
  }
  if (typeof decoded.content !== 'object' || decoded.content === null || Array.isArray(decoded.content)) return { error: `${file}: payload is not a JSON object` };
  const content = decoded.content as Record<string, unknown>;
  const side: Side = { file, version: content.version, signed: decoded.signed !== undefined, signers: decoded.signerKids, verified: 'not verified' };
  if (roots.length) {
    const r = await verifyBundle(text, roots);
    side.verified = r.ok;
    if (!r.ok) side.error = `${r.reason.code}${r.reason.detail ? `: ${r.reason.detail}` : ''}`;
  }
  const valid = validateBundle(content);
  if (!valid.ok) side.invalid = valid.reason.detail ?? valid.reason.code;
  return { side, content };
}

export async function bundleDiff(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, ['root-pub'], ['json']);
  if (a.positional.length !== 2) throw new UsageError('bundle diff needs two bundle files: A B');
  const roots = await readPublicRoots(a.all('root-pub'), '--root-pub');
  const [fa, fb] = a.positional as [string, string];
  const [la, lb] = await Promise.all([load(fa, roots), load(fb, roots)]);
  const errors = [la, lb].flatMap((l) => ('error' in l ? [l.error] : []));
  if ('error' in la || 'error' in lb) {
    for (const e of errors) io.err(`gatecheck bundle diff: ${e}`);
    return 1;
  }
  const diff = diffBundles(la.content, lb.content);
  if (a.has('json')) {
    io.out(JSON.stringify({ a: la.side, b: lb.side, diff }));
    return 0;
  }
  for (const [tag, s] of [['A', la.side], ['B', lb.side]] as const) {
    const trust = s.verified === 'not verified' ? 'not verified' : s.verified ? 'verified' : `NOT VERIFIED (${s.error})`;
    const signed = s.signed ? `signed by ${s.signers.join(', ') || '?'}` : 'unsigned payload';
    io.out(`${tag}: ${s.file} — version ${String(s.version)}, ${signed}, ${trust}${s.invalid ? `, INVALID: ${s.invalid}` : ''}`);
  }
  for (const line of formatDiff(diff)) io.out(line);
  return 0;
}
