/** `bundle import-csca`: country signing CA certificates (PEM or DER) as CA entries, for VDS-NC seals. */
import { readFile } from 'node:fs/promises';
import { checkDscCandidates, readDscFile, type DscCandidate, type ImportSkip } from '../../issuer/import-dcc.ts';
import { mergeCscaKeys, onlyCas } from '../../issuer/import-csca.ts';
import { defaultFormats } from '../../issuer/formats/registry.ts';
import { parseArgs, UsageError } from '../args.ts';
import type { Io } from '../io.ts';
import { EDIT_FLAGS, runEdit } from './bundle-common.ts';

export async function importCsca(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, [...EDIT_FLAGS, 'issuer', 'format']);
  if (a.positional.length === 0) throw new UsageError('bundle import-csca needs at least one PEM or DER file');
  const country = a.req('issuer').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new UsageError('--issuer wants an ISO 3166 alpha-2 country code');
  const candidates: DscCandidate[] = [];
  const skipped: ImportSkip[] = [];
  for (const file of a.positional) {
    const r = readDscFile(file, new Uint8Array(await readFile(file)), country);
    candidates.push(...r.candidates);
    skipped.push(...r.skipped);
  }
  const checked = await checkDscCandidates(candidates);
  const { cas, skipped: notCa } = onlyCas(checked.accepted);
  skipped.push(...checked.skipped, ...notCa);
  if (cas.length === 0) {
    io.out(JSON.stringify({ added: 0, replaced: 0, skipped }));
    io.err('gatecheck bundle import-csca: no CA certificate could be imported; bundle not written');
    return 1;
  }
  const formats = a.all('format').length ? a.all('format') : defaultFormats('csca');
  const r = await runEdit(a, io, (draft) => mergeCscaKeys(draft, cas, formats));
  io.out(JSON.stringify({ out: r.out, version: r.bundle.version, ...r.report, keys: r.bundle.keys.length, skipped, changes: r.changes }));
  return 0;
}
