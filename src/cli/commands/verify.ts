import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Verdict } from '../../core/model/verdict.ts';
import { FORMATS } from '../../core/formats/registry.ts';
import { assembleTexts, incompleteReason } from '../../core/pipeline/assemble.ts';
import { readFailed, verifyCode, type VerifyContext } from '../../core/pipeline/run.ts';
import { defaultPolicyOf, findPolicy, policiesOf } from '../../core/policy/select-policy.ts';
import type { Trust } from '../../core/trust/trust-index.ts';
import { loadBundleFile } from '../load-bundle-file.ts';
import { stateFileIn } from '../../issuer/demo-world.node.ts';
import { parsePublicJwk, pinnedRootFrom } from '../../issuer/keys.ts';
import { readQrFromImageBytes } from '../../read/image-file.node.ts';
import { parseArgs, parseTime, UsageError } from '../args.ts';
import type { Io } from '../io.ts';

export const VERIFY_USAGE =
  'verify [--bundle FILE --root-pub FILE] [--at ISO-TIME] [--policy ID] (CODE-TEXT… | - [--parts] | --image FILE)\n' +
  '      (several CODE-TEXTs are the parts of one chunked code; - reads one code from standard input,\n' +
  '       all its lines; with --parts every non-empty line of it is one part)';

/**
 * Standard input is one code, whatever its line breaks: a pretty-printed JSON seal (VDS-NC) spans
 * many lines. verifyCode drops the trailing line ends. With --parts, every non-empty line is one
 * part of a chunked code (SMART Health Card `shc:/i/n/…` lines).
 */
export function stdinTexts(text: string, parts: boolean): string[] {
  if (!parts) return [text];
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.length > 0 ? lines : [''];
}

/** One text is verified as it is; several are the parts of one code (SMART Health Card chunks), assembled first. */
async function verifyTexts(texts: string[], ctx: VerifyContext): Promise<Verdict> {
  if (texts.length === 1) return verifyCode(texts[0]!, ctx);
  const r = assembleTexts(FORMATS, texts);
  if (r.kind === 'whole') return verifyCode(r.text, ctx);
  if (r.kind === 'partial') return readFailed(incompleteReason(r.have, r.total), ctx);
  // Not one code: a verdict all the same (FAIL), so a script reading the JSON always gets one.
  return readFailed({ code: 'PARTS_MIXED', detail: `${texts.length} texts: ${r.wholes} whole code(s), ${r.incomplete} incomplete code(s)` }, ctx);
}

export async function verify(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, ['bundle', 'root-pub', 'at', 'image', 'policy'], ['parts']);
  const now = a.one('at') ? parseTime(a.one('at')!, '--at') : new Date();
  const image = a.one('image');
  if (!image && a.positional.length === 0) throw new UsageError('give one CODE-TEXT (or the parts of one chunked code), - for standard input, or --image FILE');
  if (image && a.positional.length) throw new UsageError('give either CODE-TEXT or --image, not both');
  const stdin = a.positional.includes('-');
  if (stdin && a.positional.length > 1) throw new UsageError('- (standard input) goes alone, not with CODE-TEXTs');
  if (a.has('parts') && !stdin) throw new UsageError('--parts is for standard input (-); several CODE-TEXTs are parts already');

  let bundlePath = a.one('bundle');
  let rootPath = a.one('root-pub');
  if (!bundlePath !== !rootPath) throw new UsageError('--bundle and --root-pub go together');
  if (!bundlePath) {
    const dir = (await readFile(stateFileIn(io.home), 'utf8').catch(() => '')).trim();
    if (!dir) throw new UsageError('no demo world yet: run `gatecheck demo --out DIR` or pass --bundle and --root-pub');
    bundlePath = join(dir, 'bundle.json');
    rootPath = join(dir, 'root.pub.jwk');
  }
  const root = pinnedRootFrom(parsePublicJwk(await readFile(rootPath!, 'utf8'), '--root-pub'));
  const checked = await loadBundleFile(bundlePath, [root]);
  const trust: Trust | null = checked.ok ? checked.value : null;
  // The bundle's policies (built-in copies for a bundle without any, or none loaded).
  const policies = policiesOf(trust?.bundle);
  const policyId = a.one('policy');
  const policy = policyId === undefined ? defaultPolicyOf(policies) : findPolicy(policies, policyId);
  if (!policy) throw new UsageError(`unknown policy ${policyId} (known: ${policies.map((p) => p.id).join(', ')})`);

  let verdict: Verdict;
  if (image) {
    const read = await readQrFromImageBytes(new Uint8Array(await readFile(image)));
    verdict = read.ok ? await verifyCode(read.value, { trust, now, policy }) : readFailed(read.reason, { trust, now, policy });
  } else {
    const texts = stdin ? stdinTexts(await io.readStdin(), a.has('parts')) : a.positional;
    verdict = await verifyTexts(texts, { trust, now, policy });
  }
  if (!checked.ok) verdict = { ...verdict, outcome: 'FAIL', reasons: [{ code: 'NO_TRUST_BUNDLE', detail: `${checked.reason.code}: ${checked.reason.detail ?? ''}` }, ...verdict.reasons.filter((r) => r.code !== 'NO_TRUST_BUNDLE')] };
  io.out(JSON.stringify(verdict, null, 2));
  return verdict.outcome === 'PASS' ? 0 : 1;
}
