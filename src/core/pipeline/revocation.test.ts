/**
 * The revocation lookup of verifyCode (run.ts): the code id in its format's canonical form, under
 * the issuer of the signing key, with the issue time for timed entries (docs/revocation.md).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, type KeyPair } from '../../issuer/keys.ts';
import { hashRevocationIds, revocationListRef, revokeInto } from '../../issuer/revoke.ts';
import { buildBundle } from '../../issuer/sign-bundle.ts';
import { encodeCnCode } from '../../issuer/formats/cn-hc/encode.ts';
import type { TrustBundle } from '../trust/bundle.ts';
import { buildRevocationSet } from '../trust/revocation/build-set.ts';
import { openRevocationLists } from '../trust/revocation/open-lists.ts';
import { openRevocationSet } from '../trust/revocation/read-set.ts';
import { revocationHash } from '../trust/revocation/revocation-hash.ts';
import { indexBundle, type Trust } from '../trust/trust-index.ts';
import { keyFromCertificate } from '../trust/x509.ts';
import { verifyCode } from './run.ts';
import { requireShared } from '../../../test/support/shared.ts';

const DE = JSON.parse(readFileSync(requireShared('vectors/eu-dcc/DE/2DCode/raw/1.json', 'the EU DCC test suite: a DE vaccination DCC'), 'utf8'));
const DE_AT = new Date(DE.TESTCTX.VALIDATIONCLOCK);
/** The vector's ci is URN:UVCI:01DE/IZ12345A/5CWLU12RNOB9RXSEOP6FG8#W. */
const DE_CI = DE.JSON.v[0].ci as string;

let deBundle: TrustBundle;
let gd: KeyPair;
let cnBundle: TrustBundle;
const NOW = new Date();

beforeAll(async () => {
  const cert = await keyFromCertificate(DE.TESTCTX.CERTIFICATE);
  if (!cert.ok) throw new Error(cert.reason.code);
  deBundle = buildBundle({
    version: 1,
    issuedAt: new Date(DE_AT.getTime() - 3600_000),
    expiresAt: new Date(DE_AT.getTime() + 30 * 86400_000),
    issuers: [{ id: 'DE', kind: 'country', names: { 'zh-CN': '德国', en: 'Germany' } }],
    keys: [{ issuer: 'DE', cert: cert.value }],
  });
  gd = await generateKeyPair('ES256');
  cnBundle = buildBundle({
    version: 1,
    issuedAt: new Date(NOW.getTime() - 3600_000),
    expiresAt: new Date(NOW.getTime() + 86400_000),
    issuers: [{ id: '440000', kind: 'province', names: { 'zh-CN': '广东省', en: 'Guangdong' } }],
    keys: [{ issuer: '440000', jwk: gd.publicJwk, validFrom: new Date(NOW.getTime() - 86400_000), validUntil: new Date(NOW.getTime() + 86400_000) }],
  });
});

/** The bundle with one list holding these ids, put in the way `bundle revoke` does and opened the way a gate does. */
async function trustRevoking(bundle: TrustBundle, issuer: string, format: string, ids: string[]): Promise<Trust> {
  const hashed = await hashRevocationIds(issuer, format, ids);
  const r = revokeInto(undefined, hashed.keys.values(), { timed: hashed.timed });
  const b = { ...bundle, revocations: { lists: [await revocationListRef('revoked', r.bytes, r.set.count, 'inline', r.timedTable)] } };
  const sets = await openRevocationLists(b, {});
  if (!sets.ok) throw new Error(sets.reason.detail);
  return indexBundle(b, sets.value);
}

const reasons = async (text: string, trust: Trust, now: Date) => (await verifyCode(text, { trust, now })).reasons.map((r) => r.code);

describe('revocation lookup: one canonical form per format', () => {
  it('an EU DCC is revoked whatever way its UVCI was written when revoked', async () => {
    expect(await reasons(DE.PREFIX, indexBundle(deBundle), DE_AT)).not.toContain('REVOKED');
    for (const id of [DE_CI, '01DE/IZ12345A/5CWLU12RNOB9RXSEOP6FG8', 'urn:uvci:01de/iz12345a/5cwlu12rnob9rxseop6fg8#w'])
      expect(await reasons(DE.PREFIX, await trustRevoking(deBundle, 'DE', 'eu-dcc', [id]), DE_AT), id).toContain('REVOKED');
    expect(await reasons(DE.PREFIX, await trustRevoking(deBundle, 'DE', 'eu-dcc', ['01DE/IZ12345A/5CWLU12RNOB9RXSEOP6FG9']), DE_AT)).not.toContain('REVOKED');
  });

  it('a set built before canonical forms (the UVCI hashed exactly as the certificate writes it) still revokes', async () => {
    const set = openRevocationSet(buildRevocationSet([await revocationHash('DE', DE_CI)]));
    if (!set.ok) throw new Error(set.reason.detail);
    expect(await reasons(DE.PREFIX, indexBundle(deBundle, [set.value]), DE_AT)).toContain('REVOKED');
  });

  it('a CN code id revoked in upper-case hex revokes the code', async () => {
    const cti = crypto.getRandomValues(new Uint8Array(16));
    const code = await encodeCnCode(
      { issuer: '440000', codeId: cti, issuedAt: new Date(NOW.getTime() - 60_000), expiresAt: new Date(NOW.getTime() + 3600_000), status: 'green', holder: { name: '张小三' } },
      { alg: gd.alg, kid: gd.kid, privateJwk: gd.privateJwk },
    );
    expect(await reasons(code.text, indexBundle(cnBundle), NOW)).toEqual([]);
    expect(await reasons(code.text, await trustRevoking(cnBundle, '440000', 'cn-hc', [Buffer.from(cti).toString('hex').toUpperCase()]), NOW)).toEqual(['REVOKED']);
  });
});
