import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_ID as SHC_FORMAT } from '../core/formats/shc/constants.ts';
import type { TrustBundle } from '../core/trust/bundle.ts';
import { validateBundle } from '../core/trust/validate-bundle.ts';
import { issuerFor, mergeJwksKeys, onP256, PrivateKeyError, readJwks, X5cError } from './import-jwks.ts';
import { generateKeyPair } from './keys.ts';
import { makeCertificate } from './make-certificate.ts';
import { buildBundle } from './sign-bundle.ts';
import { requireShared } from '../../test/support/shared.ts';

/** The SMART Health Cards example issuer's JWKS, read at test time. */
const SHC_JWKS = requireShared('vectors/shc/examples/issuer/.well-known/jwks.json', "the SMART Health Cards spec's example issuer JWKS");
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

  describe('x5c (issue 17, item 10): a certificate chain that comes with a key must be that key and hold together', () => {
    /** The example key with a certificate chain (leaf, CA, root). */
    const chained = () => structuredClone(shc.keys[1]!) as Record<string, unknown> & { x5c: string[] };
    const flip = (b64: string, from: number) => {
      const der = Buffer.from(b64, 'base64');
      der[der.length - from]! ^= 0x01;
      return der.toString('base64');
    };

    it('accepts the example chain, and a chain that stops below the root', async () => {
      const k = chained();
      expect((await readJwks(text([k]))).keys).toHaveLength(1);
      expect((await readJwks(text([{ ...k, x5c: k.x5c.slice(0, 2) }]))).keys).toHaveLength(1);
      expect((await readJwks(text([{ ...k, x5c: k.x5c.slice(0, 1) }]))).keys).toHaveLength(1);
    });

    it('refuses the file when the leaf certificate holds another key than the JWK', async () => {
      const other = (await generateKeyPair('ES256')).publicJwk;
      const k: Record<string, unknown> = { ...chained(), x: other.x, y: other.y };
      k.kid = thumbprint(k);
      await expect(readJwks(text([shc.keys[0], k]))).rejects.toThrow(X5cError);
      await expect(readJwks(text([shc.keys[0], k]))).rejects.toThrow(/JWKS key 1 .*x5c.*leaf certificate.*not this key/);
      // The CA certificate first (a P-384 key): not the JWK either.
      const caFirst = { ...chained(), x5c: chained().x5c.slice(1) };
      await expect(readJwks(text([caFirst]))).rejects.toThrow(/leaf certificate/);
    });

    it('refuses the file when the chain is broken: a link skipped, a signature altered, a certificate that does not parse', async () => {
      const k = chained();
      const [leaf, ca, root] = k.x5c as [string, string, string];
      await expect(readJwks(text([{ ...k, x5c: [leaf, root] }]))).rejects.toThrow(/x5c\[0\] is not issued by x5c\[1\]/);
      await expect(readJwks(text([{ ...k, x5c: [flip(leaf, 3), ca, root] }]))).rejects.toThrow(/x5c\[0\] is not issued by x5c\[1\]/);
      await expect(readJwks(text([{ ...k, x5c: [leaf, flip(ca, 3), root] }]))).rejects.toThrow(/x5c\[1\] is not issued by x5c\[2\]/);
      await expect(readJwks(text([{ ...k, x5c: [leaf, ca, flip(root, 3)] }]))).rejects.toThrow(/x5c\[2\].*self-signed.*does not verify/);
      await expect(readJwks(text([{ ...k, x5c: [leaf, 'bm90IGEgY2VydA=='] }]))).rejects.toThrow(/x5c\[1\] is not an X.509 certificate/);
      await expect(readJwks(text([{ ...k, x5c: [] }]))).rejects.toThrow(/x5c/);
      await expect(readJwks(text([{ ...k, x5c: leaf }]))).rejects.toThrow(/x5c/);
      await expect(readJwks(text([{ ...k, x5c: [leaf.replace(/\+/g, '-')] }]))).rejects.toThrow(/base64/);
    });

    it('refuses a chain whose issuing certificate is not a CA (names and signature agree otherwise)', async () => {
      const jwksWith = async (ca: boolean) => {
        const issuerKeys = await generateKeyPair('ES256');
        const leafKeys = await generateKeyPair('ES256');
        const issuerName = { country: 'US', commonName: 'Example issuing certificate' };
        const me = { subject: issuerName, privateJwk: issuerKeys.privateJwk, publicJwk: issuerKeys.publicJwk };
        const from = new Date('2021-01-01T00:00:00Z');
        const until = new Date('2031-01-01T00:00:00Z');
        const issuerCert = await makeCertificate({ subject: issuerName, publicJwk: issuerKeys.publicJwk, notBefore: from, notAfter: until, ca }, me);
        const leafCert = await makeCertificate({ subject: { country: 'US', commonName: 'Example issuer' }, publicJwk: leafKeys.publicJwk, notBefore: from, notAfter: until }, me);
        const k: Record<string, unknown> = { kty: 'EC', crv: 'P-256', x: leafKeys.publicJwk.x, y: leafKeys.publicJwk.y, x5c: [leafCert, issuerCert].map((d) => Buffer.from(d).toString('base64')) };
        k.kid = thumbprint(k);
        return text([k]);
      };
      expect((await readJwks(await jwksWith(true))).keys).toHaveLength(1);
      await expect(readJwks(await jwksWith(false))).rejects.toThrow(/x5c\[0\] is not issued by x5c\[1\]/);
    });
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
    const opts = { issuer: SHC_ISS, formats: [SHC_FORMAT], kinds: ['vaccination' as const], validFrom: now, validUntil: new Date(now.getTime() + 86400_000) };
    expect(mergeJwksKeys(b, keys, opts)).toEqual({ added: 2, replaced: 0, issuerAdded: true, issuerRenamed: false });
    expect(b.keys[0]).toMatchObject({ issuer: SHC_ISS, kid: shc.keys[0]!.kid, formats: [SHC_FORMAT], alg: 'ES256', kinds: ['vaccination'] });
    expect(b.keys[0]!.jwk).toEqual({ kty: 'EC', crv: 'P-256', x: shc.keys[0]!.x, y: shc.keys[0]!.y });
    expect(validateBundle(b).ok).toBe(true);
    expect(mergeJwksKeys(b, keys.slice(1), { ...opts, names: { 'zh-CN': '示例', en: 'Example' } })).toEqual({ added: 0, replaced: 1, issuerAdded: false, issuerRenamed: true });
    expect(b.keys).toHaveLength(2);
    expect(b.issuers).toEqual([{ id: SHC_ISS, kind: 'url', names: { 'zh-CN': '示例', en: 'Example' } }]);
  });
});
