/**
 * `bundle import-did --bundle IN --root-key KEY… --out OUT DID-DOCUMENT.json…`: the keys W3C DID
 * documents publish. An issuer's own document (did:web, e.g. New Zealand's COVID Pass issuer) gives
 * its assertion keys as keys of the issuer the DID names; a WHO GDHCN trust list document gives its
 * document signer certificates (publicKeyJwk with x5c) as DSC entries, their chains checked against
 * the signing CAs the run's documents list. Every document is read and checked before the bundle is
 * opened: one doubtful document refuses the run (exit 1, nothing written).
 */
import { readFile } from 'node:fs/promises';
import type { CredentialKind } from '../../core/model/credential.ts';
import { defaultFormats } from '../../issuer/formats/registry.ts';
import { readGdhcn } from '../../issuer/gdhcn.ts';
import { mergeDscKeys } from '../../issuer/import-dcc.ts';
import { mergeDidKeys, readDidDocument, type DidDocumentRead } from '../../issuer/import-did.ts';
import { parseArgs, UsageError } from '../args.ts';
import type { Io } from '../io.ts';
import { EDIT_FLAGS, keyValidity, runEdit } from './bundle-common.ts';
import { JWKS_KEYS_FROM } from './bundle-import.ts';

/** What a DID issuer's key signs: passes (the issuer asserts the holder meets its rules; NZCP). */
const DID_KINDS: CredentialKind[] = ['pass'];

export async function importDid(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, [...EDIT_FLAGS, 'format', 'name-zh', 'name-en', 'key-valid-from', 'key-valid-until']);
  if (a.positional.length === 0) throw new UsageError('bundle import-did needs at least one DID-DOCUMENT.json');
  const names = { ...(a.one('name-zh') ? { 'zh-CN': a.one('name-zh')! } : {}), ...(a.one('name-en') ? { en: a.one('name-en')! } : {}) };
  const { keyFrom: givenFrom, keyUntil } = keyValidity(a, new Date());
  // A DID key carries no validity of its own and passes stay valid for years: by default it covers
  // every pass signed since before the first of them, as an imported JWKS key does.
  const keyFrom = a.one('key-valid-from') ? givenFrom : JWKS_KEYS_FROM;
  if (keyUntil <= keyFrom) throw new UsageError('--key-valid-until must be after --key-valid-from');

  // Read and check everything before touching the bundle (a refused document throws: exit 1).
  const docs: DidDocumentRead[] = [];
  for (const file of a.positional) docs.push(readDidDocument(file, await readFile(file, 'utf8')));
  const gdhcn = await readGdhcn(docs);
  const skipped = [...docs.flatMap((d) => d.skipped), ...gdhcn.skipped];
  const issuerDocs = docs.filter((d) => d.keys.length > 0);
  const dids = [...new Set(issuerDocs.map((d) => d.did))];
  if (Object.keys(names).length > 0 && dids.length !== 1)
    throw new UsageError(`--name-zh / --name-en name one DID's issuer; the documents give keys of ${dids.length} (${dids.join(', ') || 'none'})`);
  const formats = a.all('format').length ? a.all('format') : defaultFormats('did');
  if (issuerDocs.length > 0 && formats.length === 0) throw new Error('no format takes a DID issuer key by default; name one with --format');
  if (issuerDocs.length === 0 && gdhcn.dscs.length === 0) {
    io.out(JSON.stringify({ added: 0, replaced: 0, skipped }));
    io.err('gatecheck bundle import-did: no key could be imported; bundle not written');
    return 1;
  }
  const dscFormats = defaultFormats('dsc');
  const r = await runEdit(a, io, (draft) => {
    const did = mergeDidKeys(draft, issuerDocs, { formats, kinds: DID_KINDS, validFrom: keyFrom, validUntil: keyUntil, names });
    const dsc = mergeDscKeys(draft, gdhcn.dscs, dscFormats);
    return { added: did.added + dsc.added, replaced: did.replaced + dsc.replaced, issuersAdded: [...did.issuersAdded, ...dsc.issuersAdded], issuersRenamed: did.issuersRenamed };
  });
  io.out(
    JSON.stringify({
      out: r.out,
      version: r.bundle.version,
      ...r.report,
      keys: r.bundle.keys.length,
      ...(dids.length ? { dids } : {}),
      ...(gdhcn.dscs.length ? { dscs: gdhcn.dscs.map((d) => ({ country: d.country, kid: d.cert.kid })) } : {}),
      // Signing CAs only anchor the DSCs' chains; they are not put into the bundle.
      ...(gdhcn.cas.length ? { signingCas: gdhcn.cas.map((c) => ({ id: c.id, ...(c.country ? { country: c.country } : {}) })) } : {}),
      skipped,
      changes: r.changes,
    }),
  );
  return 0;
}
