import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { valueSetsFromFiles } from '../../core/formats/eu-dcc/index.ts';
import { DEFAULT_FRESHNESS, MAX_BUNDLE_VERSION, type TrustIssuer } from '../../core/trust/bundle.ts';
import { openRevocationLists, type RevocationFiles } from '../../core/trust/revocation/open-lists.ts';
import { verifyBundle } from '../../core/trust/verify-bundle.ts';
import { keyFromCertificate } from '../../core/trust/x509.ts';
import { decodeBundleText, signChecked, updateFreshness, updateRoots } from '../../issuer/bundle-edit.ts';
import { parsePublicJwk } from '../../issuer/keys.ts';
import { countryNames, PROVINCES } from '../../issuer/regions.ts';
import { buildBundle, type BundleKeyInput } from '../../issuer/sign-bundle.ts';
import { parseArgs, parseNumber, UsageError } from '../args.ts';
import type { Io } from '../io.ts';
import { besideBundle, DAY, FRESHNESS_FLAGS, freshnessFlags, keyValidity, readPublicRoots, readRootKeys, writeBundleFile } from './bundle-common.ts';
import { bundleDiff } from './bundle-diff.ts';
import { importDcc, importJwks } from './bundle-import.ts';
import { importCsca } from './bundle-import-csca.ts';
import { importDid } from './bundle-import-did.ts';
import { bundleRevoke } from './bundle-revoke.ts';
import { BUNDLE_POLICIES_USAGE, bundlePolicies } from './bundle-policies.ts';
import { bundleSet, bundleSign } from './bundle-sign.ts';

const EDIT = '--bundle IN --root-key KEY… [--trust-root PUBFILE…] [--newer-than FILE] --out OUT';
export const BUNDLE_USAGE = [
  'bundle build --root-key KEY… --out FILE (--issuer-key PROVINCE:PUBFILE | --issuer-cert CC:CERTFILE)… | --empty',
  '             [--value-sets DIR] [--version N] [--valid-days N] [--key-valid-from ISO] [--key-valid-until ISO] [--demo]',
  '             [--refresh S] [--warn-age S] [--max-age S] [--on-stale fail|warn] [--on-clock-suspect fail|warn]',
  '             [--next-root PUBFILE…] [--retire-root KID…]',
  '  bundle sign --bundle IN --root-key KEY… [--trust-root PUBFILE…] [--newer-than FILE] --out OUT [--bump] [--keep-signatures] [--unsigned]',
  '  bundle verify --root-pub PUBFILE… BUNDLE-FILE',
  `  bundle import-dcc ${EDIT} [--country CC] [--format F…] FILE…   (trust list JSON, PEM or DER)`,
  `  bundle import-csca ${EDIT} --issuer CC [--format F…] FILE…   (CSCA PEM or DER; default format vds-nc)`,
  `  bundle import-jwks ${EDIT} --issuer ID [--name-zh N] [--name-en N] [--format F…] [--kinds K,…]`,
  '             [--key-valid-from ISO] [--key-valid-until ISO] JWKS-FILE',
  `  bundle import-did ${EDIT} [--name-zh N] [--name-en N] [--format F…]`,
  '             [--key-valid-from ISO] [--key-valid-until ISO] DID-DOCUMENT.json…   (did:web issuer keys; GDHCN trust list DSCs)',
  `  bundle revoke ${EDIT} --issuer ID [--format F] (--code-id ID… | --code-ids-file FILE)`,
  '             [--list NAME] [--external | --inline] [--replace] [--fp-bits N] [--capacity N]',
  `  bundle set ${EDIT} [--valid-days N] [freshness flags] [--next-root PUBFILE…] [--drop-next-root KID…] [--retire-root KID…]`,
  '  bundle diff [--root-pub PUBFILE…] [--json] A B',
  `  ${BUNDLE_POLICIES_USAGE}`,
].join('\n');

export async function bundle(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'build') return build(rest, io);
  if (sub === 'verify') return verify(rest, io);
  if (sub === 'sign') return bundleSign(rest, io);
  if (sub === 'set') return bundleSet(rest, io);
  if (sub === 'import-dcc') return importDcc(rest, io);
  if (sub === 'import-jwks') return importJwks(rest, io);
  if (sub === 'import-csca') return importCsca(rest, io);
  if (sub === 'import-did') return importDid(rest, io);
  if (sub === 'revoke') return bundleRevoke(rest, io);
  if (sub === 'diff') return bundleDiff(rest, io);
  if (sub === 'policies') return bundlePolicies(rest, io);
  throw new UsageError(`unknown bundle command ${sub ?? ''}`);
}

async function build(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(
    argv,
    ['root-key', 'out', 'issuer-key', 'issuer-cert', 'value-sets', 'version', 'valid-days', 'key-valid-from', 'key-valid-until', 'next-root', 'retire-root', ...FRESHNESS_FLAGS],
    ['demo', 'empty'],
  );
  const roots = await readRootKeys(a);
  const out = a.req('out');
  const now = new Date();
  const { keyFrom, keyUntil } = keyValidity(a, now);
  const keys: BundleKeyInput[] = [];
  const issuers = new Map<string, TrustIssuer>();
  for (const spec of a.all('issuer-key')) {
    const [issuer, file] = spec.split(/:(.*)/s, 2);
    if (!issuer || !file || !PROVINCES[issuer]) throw new UsageError(`--issuer-key wants PROVINCE-CODE:PUBFILE (known province code), got ${spec}`);
    keys.push({ issuer, jwk: parsePublicJwk(await readFile(file, 'utf8'), file), validFrom: keyFrom, validUntil: keyUntil });
    issuers.set(issuer, { id: issuer, kind: 'province', names: PROVINCES[issuer]! });
  }
  // Document signer certificates (EU DCC): key, validity and key usage come from the certificate.
  for (const spec of a.all('issuer-cert')) {
    const [cc, file] = spec.split(/:(.*)/s, 2);
    if (!cc || !file || !/^[A-Za-z]{2}$/.test(cc)) throw new UsageError(`--issuer-cert wants COUNTRY:CERTFILE (ISO 3166 alpha-2), got ${spec}`);
    const cert = await keyFromCertificate(new Uint8Array(await readFile(file)));
    if (!cert.ok) throw new Error(`${file}: ${cert.reason.code} ${cert.reason.detail ?? ''}`);
    const country = cc.toUpperCase();
    keys.push({ issuer: country, cert: cert.value });
    issuers.set(country, { id: country, kind: 'country', names: countryNames(country) });
  }
  if (keys.length === 0 && !a.has('empty')) throw new UsageError('at least one --issuer-key or --issuer-cert is needed (or --empty, to fill the bundle with import-dcc / import-jwks)');
  const version = a.one('version') ? parseNumber(a.one('version')!, '--version') : Math.floor(now.getTime() / 1000);
  if (!Number.isSafeInteger(version)) throw new UsageError('--version must be an integer');
  if (version > MAX_BUNDLE_VERSION) throw new UsageError(`--version must be at most 2^50 (${MAX_BUNDLE_VERSION}): a bundle above it has no room to grow, and gates refuse it`);
  // EU DCC value sets (JSON files as the DCC gateway publishes them): display names travel signed.
  const valueSetsDir = a.one('value-sets');
  const valueSets = valueSetsDir ? await readValueSets(valueSetsDir) : undefined;
  const freshness = updateFreshness(DEFAULT_FRESHNESS, freshnessFlags(a));
  const rollover = await updateRoots(undefined, { next: await readPublicRoots(a.all('next-root'), '--next-root'), retire: a.all('retire-root') });
  const b = buildBundle({
    ...(valueSets ? { valueSets } : {}),
    ...(a.has('demo') ? { demo: true } : {}),
    ...(rollover ? { roots: rollover } : {}),
    freshness,
    version,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + parseNumber(a.one('valid-days') ?? '30', '--valid-days') * DAY),
    issuers: [...issuers.values()],
    keys,
  });
  await writeBundleFile(out, await signChecked(b, roots));
  io.out(JSON.stringify({ out, version: b.version, issuers: issuers.size, keys: keys.length, expiresAt: b.expiresAt, signatures: roots.length }));
  return 0;
}

async function verify(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, ['root-pub']);
  const file = a.positional[0];
  if (!file) throw new UsageError('bundle verify needs a bundle file');
  if (a.all('root-pub').length === 0) throw new UsageError('--root-pub is required');
  const roots = await readPublicRoots(a.all('root-pub'), '--root-pub');
  const text = await readFile(file, 'utf8');
  const r = await verifyBundle(text, roots);
  if (!r.ok) {
    io.out(JSON.stringify({ valid: false, error: r.reason }));
    return 1;
  }
  const b = r.value;
  // External revocation sets sit next to the bundle, as a gate fetches them: each must match its pinned hash.
  const files: RevocationFiles = {};
  for (const l of b.revocations.lists)
    if (l.href !== undefined) {
      try {
        files[l.id] = new Uint8Array(await readFile(besideBundle(file, l.href)));
      } catch {
        /* reported as REVOCATION_UNAVAILABLE */
      }
    }
  const lists = await openRevocationLists(b, files);
  const summary = {
    version: b.version,
    issuedAt: b.issuedAt,
    expiresAt: b.expiresAt,
    issuers: b.issuers.length,
    keys: b.keys.length,
    ...(b.demo ? { demo: true } : {}),
    signers: decodeBundleText(text).signerKids,
    freshness: b.freshness,
    ...(b.roots ? { roots: { next: b.roots.next.map((n) => n.kid), retired: b.roots.retired } } : {}),
    revocations: b.revocations.lists.map((l) => ({ id: l.id, count: l.count, bytes: l.bytes, ...(l.href !== undefined ? { href: l.href } : { inline: true }) })),
  };
  if (!lists.ok) {
    io.out(JSON.stringify({ valid: false, error: lists.reason, ...summary }));
    return 1;
  }
  io.out(JSON.stringify({ valid: true, ...summary }));
  return 0;
}

async function readValueSets(dir: string) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  if (files.length === 0) throw new UsageError(`--value-sets: no JSON files in ${dir}`);
  return valueSetsFromFiles(await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')))));
}
