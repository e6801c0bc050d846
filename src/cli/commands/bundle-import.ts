/** `bundle import-dcc` (EU DCC document signer certificates) and `bundle import-jwks` (issuer JWKS, e.g. SMART Health Cards). */
import { readFile } from 'node:fs/promises';
import type { CredentialKind } from '../../core/model/credential.ts';
import { checkDscCandidates, detectDscFile, mergeDscKeys, readDscFile, type DscCandidate, type ImportSkip } from '../../issuer/import-dcc.ts';
import { issuerFor, mergeJwksKeys, readJwks } from '../../issuer/import-jwks.ts';
import { defaultFormats } from '../../issuer/formats/registry.ts';
import { parseArgs, UsageError } from '../args.ts';
import type { Io } from '../io.ts';
import { EDIT_FLAGS, keyValidity, runEdit } from './bundle-common.ts';

export async function importDcc(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, [...EDIT_FLAGS, 'country', 'format']);
  if (a.positional.length === 0) throw new UsageError('bundle import-dcc needs at least one FILE');
  const country = a.one('country')?.toUpperCase();
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) throw new UsageError('--country wants an ISO 3166 alpha-2 code');
  // Read and check everything before touching the bundle.
  const candidates: DscCandidate[] = [];
  const skipped: ImportSkip[] = [];
  for (const file of a.positional) {
    const bytes = new Uint8Array(await readFile(file));
    const kind = detectDscFile(bytes);
    if ((kind === 'pem' || kind === 'der') && !country) throw new UsageError(`${file} is a ${kind.toUpperCase()} certificate file: --country is required`);
    const r = readDscFile(file, bytes, country);
    candidates.push(...r.candidates);
    skipped.push(...r.skipped);
  }
  const checked = await checkDscCandidates(candidates);
  skipped.push(...checked.skipped);
  if (checked.accepted.length === 0) {
    io.out(JSON.stringify({ added: 0, replaced: 0, skipped }));
    io.err('gatecheck bundle import-dcc: no certificate could be imported; bundle not written');
    return 1;
  }
  const formats = a.all('format').length ? a.all('format') : defaultFormats('dsc');
  const r = await runEdit(a, io, (draft) => mergeDscKeys(draft, checked.accepted, formats));
  io.out(JSON.stringify({ out: r.out, version: r.bundle.version, ...r.report, keys: r.bundle.keys.length, skipped, changes: r.changes }));
  return 0;
}

const KINDS: CredentialKind[] = ['health-status', 'test', 'vaccination', 'recovery'];
/** Default start of an imported JWKS key's validity: before the first SMART Health Card (2021). */
export const JWKS_KEYS_FROM = new Date('2020-01-01T00:00:00Z');

export async function importJwks(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, [...EDIT_FLAGS, 'issuer', 'name-zh', 'name-en', 'format', 'kinds', 'key-valid-from', 'key-valid-until']);
  const file = a.positional[0];
  if (!file || a.positional.length > 1) throw new UsageError('bundle import-jwks needs exactly one JWKS file');
  const issuer = a.req('issuer');
  const names = { ...(a.one('name-zh') ? { 'zh-CN': a.one('name-zh')! } : {}), ...(a.one('name-en') ? { en: a.one('name-en')! } : {}) };
  try {
    issuerFor(issuer, names);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const kinds = a.all('kinds').length
    ? [...new Set(a.all('kinds').flatMap((k) => k.split(',')).map((k) => k.trim()).filter(Boolean))]
    : (['vaccination', 'test', 'recovery'] as CredentialKind[]);
  for (const k of kinds) if (!KINDS.includes(k as CredentialKind)) throw new UsageError(`--kinds: ${k} is not one of ${KINDS.join(', ')}`);
  const formats = a.all('format').length ? a.all('format') : defaultFormats('jwks');
  const { keyFrom: defaultFrom, keyUntil } = keyValidity(a, new Date());
  // A JWKS key has no validity of its own and SMART Health Cards stay valid for years: by default
  // the key covers every card signed since before the framework existed, not only last week's.
  const keyFrom = a.one('key-valid-from') ? defaultFrom : JWKS_KEYS_FROM;
  if (keyUntil <= keyFrom) throw new UsageError('--key-valid-until must be after --key-valid-from');
  // A file with a private key is refused before the bundle is even opened (PrivateKeyError).
  const jwks = await readJwks(await readFile(file, 'utf8'));
  if (jwks.keys.length === 0) {
    io.out(JSON.stringify({ added: 0, replaced: 0, skipped: jwks.skipped }));
    io.err('gatecheck bundle import-jwks: no key could be imported; bundle not written');
    return 1;
  }
  const r = await runEdit(a, io, (draft) =>
    mergeJwksKeys(draft, jwks.keys, { issuer, names, formats, kinds: kinds as CredentialKind[], validFrom: keyFrom, validUntil: keyUntil }),
  );
  // Keys with a revocation list: the operator adds its rids with `bundle revoke` (docs/formats/shc.md).
  const crl = jwks.keys.filter((k) => k.crlVersion !== undefined).map((k) => ({ kid: k.jwk.kid, crlVersion: k.crlVersion }));
  io.out(JSON.stringify({ out: r.out, version: r.bundle.version, issuer, ...r.report, keys: r.bundle.keys.length, skipped: jwks.skipped, ...(crl.length ? { crl } : {}), changes: r.changes }));
  return 0;
}
