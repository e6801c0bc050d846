/**
 * `bundle import-csca` through the CLI's entry (in-process, test/support/cli.ts): a country signing CA of our own
 * (PEM) into an empty bundle, then a VDS-NC seal whose signer certificate it issued verifies with
 * `gatecheck verify`; a barcode signer certificate (not a CA) is refused. The same with the
 * published CSCAs of Australia (RSA-4096) and Japan (P-384 with explicit EC parameters) and their
 * specimen seals (test/support/vds-nc-samples.ts: required, never skipped).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { runCli } from './support/cli.ts';
import { VDS_NC_SAMPLES, vdsNcSample, type VdsNcSampleFile } from './support/vds-nc-samples.ts';
import { generateKeyPair } from '../src/issuer/keys.ts';
import { makeSealIssuer, negativeTestSealData } from '../src/issuer/formats/vds-nc/issue.ts';
import { signSeal } from '../src/issuer/formats/vds-nc/encode.ts';

const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'gatecheck-cli-csca-'));
  const root = await generateKeyPair('ES256', 'root');
  await writeFile(join(home, 'root.jwk'), JSON.stringify(root.privateJwk));
  await writeFile(join(home, 'root.pub.jwk'), JSON.stringify(root.publicJwk));
});
afterAll(() => rm(home, { recursive: true, force: true }));

/**
 * Imports `cscaFile` for `country`, verifies each seal against the result (PASS, or a verified
 * seal failing with `reasons`), then offers the first seal's own signer certificate as a CA.
 */
async function importVerifyRefuse(cscaFile: string, country: string, seals: (string | { seal: string; reasons: string[] })[]) {
  const p = (f: string) => join(home, f);
  const built = await runCli(home, ['bundle', 'build', '--root-key', p('root.jwk'), '--out', p('b0.json'), '--empty']);
  expect(built.code, built.stderr).toBe(0);
  const imported = await runCli(home, ['bundle', 'import-csca', '--bundle', p('b0.json'), '--root-key', p('root.jwk'), '--out', p('b1.json'), '--issuer', country, cscaFile]);
  expect(imported.code, imported.stderr).toBe(0);
  expect(JSON.parse(imported.stdout)).toMatchObject({ added: 1, issuersAdded: [country] });
  const payload = JSON.parse(Buffer.from(JSON.parse(await readFile(p('b1.json'), 'utf8')).payload, 'base64url').toString('utf8'));
  expect(payload.keys).toMatchObject([{ issuer: country, role: 'ca', formats: ['vds-nc'] }]);

  for (const entry of seals) {
    const { seal, reasons } = typeof entry === 'string' ? { seal: entry, reasons: [] } : entry;
    // The seal as it is published (pretty-printed over many lines, or in a one-element array) on standard input.
    const v = await runCli(home, ['verify', '--bundle', p('b1.json'), '--root-pub', p('root.pub.jwk'), '-'], seal);
    expect(v.stdout, v.stderr).not.toBe('');
    const verdict = JSON.parse(v.stdout);
    expect(verdict, seal.slice(0, 80)).toMatchObject({ outcome: reasons.length ? 'FAIL' : 'PASS', format: 'vds-nc', signatureVerified: true, credential: { issuer: { id: country } } });
    expect(verdict.reasons.map((r: { code: string }) => r.code), seal.slice(0, 80)).toEqual(reasons);
    expect(v.code).toBe(reasons.length ? 1 : 0);
  }

  // The seal's barcode signer certificate is no CA: refused, the bundle is not written.
  const firstEntry = seals[0]!;
  const first = JSON.parse(typeof firstEntry === 'string' ? firstEntry : firstEntry.seal);
  await writeFile(p('bsc.der'), Buffer.from((Array.isArray(first) ? first[0] : first).sig.cer, 'base64url'));
  const refused = await runCli(home, ['bundle', 'import-csca', '--bundle', p('b1.json'), '--root-key', p('root.jwk'), '--out', p('b2.json'), '--issuer', country, p('bsc.der')]);
  expect(refused.code).toBe(1);
  expect(JSON.parse(refused.stdout).skipped[0].why).toMatch(/not a CA/);
}

const samples = (...files: VdsNcSampleFile[]) => files.map((f) => vdsNcSample(f));

describe('bundle import-csca', () => {
  it('imports our own CSCA (PEM) as a CA entry; a seal it chains to verifies; its signer certificate is refused as a CA', { timeout: 120_000 }, async () => {
    const now = new Date();
    const ut = await makeSealIssuer({ country: 'NZ', now });
    await writeFile(join(home, 'csca-nz.pem'), pem(ut.csca.der));
    const seal = await signSeal(negativeTestSealData({ state: 'NZL', id: 'NZ0000000007', now }), ut.signer);
    await importVerifyRefuse(join(home, 'csca-nz.pem'), 'NZ', [seal]);
  });
  it("imports Australia's published CSCA (RSA-4096); its three specimen seals verify", { timeout: 120_000 }, async () => {
    // The one-dose seal (-2) verifies too, but states no series length: no evidence (issue 17, item 7; docs/formats/vds-nc.md).
    const [one, two, three] = samples('aus-specimen-vacc-1.json', 'aus-specimen-vacc-2.json', 'aus-specimen-vacc-3.json');
    await importVerifyRefuse(join(VDS_NC_SAMPLES, 'aus-csca.pem'), 'AU', [one!, { seal: two!, reasons: ['NO_QUALIFYING_EVIDENCE'] }, three!]);
  });
  it("imports Japan's published CSCA (P-384 with explicit EC parameters); its specimen verifies as published (in an array) and unwrapped", { timeout: 120_000 }, async () => {
    await importVerifyRefuse(join(VDS_NC_SAMPLES, 'jpn-csca.pem'), 'JP', samples('jpn-specimen-vacc-1.json', 'jpn-specimen-vacc-1.object.json'));
  });
});
