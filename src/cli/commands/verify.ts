import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Verdict } from '../../core/model/verdict.ts';
import { readFailed, verifyCode } from '../../core/pipeline/run.ts';
import { DEFAULT_POLICY } from '../../core/policy/policy.ts';
import type { Trust } from '../../core/trust/trust-index.ts';
import { loadBundleFile } from '../load-bundle-file.ts';
import { STATE_FILE } from '../../issuer/demo-world.node.ts';
import { parsePublicJwk, pinnedRootFrom } from '../../issuer/keys.ts';
import { readQrFromImageBytes } from '../../read/image-file.node.ts';
import { parseArgs, parseTime, UsageError } from '../args.ts';

export const VERIFY_USAGE = 'verify [--bundle FILE --root-pub FILE] [--at ISO-TIME] [--policy ID] (CODE-TEXT | - | --image FILE)';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function verify(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['bundle', 'root-pub', 'at', 'image', 'policy']);
  const now = a.one('at') ? parseTime(a.one('at')!, '--at') : new Date();
  if (a.one('policy') && a.one('policy') !== DEFAULT_POLICY.id) throw new UsageError(`unknown policy ${a.one('policy')} (known: ${DEFAULT_POLICY.id})`);
  const image = a.one('image');
  if (!image && a.positional.length !== 1) throw new UsageError('give one CODE-TEXT, - for standard input, or --image FILE');
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

  let verdict: Verdict;
  if (image) {
    const read = readQrFromImageBytes(new Uint8Array(await readFile(image)));
    verdict = read.ok ? await verifyCode(read.text, { trust, now }) : readFailed({ code: read.code, detail: read.detail }, { trust, now });
  } else {
    const text = a.positional[0] === '-' ? await readStdin() : a.positional[0]!;
    verdict = await verifyCode(text, { trust, now });
  }
  if (!checked.ok) verdict = { ...verdict, outcome: 'FAIL', reasons: [{ code: 'NO_TRUST_BUNDLE', detail: `${checked.reason.code}: ${checked.reason.detail ?? ''}` }, ...verdict.reasons.filter((r) => r.code !== 'NO_TRUST_BUNDLE')] };
  console.log(JSON.stringify(verdict, null, 2));
  return verdict.outcome === 'PASS' ? 0 : 1;
}
