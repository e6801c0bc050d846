/**
 * What the gate's own state does to verdicts: revoked codes, trust data past its age or expiry,
 * a suspect clock — each failing or warning as the signed bundle's freshness policy says.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCnCode, type CnCodeInput } from '../../issuer/formats/cn-hc/encode.ts';
import { sha256, toBase64Url, toHex } from '../encoding/bytes.ts';
import { indexBundle, type Trust } from '../trust/trust-index.ts';
import { verifyBundle } from '../trust/verify-bundle.ts';
import { DEFAULT_FRESHNESS, type Freshness, type RevocationListRef } from '../trust/bundle.ts';
import { buildRevocationSet } from '../trust/revocation/build-set.ts';
import { revocationHash } from '../trust/revocation/revocation-hash.ts';
import { openRevocationLists } from '../trust/revocation/open-lists.ts';
import { assessFreshness } from '../trust/freshness.ts';
import { generateKeyPair, pinnedRootFrom, type KeyPair } from '../../issuer/keys.ts';
import { PROVINCES } from '../../issuer/regions.ts';
import { buildBundle, signBundle } from '../../issuer/sign-bundle.ts';
import { verifyCode, type VerifyContext } from './run.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = new Date(Date.UTC(2026, 10, 24, 8, 0, 0));
const rel = (ms: number) => new Date(NOW.getTime() + ms);

let root: KeyPair;
let gd: KeyPair;
beforeAll(async () => {
  [root, gd] = await Promise.all([generateKeyPair('ES256', 'root'), generateKeyPair('ES256')]);
});

async function trustWith(o: { freshness?: Partial<Freshness>; revoked?: Uint8Array[]; issuedAt?: Date; expiresAt?: Date } = {}): Promise<Trust> {
  const revocations: RevocationListRef[] = [];
  if (o.revoked) {
    const set = buildRevocationSet(o.revoked);
    revocations.push({ id: 'revoked', count: o.revoked.length, bytes: set.length, sha256: toBase64Url(await sha256(set)), data: toBase64Url(set) });
  }
  const issuedAt = o.issuedAt ?? rel(-HOUR);
  const b = buildBundle({
    version: 3,
    issuedAt,
    expiresAt: o.expiresAt ?? new Date(issuedAt.getTime() + 30 * DAY),
    issuers: [{ id: '440000', kind: 'province', names: PROVINCES['440000']! }],
    keys: [{ issuer: '440000', jwk: gd.publicJwk, validFrom: rel(-60 * DAY), validUntil: rel(365 * DAY) }],
    freshness: { ...DEFAULT_FRESHNESS, ...o.freshness },
    revocations,
  });
  const v = await verifyBundle(JSON.stringify(await signBundle(b, root.privateJwk)), [pinnedRootFrom(root.publicJwk)]);
  if (!v.ok) throw new Error(v.reason.code);
  const sets = await openRevocationLists(v.value, {});
  if (!sets.ok) throw new Error(sets.reason.code);
  return indexBundle(v.value, sets.value);
}

const input = (over: Partial<CnCodeInput> = {}): CnCodeInput => ({
  issuer: '440000',
  codeId: crypto.getRandomValues(new Uint8Array(16)),
  issuedAt: rel(-10 * MIN),
  expiresAt: rel(24 * HOUR),
  status: 'green',
  holder: { name: '张小三', idTail: '123X', birthDate: '1990-05-17' },
  ...over,
});

async function judge(ctx: Partial<VerifyContext> & { trust: Trust }, over: Partial<CnCodeInput> = {}) {
  const text = (await encodeCnCode(input(over), gd)).text;
  return verifyCode(text, { now: NOW, ...ctx });
}
const codes = (rs: { code: string }[]) => rs.map((r) => r.code);

describe('REVOKED', () => {
  it('a code whose hashed id is in the bundle fails with REVOKED; its neighbours pass', async () => {
    const revokedId = crypto.getRandomValues(new Uint8Array(16));
    const trust = await trustWith({ revoked: [await revocationHash('440000', toHex(revokedId))] });
    const v = await judge({ trust }, { codeId: revokedId });
    expect(v.outcome).toBe('FAIL');
    expect(codes(v.reasons)).toEqual(['REVOKED']);
    expect(v.signatureVerified).toBe(true);
    expect((await judge({ trust })).outcome).toBe('PASS');
  });

  it('the same id under another issuer is not revoked (ids are scoped by issuer)', async () => {
    const id = crypto.getRandomValues(new Uint8Array(16));
    const trust = await trustWith({ revoked: [await revocationHash('310000', toHex(id))] });
    expect((await judge({ trust }, { codeId: id })).outcome).toBe('PASS');
  });
});

describe('TRUST_STALE', () => {
  it('past the signed expiresAt: FAIL even when the bundle says stale only warns', async () => {
    const trust = await trustWith({ issuedAt: rel(-31 * DAY), expiresAt: rel(-DAY), freshness: { onStale: 'warn' } });
    const v = await judge({ trust });
    expect(codes(v.reasons)).toEqual(['TRUST_STALE']);
  });

  it('past max age since last confirmation, onStale=fail: FAIL', async () => {
    const trust = await trustWith({ issuedAt: rel(-10 * DAY) });
    const v = await judge({ trust, trustMeta: { confirmedAt: rel(-(3 * DAY + MIN)).toISOString() } });
    expect(codes(v.reasons)).toEqual(['TRUST_STALE']);
    expect(v.trust?.level).toBe('stale');
  });

  it('past max age, onStale=warn: PASS with a TRUST_STALE warning', async () => {
    const trust = await trustWith({ issuedAt: rel(-10 * DAY), freshness: { onStale: 'warn' } });
    const v = await judge({ trust, trustMeta: { confirmedAt: rel(-4 * DAY).toISOString() } });
    expect(v.outcome).toBe('PASS');
    expect(codes(v.warnings)).toEqual(['TRUST_STALE']);
  });

  it('a recent confirmation keeps an old bundle fresh; exactly at max age is not yet stale', async () => {
    const trust = await trustWith({ issuedAt: rel(-10 * DAY) });
    expect((await judge({ trust, trustMeta: { confirmedAt: rel(-HOUR).toISOString() } })).outcome).toBe('PASS');
    expect((await judge({ trust, trustMeta: { confirmedAt: rel(-3 * DAY).toISOString() } })).outcome).toBe('PASS');
    // Never fetched (a sideloaded file): the age counts from issuedAt.
    expect(codes((await judge({ trust })).reasons)).toEqual(['TRUST_STALE']);
  });

  it('freshness levels: fresh, warn (amber), stale, expired', async () => {
    const trust = await trustWith({ issuedAt: rel(-10 * DAY) });
    const at = (ago: number) => assessFreshness(trust.bundle, NOW, rel(-ago).toISOString()).level;
    expect([at(HOUR), at(DAY + MIN), at(3 * DAY + MIN)]).toEqual(['fresh', 'warn', 'stale']);
    expect(assessFreshness(trust.bundle, rel(21 * DAY), rel(21 * DAY).toISOString()).level).toBe('expired');
  });
});

describe('CLOCK_SUSPECT', () => {
  it('device time before the bundle was issued: a warning by default', async () => {
    const trust = await trustWith({ issuedAt: rel(HOUR) });
    const v = await judge({ trust }, { issuedAt: rel(-20 * MIN) });
    expect(v.outcome).toBe('PASS');
    expect(codes(v.warnings)).toEqual(['CLOCK_SUSPECT']);
    expect(v.warnings[0]!.detail).toContain('before the trust bundle');
  });

  it('a clock set back behind the latest time seen, with onClockSuspect=fail: FAIL', async () => {
    const trust = await trustWith({ freshness: { onClockSuspect: 'fail' } });
    const v = await judge({ trust, trustMeta: { clock: { latestSeen: rel(2 * DAY).toISOString() } } });
    expect(codes(v.reasons)).toEqual(['CLOCK_SUSPECT']);
  });

  it("a clock that disagreed with the server's Date at the last fetch", async () => {
    const trust = await trustWith();
    const ok = await judge({ trust, trustMeta: { clock: { httpDate: rel(-HOUR + 30_000).toISOString(), httpDateSeenAt: rel(-HOUR).toISOString() } } });
    expect(ok.warnings).toEqual([]);
    const off = await judge({ trust, trustMeta: { clock: { httpDate: rel(-3 * HOUR).toISOString(), httpDateSeenAt: rel(-HOUR).toISOString() } } });
    expect(codes(off.warnings)).toEqual(['CLOCK_SUSPECT']);
  });

  it('input that never reaches a credential still carries the trust-state reasons', async () => {
    const trust = await trustWith({ issuedAt: rel(-31 * DAY), expiresAt: rel(-DAY) });
    const v = await verifyCode('not a code', { trust, now: NOW });
    expect(codes(v.reasons)).toEqual(['UNSUPPORTED_FORMAT', 'TRUST_STALE']);
  });
});
