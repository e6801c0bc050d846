/** `bundle policies`: replace a bundle's checkpoint policies (docs/policies.md), then bump and re-sign. */
import { readFile } from 'node:fs/promises';
import { BUILTIN_POLICIES } from '../../core/policy/builtin-policies.ts';
import { parsePolicies } from '../../core/policy/parse-policies.ts';
import type { Policy } from '../../core/policy/policy.ts';
import { parseArgs, UsageError } from '../args.ts';
import type { Io } from '../io.ts';
import { EDIT_FLAGS, runEdit } from './bundle-common.ts';

export const BUNDLE_POLICIES_USAGE = 'bundle policies --bundle IN --root-key KEY… [--trust-root PUBFILE…] [--newer-than FILE] --out OUT (--set FILE.json | --builtin | --clear)';

export async function bundlePolicies(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, [...EDIT_FLAGS, 'set'], ['builtin', 'clear']);
  const choices = [a.one('set') !== undefined, a.has('builtin'), a.has('clear')].filter(Boolean).length;
  if (choices !== 1) throw new UsageError('bundle policies needs exactly one of --set FILE.json, --builtin, --clear');
  let policies: Policy[] = [];
  if (a.has('builtin')) policies = BUILTIN_POLICIES;
  const file = a.one('set');
  if (file !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`--set ${file}: not JSON (${e instanceof Error ? e.message : 'unreadable'})`);
    }
    // A file holding a whole bundle payload is accepted too: its policies member.
    const list = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as { policies?: unknown }).policies : json;
    const parsed = parsePolicies(list);
    if (!parsed.ok) throw new UsageError(`--set ${file}: ${parsed.reason.detail ?? 'invalid policies'}`);
    policies = parsed.value;
  }
  const r = await runEdit(a, io, (draft) => {
    draft.policies = policies;
    return null;
  });
  io.out(JSON.stringify({ out: r.out, version: r.bundle.version, policies: r.bundle.policies.map((p) => p.id), changes: r.changes }));
  return 0;
}
