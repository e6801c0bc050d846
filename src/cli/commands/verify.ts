import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Verdict } from '../../core/model/verdict.ts';
import { FORMATS } from '../../core/formats/registry.ts';
import { assembleTexts, incompleteReason } from '../../core/pipeline/assemble.ts';
import { readFailed, verifyCode, type VerifyContext } from '../../core/pipeline/run.ts';
import { defaultPolicyOf, findPolicy, policiesOf } from '../../core/policy/select-policy.ts';
import type { Trust } from '../../core/trust/trust-index.ts';
import { loadBundleFile } from '../load-bundle-file.ts';
import { STATE_FILE } from '../../issuer/demo-world.node.ts';
import { parsePublicJwk, pinnedRootFrom } from '../../issuer/keys.ts';
import { readQrFromImageBytes } from '../../read/image-file.node.ts';
import { parseArgs, parseTime, UsageError } from '../args.ts';

export const VERIFY_USAGE = 'verify [--bundle FILE --root-pub FILE] [--at ISO-TIME] [--policy ID] (CODE-TEXT… | - | --image FILE)   (several texts or lines: the parts of one chunked code)';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Standard input: one code, or one part of a chunked code per line. */
const splitLines = (text: string): string[] => {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.length > 1 ? lines : [text];
};

/** One text is verified as it is; several are the parts of one code (SMART Health Card chunks), assembled first. */
async function verifyTexts(texts: string[], ctx: VerifyContext): Promise<Verdict> {
  if (texts.length === 1) return verifyCode(texts[0]!, ctx);
  const r = assembleTexts(FORMATS, texts);
  if (r.kind === 'whole') return verifyCode(r.text, ctx);
  if (r.kind === 'partial') return readFailed(incompleteReason(r.have, r.total), ctx);
  throw new UsageError('several texts must be the parts of one chunked code');
}

export async function verify(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['bundle', 'root-pub', 'at', 'image', 'policy']);
  const now = a.one('at') ? parseTime(a.one('at')!, '--at') : new Date();
  const image = a.one('image');
  if (!image && a.positional.length === 0) throw new UsageError('give one CODE-TEXT (or the parts of one chunked code), - for standard input, or --image FILE');
  if (image && a.positional.length) throw new UsageError('give either CODE-TEXT or --image, not both');

  let bundlePath = a.one('bundle');
  let rootPath = a.one('root-pub');
  if (!bundlePath !== !rootPath) throw new UsageError('--bundle and --root-pub go together');
  if (!bundlePath) {
    const dir = (await readFile(STATE_FILE, 'utf8').catch(() => '')).trim();
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
    const read = readQrFromImageBytes(new Uint8Array(await readFile(image)));
    verdict = read.ok ? await verifyCode(read.text, { trust, now, policy }) : readFailed({ code: read.code, detail: read.detail }, { trust, now, policy });
  } else {
    const texts = a.positional.length === 1 && a.positional[0] === '-' ? splitLines(await readStdin()) : a.positional;
    verdict = await verifyTexts(texts, { trust, now, policy });
  }
  if (!checked.ok) verdict = { ...verdict, outcome: 'FAIL', reasons: [{ code: 'NO_TRUST_BUNDLE', detail: `${checked.reason.code}: ${checked.reason.detail ?? ''}` }, ...verdict.reasons.filter((r) => r.code !== 'NO_TRUST_BUNDLE')] };
  console.log(JSON.stringify(verdict, null, 2));
  return verdict.outcome === 'PASS' ? 0 : 1;
}
