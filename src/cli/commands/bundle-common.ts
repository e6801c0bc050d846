/** What the bundle subcommands share: root key flags, reading and writing bundle files, external revocation files. */
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Freshness, PinnedRoot, SignedBundleFile, TrustBundle } from '../../core/trust/bundle.ts';
import { checkRevocationFile } from '../../core/trust/revocation/open-lists.ts';
import { editBundle, type Edited } from '../../issuer/bundle-edit.ts';
import { parsePrivateJwk, parsePublicJwk, pinnedRootFrom } from '../../issuer/keys.ts';
import type { RootSigningKey } from '../../issuer/sign-bundle.ts';
import { parseTime, UsageError, type Args } from '../args.ts';
import type { Io } from '../io.ts';

/** Flags every editing command takes. */
export const EDIT_FLAGS = ['bundle', 'root-key', 'trust-root', 'newer-than', 'out'];
export const FRESHNESS_FLAGS = ['refresh', 'warn-age', 'max-age', 'on-stale', 'on-clock-suspect'];

export async function readRootKeys(a: Args): Promise<RootSigningKey[]> {
  const files = a.all('root-key');
  if (files.length === 0) throw new UsageError('--root-key is required');
  return Promise.all(files.map(async (f) => parsePrivateJwk(await readFile(f, 'utf8'), `--root-key ${f}`)));
}

export async function readPublicRoots(files: string[], what: string): Promise<PinnedRoot[]> {
  return Promise.all(files.map(async (f) => pinnedRootFrom(parsePublicJwk(await readFile(f, 'utf8'), `${what} ${f}`))));
}

export const DAY = 86400_000;

/** Defaults: a JWK key is trusted for codes signed from a week before now to a year after. */
export function keyValidity(a: Args, now: Date): { keyFrom: Date; keyUntil: Date } {
  const keyFrom = a.one('key-valid-from') ? parseTime(a.one('key-valid-from')!, '--key-valid-from') : new Date(now.getTime() - 7 * DAY);
  const keyUntil = a.one('key-valid-until') ? parseTime(a.one('key-valid-until')!, '--key-valid-until') : new Date(now.getTime() + 365 * DAY);
  if (keyUntil <= keyFrom) throw new UsageError('--key-valid-until must be after --key-valid-from');
  return { keyFrom, keyUntil };
}

/** Whole seconds, > 0. */
export function parseSeconds(s: string, what: string): number {
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${what} must be a positive whole number of seconds`);
  return n;
}

/** Freshness fields given on the command line (absent ones undefined). */
export function freshnessFlags(a: Args): Partial<Freshness> {
  const mode = (name: string): 'fail' | 'warn' | undefined => {
    const v = a.one(name);
    if (v === undefined) return undefined;
    if (v !== 'fail' && v !== 'warn') throw new UsageError(`--${name} must be fail or warn`);
    return v;
  };
  const secs = (name: string) => (a.one(name) === undefined ? undefined : parseSeconds(a.one(name)!, `--${name}`));
  return {
    refreshSeconds: secs('refresh'),
    warnAgeSeconds: secs('warn-age'),
    maxAgeSeconds: secs('max-age'),
    onStale: mode('on-stale'),
    onClockSuspect: mode('on-clock-suspect'),
  };
}

// The CLI may run several commands in one process (the tests run it in-process): one name per write.
let tmpCount = 0;

/** Writes atomically (temporary file, then rename): a web server never serves half a bundle. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${++tmpCount}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

export async function writeBundleFile(path: string, file: SignedBundleFile): Promise<void> {
  await writeAtomic(path, JSON.stringify(file, null, 2) + '\n');
}

/** The local path an href names, resolved as a browser resolves it against the bundle's URL. */
export const besideBundle = (bundlePath: string, href: string): string => fileURLToPath(new URL(href, pathToFileURL(bundlePath)));

async function readIfExists(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch {
    return undefined;
  }
}

/**
 * Makes sure every external revocation file the bundle names sits next to `outPath` with the
 * pinned size and SHA-256: copied from next to `inPath` when the output goes elsewhere. Returns
 * warnings for files it could not find (they must be published before the bundle).
 */
export async function placeRevocationFiles(bundle: TrustBundle, inPath: string | undefined, outPath: string): Promise<string[]> {
  const warnings: string[] = [];
  for (const list of bundle.revocations.lists) {
    if (list.href === undefined) continue;
    const target = besideBundle(outPath, list.href);
    const there = await readIfExists(target);
    if (there && (await checkRevocationFile(list, there)).ok) continue;
    const source = inPath ? besideBundle(inPath, list.href) : undefined;
    const bytes = source && source !== target ? await readIfExists(source) : undefined;
    if (bytes && (await checkRevocationFile(list, bytes)).ok) {
      await mkdir(dirname(target), { recursive: true });
      await copyFile(source!, target);
      continue;
    }
    warnings.push(`revocation list ${list.id}: ${list.href} is ${there ? 'not the file the bundle pins' : 'missing'} next to ${outPath}; publish it with the bundle`);
  }
  return warnings;
}

/** --newer-than FILE, read (it is verified against the same roots as the input). */
export async function readNewerThan(a: Args): Promise<{ text: string; file: string } | undefined> {
  const file = a.one('newer-than');
  return file === undefined ? undefined : { text: await readFile(file, 'utf8'), file: `--newer-than ${file}` };
}

/**
 * The editing path every content-changing command takes: read --bundle, check it against the
 * --root-key roots and any --trust-root, check it is not older than --newer-than, bump, edit,
 * re-sign with every --root-key, write --out (after any external revocation files). Returns the
 * edit for the command's report, with `changes`: what it changed against its input.
 */
export async function runEdit<R>(a: Args, io: Io, edit: (draft: TrustBundle, before: TrustBundle) => R | Promise<R>): Promise<Edited<R> & { out: string; warnings: string[] }> {
  const inPath = a.req('bundle');
  const out = a.req('out');
  const roots = await readRootKeys(a);
  const trust = await readPublicRoots(a.all('trust-root'), '--trust-root');
  const newerThan = await readNewerThan(a);
  const text = await readFile(inPath, 'utf8');
  const edited = await editBundle(text, { roots, trust, ...(newerThan ? { newerThan } : {}) }, edit);
  const warnings = await placeRevocationFiles(edited.bundle, inPath, out);
  await writeBundleFile(out, edited.file);
  for (const w of warnings) io.err(`warning: ${w}`);
  return { ...edited, out, warnings };
}
