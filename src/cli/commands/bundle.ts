import { readFile, writeFile } from 'node:fs/promises';
import { verifyBundle } from '../../core/trust/verify-bundle.ts';
import { parsePrivateJwk, parsePublicJwk, pinnedRootFrom } from '../../issuer/keys.ts';
import { PROVINCES } from '../../issuer/regions.ts';
import { buildBundle, signBundle, type BundleKeyInput } from '../../issuer/sign-bundle.ts';
import { countryNames } from '../../issuer/regions.ts';
import { keyFromCertificate } from '../../core/trust/x509.ts';
import { valueSetsFromFiles } from '../../core/formats/eu-dcc/index.ts';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrustIssuer } from '../../core/trust/bundle.ts';
import { parseArgs, parseNumber, parseTime, UsageError } from '../args.ts';

export const BUNDLE_USAGE =
  'bundle build --root-key FILE --out FILE (--issuer-key PROVINCE:PUBFILE | --issuer-cert CC:CERTFILE)…\n' +
  '             [--value-sets DIR] [--version N] [--valid-days N]\n' +
  '             [--key-valid-from ISO] [--key-valid-until ISO]\n' +
  '  bundle verify --root-pub FILE BUNDLE-FILE';

const DAY = 86400_000;

export async function bundle(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'build') return build(rest);
  if (sub === 'verify') return verify(rest);
  throw new UsageError(`unknown bundle command ${sub ?? ''}`);
}

async function build(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['root-key', 'out', 'issuer-key', 'issuer-cert', 'value-sets', 'version', 'valid-days', 'key-valid-from', 'key-valid-until']);
  const root = parsePrivateJwk(await readFile(a.req('root-key'), 'utf8'), '--root-key');
  const out = a.req('out');
  const now = new Date();
  // Defaults: keys trusted for codes signed from a week before this build to a year after.
  const keyFrom = a.one('key-valid-from') ? parseTime(a.one('key-valid-from')!, '--key-valid-from') : new Date(now.getTime() - 7 * DAY);
  const keyUntil = a.one('key-valid-until') ? parseTime(a.one('key-valid-until')!, '--key-valid-until') : new Date(now.getTime() + 365 * DAY);
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
  if (keys.length === 0) throw new UsageError('at least one --issuer-key or --issuer-cert is needed');
  const version = a.one('version') ? parseNumber(a.one('version')!, '--version') : Math.floor(now.getTime() / 1000);
  if (!Number.isSafeInteger(version)) throw new UsageError('--version must be an integer');
  // EU DCC value sets (JSON files as the DCC gateway publishes them): display names travel signed.
  const valueSetsDir = a.one('value-sets');
  const valueSets = valueSetsDir ? await readValueSets(valueSetsDir) : undefined;
  const b = buildBundle({
    ...(valueSets ? { valueSets } : {}),
    version,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + parseNumber(a.one('valid-days') ?? '30', '--valid-days') * DAY),
    issuers: [...issuers.values()],
    keys,
  });
  await writeFile(out, JSON.stringify(await signBundle(b, root), null, 2) + '\n');
  console.log(JSON.stringify({ out, version: b.version, issuers: issuers.size, keys: keys.length, expiresAt: b.expiresAt }));
  return 0;
}

async function verify(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['root-pub']);
  const file = a.positional[0];
  if (!file) throw new UsageError('bundle verify needs a bundle file');
  const root = pinnedRootFrom(parsePublicJwk(await readFile(a.req('root-pub'), 'utf8'), '--root-pub'));
  const r = await verifyBundle(await readFile(file, 'utf8'), [root]);
  if (!r.ok) {
    console.log(JSON.stringify({ valid: false, error: r.reason }));
    return 1;
  }
  const { version, issuedAt, expiresAt, issuers, keys } = r.value;
  console.log(JSON.stringify({ valid: true, version, issuedAt, expiresAt, issuers: issuers.length, keys: keys.length }));
  return 0;
}

async function readValueSets(dir: string) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  if (files.length === 0) throw new UsageError(`--value-sets: no JSON files in ${dir}`);
  return valueSetsFromFiles(await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')))));
}
