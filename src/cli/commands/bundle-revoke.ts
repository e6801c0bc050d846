/**
 * `bundle revoke`: add codes to a revocation list as hashes. Ids come from --code-id flags or a
 * file with one id per line (streamed, for national-scale lists); they are hashed at once and
 * never written or printed — the report has counts only.
 *
 * Ids are hashed in their format's canonical form (docs/revocation.md), the format being that of
 * the issuer's keys (or --format). The issuer must be one the bundle lists, and every id one a
 * code of that format can carry: otherwise nothing is written (exit 2 for --issuer/--code-id
 * values, exit 1 for an issuer the bundle does not list or a bad line in --code-ids-file).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fromBase64Url } from '../../core/encoding/bytes.ts';
import type { TrustBundle } from '../../core/trust/bundle.ts';
import { checkRevocationFile } from '../../core/trust/revocation/open-lists.ts';
import { revocationHashInput } from '../../core/trust/revocation/revocation-hash.ts';
import {
  checkHasher,
  hashRevocationIds,
  inlineBytes,
  isListId,
  issuerFormats,
  resolveIssuer,
  RevocationIdError,
  revocationListRef,
  revokeInto,
} from '../../issuer/revoke.ts';
import { parseArgs, UsageError } from '../args.ts';
import type { Io } from '../io.ts';
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

/** The issuer as the bundle lists it (refused when it lists none: no code could ever match). */
function bundleIssuer(draft: TrustBundle, given: string): string {
  const id = resolveIssuer(draft, given);
  if (id !== undefined) return id;
  const listed = draft.issuers.map((i) => i.id);
  throw new Error(
    `issuer ${given} is not in the bundle: no code it verifies can name it, so a revocation under it would never match` +
      (listed.length ? ` (issuers: ${listed.slice(0, 12).join(', ')}${listed.length > 12 ? ', …' : ''})` : ' (it lists no issuers)'),
  );
}

/** The format whose canonical ids apply: --format, or the one format the issuer's keys are for. */
function idFormat(draft: TrustBundle, issuer: string, given: string | undefined): string {
  const formats = issuerFormats(draft, issuer);
  if (formats.length === 0) throw new Error(`issuer ${issuer} has no keys in the bundle: no code from it can verify, so a revocation under it would never match`);
  if (given !== undefined) {
    if (!formats.includes(given)) throw new Error(`issuer ${issuer} has no keys for format ${given} in the bundle (it has: ${formats.join(', ')})`);
    return given;
  }
  if (formats.length > 1) throw new UsageError(`issuer ${issuer} has keys for ${formats.join(' and ')}, whose code ids are written differently: say which with --format`);
  return formats[0]!;
}

export async function bundleRevoke(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, [...EDIT_FLAGS, 'issuer', 'code-id', 'code-ids-file', 'list', 'fp-bits', 'capacity', 'format'], ['external', 'inline', 'replace']);
  const givenIssuer = a.req('issuer');
  if (!givenIssuer.trim()) throw new UsageError('--issuer is empty');
  const format = a.one('format');
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
  const r = await runEdit(a, io, async (draft) => {
    // Ids are read and hashed only once the input bundle has verified: what they must look like
    // depends on the issuer and its keys in it.
    const issuer = bundleIssuer(draft, givenIssuer);
    const idsFormat = idFormat(draft, issuer, format);
    const fast = (await checkHasher(nodeRevocationHash)) ? nodeRevocationHash : undefined;
    if (!fast) io.err('note: node:crypto hashing does not match revocationHash; using the slower WebCrypto path');
    let hashed;
    try {
      hashed = await hashRevocationIds(issuer, idsFormat, idsFile !== undefined ? lines(idsFile) : ids, fast);
    } catch (e) {
      if (!(e instanceof RevocationIdError)) throw e;
      // Positions and reasons only: the ids themselves may be personal data.
      const where = (at: number) => (idsFile !== undefined ? `${idsFile} line ${at}` : `--code-id ${at}`);
      const shown = e.problems.map((p) => `${where(p.at)}: ${p.why}`).join('; ');
      const msg = `${e.total} ${format ?? idsFormat} code id${e.total === 1 ? '' : 's'} under issuer ${issuer} can never match a code, nothing written: ${shown}${e.total > e.problems.length ? '; …' : ''}`;
      throw idsFile !== undefined ? new Error(msg) : new UsageError(msg);
    }
    if (hashed.requested === 0) throw new UsageError('no code ids given (the file has only blank lines)');
    const at = draft.revocations.lists.findIndex((l) => l.id === listId);
    const old = at >= 0 ? draft.revocations.lists[at]! : undefined;
    let oldBytes: Uint8Array | undefined;
    let oldTimed: Uint8Array | undefined;
    if (old && !a.has('replace')) {
      oldBytes = old.href !== undefined ? new Uint8Array(await readFile(besideBundle(inPath, old.href))) : inlineBytes(old);
      const check = await checkRevocationFile(old, oldBytes!);
      if (!check.ok) throw new Error(`existing revocation list ${listId}: ${check.reason.detail}`);
      if (old.timed !== undefined) oldTimed = fromBase64Url(old.timed);
    }
    const result = revokeInto(oldBytes, hashed.keys.values(), {
      ...(fpBits ? { fpBits } : {}),
      ...(capacity ? { capacity } : {}),
      replace: a.has('replace'),
      timed: hashed.timed,
      ...(oldTimed ? { existingTimed: oldTimed } : {}),
    });
    const otherCountries = [...hashed.uvciCountries].filter(([c]) => c !== issuer);
    const countryWarning = otherCountries.length
      ? `${otherCountries.reduce((n, [, k]) => n + k, 0)} UVCI(s) name another country (${otherCountries.map(([c]) => c).join(', ')}) than the issuer ${issuer}: an EU DCC is revoked under the country of the key that signed it`
      : undefined;
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
    const ref = await revocationListRef(listId, result.bytes, result.set.count, where, result.timedTable);
    if (at >= 0) draft.revocations.lists[at] = ref;
    else draft.revocations.lists.push(ref);
    const warnings = [
      ...(result.overBudget ? [`the list holds more ids than it was sized for; its false-positive rate is above 2^-${result.set.fpBits}: rebuild it from all ids with --replace`] : []),
      ...(countryWarning ? [countryWarning] : []),
    ];
    return {
      list: listId,
      issuer,
      format: idsFormat,
      requested: result.requested,
      added: result.added,
      alreadyPresent: result.alreadyPresent,
      ...(hashed.normalised ? { normalised: hashed.normalised } : {}),
      ...(hashed.timed.length || result.timedCount ? { timed: result.timedCount } : {}),
      count: result.set.count,
      bytes: result.bytes.length,
      falsePositiveRate: result.set.falsePositiveRate,
      ...(warnings.length ? { warning: warnings.join('; ') } : {}),
      ...(written ? { file: written, href: ref.href } : { inline: true }),
    };
  });
  if (r.report.warning) io.err(`warning: ${r.report.warning}`);
  io.out(JSON.stringify({ out: r.out, version: r.bundle.version, ...r.report, changes: r.changes }));
  return 0;
}
