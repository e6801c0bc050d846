/**
 * `bundle revoke`: add codes to a revocation list as hashes. Ids come from --code-id flags or a
 * file with one id per line (streamed, for national-scale lists); they are hashed at once and
 * never written or printed — the report has counts only.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { checkRevocationFile } from '../../core/trust/revocation/open-lists.ts';
import { revocationHashInput } from '../../core/trust/revocation/revocation-hash.ts';
import { checkHasher, hashCodeIds, inlineBytes, isListId, revocationListRef, revokeInto } from '../../issuer/revoke.ts';
import { parseArgs, UsageError } from '../args.ts';
import { besideBundle, EDIT_FLAGS, runEdit, writeAtomic } from './bundle-common.ts';

async function* lines(path: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

/** revocationHash with node:crypto, synchronously: about 30 times faster than WebCrypto per id. Checked against revocationHash before use. */
const nodeRevocationHash = (issuer: string, codeId: string): Uint8Array =>
  new Uint8Array(createHash('sha256').update(revocationHashInput(issuer, codeId), 'utf8').digest());

function positiveInt(s: string | undefined, what: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`${what} must be a whole number in 1..${max}`);
  return n;
}

export async function bundleRevoke(argv: string[]): Promise<number> {
  const a = parseArgs(argv, [...EDIT_FLAGS, 'issuer', 'code-id', 'code-ids-file', 'list', 'fp-bits', 'capacity'], ['external', 'inline', 'replace']);
  const issuer = a.req('issuer');
  const listId = a.one('list') ?? 'revoked';
  if (!isListId(listId)) throw new UsageError('--list must be 1–64 characters of A-Z a-z 0-9 . _ -');
  const ids = a.all('code-id');
  const idsFile = a.one('code-ids-file');
  if ((ids.length === 0) === (idsFile === undefined)) throw new UsageError('give either --code-id (repeatable) or --code-ids-file');
  if (a.has('external') && a.has('inline')) throw new UsageError('--external and --inline exclude each other');
  const fpBits = positiveInt(a.one('fp-bits'), '--fp-bits', 32);
  const capacity = positiveInt(a.one('capacity'), '--capacity');
  const inPath = a.req('bundle');
  const out = a.req('out');

  let written: string | undefined;
  const r = await runEdit(a, async (draft) => {
    // Hashing starts only once the input bundle has verified.
    const fast = (await checkHasher(nodeRevocationHash)) ? nodeRevocationHash : undefined;
    if (!fast) console.error('note: node:crypto hashing does not match revocationHash; using the slower WebCrypto path');
    const hashed = await hashCodeIds(issuer, idsFile !== undefined ? lines(idsFile) : ids, fast);
    if (hashed.length === 0) throw new UsageError('no code ids given (the file has only blank lines)');
    const at = draft.revocations.lists.findIndex((l) => l.id === listId);
    const old = at >= 0 ? draft.revocations.lists[at]! : undefined;
    let oldBytes: Uint8Array | undefined;
    if (old && !a.has('replace')) {
      oldBytes = old.href !== undefined ? new Uint8Array(await readFile(besideBundle(inPath, old.href))) : inlineBytes(old);
      const check = await checkRevocationFile(old, oldBytes!);
      if (!check.ok) throw new Error(`existing revocation list ${listId}: ${check.reason.detail}`);
    }
    const result = revokeInto(oldBytes, hashed.values(), { ...(fpBits ? { fpBits } : {}), ...(capacity ? { capacity } : {}), replace: a.has('replace') });
    const external = a.has('external') || (old?.href !== undefined && !a.has('inline'));
    let where: { href: string } | 'inline' = 'inline';
    if (external) {
      // Named by the new version: a gate still on the old bundle keeps finding the old file.
      const href = `revocations/${listId}-${draft.version}.bin`;
      written = join(dirname(out), 'revocations', `${listId}-${draft.version}.bin`);
      await mkdir(dirname(written), { recursive: true });
      await writeAtomic(written, result.bytes);
      where = { href };
    }
    const ref = await revocationListRef(listId, result.bytes, result.set.count, where);
    if (at >= 0) draft.revocations.lists[at] = ref;
    else draft.revocations.lists.push(ref);
    return {
      list: listId,
      requested: result.requested,
      added: result.added,
      alreadyPresent: result.alreadyPresent,
      count: result.set.count,
      bytes: result.bytes.length,
      falsePositiveRate: result.set.falsePositiveRate,
      ...(result.overBudget ? { warning: `the list holds more ids than it was sized for; its false-positive rate is above 2^-${result.set.fpBits}: rebuild it from all ids with --replace` } : {}),
      ...(written ? { file: written, href: ref.href } : { inline: true }),
    };
  });
  if (r.report.warning) console.error(`warning: ${r.report.warning}`);
  console.log(JSON.stringify({ out: r.out, version: r.bundle.version, ...r.report }));
  return 0;
}
