import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrustBundle } from '../core/trust/bundle.ts';
import { validateBundle } from '../core/trust/validate-bundle.ts';
import { issuerFor, mergeJwksKeys, onP256, PrivateKeyError, readJwks } from './import-jwks.ts';
import { generateKeyPair } from './keys.ts';
import { buildBundle } from './sign-bundle.ts';

/** The SMART Health Cards example issuer's JWKS, read at test time. */
const SHC_JWKS = fileURLToPath(new URL('../../../shared/vectors/shc/examples/issuer/.well-known/jwks.json', import.meta.url));
const SHC_ISS = 'https://spec.smarthealth.cards/examples/issuer';

let shc: { keys: Record<string, unknown>[] };
beforeAll(async () => {
  shc = JSON.parse(await readFile(SHC_JWKS, 'utf8'));
});

/** RFC 7638 thumbprint with node:crypto, independent of the code under test. */
const thumbprint = (k: Record<string, unknown>) => createHash('sha256').update(JSON.stringify({ crv: k.crv, kty: 'EC', x: k.x, y: k.y })).digest('base64url');
const text = (keys: unknown[]) => JSON.stringify({ keys });

describe('readJwks', () => {
  it('takes both keys of the SMART Health Cards example issuer: their kids are their RFC 7638 thumbprints', async () => {
    for (const k of shc.keys) expect(k.kid).toBe(thumbprint(k));
    const r = await readJwks(JSON.stringify(shc));
    expect(r.skipped).toEqual([]);
    expect(r.keys.map((k) => k.jwk.kid)).toEqual(shc.keys.map((k) => k.kid));
    // Only the key members are kept (no x5c, crlVersion, use).
    expect(Object.keys(r.keys[1]!.jwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'x', 'y']);
  });

  it('skips keys that are not ES256 P-256 signing keys named by their thumbprint', async () => {
    const [k] = shc.keys as [Record<string, unknown>];
    const other = (await generateKeyPair('ES256')).publicJwk;
    const r = await readJwks(
      text([
        { ...k, kid: 'not-the-thumbprint' },
        { ...k, alg: 'ES384' },
        { ...k, use: 'enc' },
        { ...k, crv: 'P-384' },
        { kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'r' },
        { ...k, y: k.x }, // off the curve
        'x',
        { kty: 'EC', crv: 'P-256', x: other.x, y: other.y }, // no kid
        k,
        k,
        { kty: 'EC', crv: 'P-256', x: other.x, y: other.y, kid: thumbprint(other as unknown as Record<string, unknown>) }, // no alg, no use: fine
      ]),
    );
    expect(r.keys.map((x) => x.index)).toEqual([8, 10]);
    expect(r.skipped.map((s) => [s.index, s.why])).toEqual([
      [0, expect.stringMatching(/kid not-the-thumbprint is not the key's RFC 7638 thumbprint 3Kfdg/)],
      [1, expect.stringMatching(/alg ES384/)],
      [2, expect.stringMatching(/use enc/)],
      [3, expect.stringMatching(/P-256/)],
      [4, expect.stringMatching(/P-256/)],
      [5, expect.stringMatching(/not a point on P-256/)],
      [6, expect.stringMatching(/not a JSON object/)],
      [7, expect.stringMatching(/kid \(none\)/)],
      [9, expect.stringMatching(/listed twice/)],
    ]);
  });

  it('refuses the whole file when any key carries private members', async () => {
    const root = await generateKeyPair('ES256', 'root');
    await expect(readJwks(text([...shc.keys, root.privateJwk]))).rejects.toThrow(PrivateKeyError);
    await expect(readJwks(text([{ kty: 'oct', k: 'c2VjcmV0' }]))).rejects.toThrow(/private key members \(k\)/);
    await expect(readJwks('{}')).rejects.toThrow(/keys/);
    await expect(readJwks('nope')).rejects.toThrow(/not JSON/);
  });

  it('checks points on P-256', () => {
    const x = Buffer.from(shc.keys[0]!.x as string, 'base64url');
    const y = Buffer.from(shc.keys[0]!.y as string, 'base64url');
    expect(onP256(x, y)).toBe(true);
    const y2 = Buffer.from(y);
    y2[31]! ^= 1;
    expect(onP256(x, y2)).toBe(false);
    expect(onP256(x.subarray(1), y)).toBe(false);
  });
});

describe('issuerFor', () => {
  it('knows https issuer URLs, provinces and countries', () => {
    expect(issuerFor(SHC_ISS)).toEqual({ id: SHC_ISS, kind: 'url', names: { 'zh-CN': 'spec.smarthealth.cards', en: 'spec.smarthealth.cards' } });
    expect(issuerFor(SHC_ISS, { en: 'SHC example' }).names).toEqual({ 'zh-CN': 'spec.smarthealth.cards', en: 'SHC example' });
    expect(issuerFor('440000')).toMatchObject({ kind: 'province', names: { en: 'Guangdong' } });
    expect(issuerFor('DE')).toMatchObject({ kind: 'country', names: { en: 'Germany' } });
    expect(() => issuerFor('http://example.org/iss')).toThrow(/https/);
    expect(() => issuerFor(`${SHC_ISS}/`)).toThrow(/must not end with/);
    expect(() => issuerFor(`${SHC_ISS}?a=1`)).toThrow(/query/);
    expect(() => issuerFor('somewhere')).toThrow(/neither/);
  });
});

describe('mergeJwksKeys', () => {
  it('adds the issuer and keys, replaces keys with the same kid, and renames on request', async () => {
    const now = new Date();
    const b: TrustBundle = buildBundle({ version: 1, issuedAt: now, expiresAt: new Date(now.getTime() + 86400_000), issuers: [], keys: [] });
    const { keys } = await readJwks(JSON.stringify(shc));
    const opts = { issuer: SHC_ISS, formats: ['shc'], kinds: ['vaccination' as const], validFrom: now, validUntil: new Date(now.getTime() + 86400_000) };
    expect(mergeJwksKeys(b, keys, opts)).toEqual({ added: 2, replaced: 0, issuerAdded: true, issuerRenamed: false });
    expect(b.keys[0]).toMatchObject({ issuer: SHC_ISS, kid: shc.keys[0]!.kid, formats: ['shc'], alg: 'ES256', kinds: ['vaccination'] });
    expect(b.keys[0]!.jwk).toEqual({ kty: 'EC', crv: 'P-256', x: shc.keys[0]!.x, y: shc.keys[0]!.y });
    expect(validateBundle(b).ok).toBe(true);
    expect(mergeJwksKeys(b, keys.slice(1), { ...opts, names: { 'zh-CN': '示例', en: 'Example' } })).toEqual({ added: 0, replaced: 1, issuerAdded: false, issuerRenamed: true });
    expect(b.keys).toHaveLength(2);
    expect(b.issuers).toEqual([{ id: SHC_ISS, kind: 'url', names: { 'zh-CN': '示例', en: 'Example' } }]);
  });
});
