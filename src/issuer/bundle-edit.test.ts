import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, fromUtf8 } from '../core/encoding/bytes.ts';
import type { TrustBundle } from '../core/trust/bundle.ts';
import { verifyBundle } from '../core/trust/verify-bundle.ts';
import { bumpBundle, decodeBundleText, editBundle, nextVersion, openForEdit, openForSign, rootPublic, signChecked, updateFreshness, updateRoots } from './bundle-edit.ts';
import { generateKeyPair, pinnedRootFrom, type KeyPair } from './keys.ts';
import { buildBundle, signBundle, signPayload } from './sign-bundle.ts';

const DAY = 86400_000;
const NOW = new Date(Date.UTC(2026, 0, 10, 8, 0, 0));

let root: KeyPair;
let next: KeyPair;
let stranger: KeyPair;
let bundle: TrustBundle;
let signedText: string;

beforeAll(async () => {
  [root, next, stranger] = await Promise.all([generateKeyPair('ES256', 'root'), generateKeyPair('ES256', 'root'), generateKeyPair('ES256', 'root')]);
  const gd = await generateKeyPair('ES256');
  bundle = buildBundle({
    version: 100,
    issuedAt: NOW,
    expiresAt: new Date(NOW.getTime() + 10 * DAY),
    issuers: [{ id: '440000', kind: 'province', names: { 'zh-CN': '广东省', en: 'Guangdong' } }],
    keys: [{ issuer: '440000', jwk: gd.publicJwk, validFrom: NOW, validUntil: new Date(NOW.getTime() + 365 * DAY) }],
  });
  signedText = JSON.stringify(await signBundle(bundle, root.privateJwk));
});

const payloadOf = (text: string) => JSON.parse(fromUtf8(fromBase64Url(JSON.parse(text).payload))) as TrustBundle;

describe('version and validity', () => {
  it('the next version is Unix seconds now, but always above the old one', () => {
    const nowSecs = Math.floor(NOW.getTime() / 1000);
    expect(nextVersion(100, NOW)).toBe(nowSecs);
    expect(nextVersion(nowSecs, NOW)).toBe(nowSecs + 1);
    expect(nextVersion(nowSecs + 5000, NOW)).toBe(nowSecs + 5001); // the clock is behind the last bundle
  });

  it('bump sets issuedAt to now and keeps the validity length, leaving the original alone', () => {
    const later = new Date(NOW.getTime() + 3 * DAY + 1234);
    const b = bumpBundle(bundle, later);
    expect(b.version).toBe(Math.floor(later.getTime() / 1000));
    expect(b.issuedAt).toBe(later.toISOString());
    expect(Date.parse(b.expiresAt) - Date.parse(b.issuedAt)).toBe(10 * DAY);
    expect(bundle.version).toBe(100);
    expect(b.keys).not.toBe(bundle.keys);
  });
});

describe('editBundle', () => {
  it('verifies, bumps, edits and re-signs; twice in the same second still increases the version', async () => {
    const first = await editBundle(signedText, { roots: [root.privateJwk], now: NOW }, (d) => {
      d.issuers.push({ id: 'DE', kind: 'country', names: { 'zh-CN': '德国', en: 'Germany' } });
      return 'edited';
    });
    expect(first.report).toBe('edited');
    expect(first.before.version).toBe(100);
    const second = await editBundle(JSON.stringify(first.file), { roots: [root.privateJwk], now: NOW }, () => null);
    expect(second.bundle.version).toBe(first.bundle.version + 1);
    expect(second.bundle.issuers.map((i) => i.id)).toEqual(['440000', 'DE']);
    const v = await verifyBundle(JSON.stringify(second.file), [pinnedRootFrom(root.publicJwk)]);
    expect(v.ok).toBe(true);
  });

  it('refuses a bundle the signing root did not sign, unless --trust-root names its signer', async () => {
    await expect(editBundle(signedText, { roots: [stranger.privateJwk] }, () => null)).rejects.toThrow(/does not verify.*BUNDLE_UNKNOWN_ROOT.*signed by/);
    const moved = await editBundle(signedText, { roots: [stranger.privateJwk], trust: [pinnedRootFrom(root.publicJwk)] }, () => null);
    expect(decodeBundleText(JSON.stringify(moved.file)).signerKids).toEqual([stranger.kid]);
  });

  it('refuses a tampered bundle and an edit that breaks the bundle', async () => {
    const file = JSON.parse(signedText);
    const p = payloadOf(signedText);
    p.version = 101;
    file.payload = Buffer.from(JSON.stringify(p)).toString('base64url');
    await expect(openForEdit(JSON.stringify(file), [rootPublic(root.privateJwk)])).rejects.toThrow(/BUNDLE_SIGNATURE_INVALID/);
    await expect(
      editBundle(signedText, { roots: [root.privateJwk] }, (d) => {
        d.keys[0]!.issuer = 'nowhere';
      }),
    ).rejects.toThrow(/invalid/);
    await expect(
      editBundle(signedText, { roots: [root.privateJwk] }, (d) => {
        d.version = 100;
      }),
    ).rejects.toThrow(/does not increase/);
  });
});

describe('signing with several roots', () => {
  it('gives one signature per root, each verifying alone; a root given twice signs once', async () => {
    const file = await signChecked(bundle, [root.privateJwk, next.privateJwk, root.privateJwk]);
    expect(file.signatures).toHaveLength(2);
    for (const r of [root, next]) {
      const alone = { payload: file.payload, signatures: file.signatures.filter((s) => JSON.parse(fromUtf8(fromBase64Url(s.protected))).kid === r.kid) };
      expect(alone.signatures).toHaveLength(1);
      expect((await verifyBundle(JSON.stringify(alone), [pinnedRootFrom(r.publicJwk)])).ok).toBe(true);
    }
    expect((await verifyBundle(JSON.stringify(file), [pinnedRootFrom(stranger.publicJwk)])).ok).toBe(false);
  });

  it('re-signing a payload keeps its bytes; a non-ES256 root is refused', async () => {
    const original = JSON.parse(signedText);
    const again = await signChecked(bundle, [next.privateJwk], original.payload);
    expect(again.payload).toBe(original.payload);
    const sm2 = await generateKeyPair('SM2-SM3', 'root');
    await expect(signPayload(original.payload, [sm2.privateJwk])).rejects.toThrow(/ES256/);
    await expect(signChecked(bundle, [])).rejects.toThrow(/at least one root/);
  });

  it('refuses to sign a bundle that retires every signing root (gates would refuse it)', async () => {
    const retiring = { ...bundle, roots: { next: [pinnedRootFrom(next.publicJwk)], retired: [root.kid] } };
    await expect(signChecked(retiring, [root.privateJwk])).rejects.toThrow(/retires every root/);
    const file = await signChecked(retiring, [root.privateJwk, next.privateJwk]);
    expect(file.signatures).toHaveLength(2);
  });
});

describe('decodeBundleText', () => {
  it('reads signed files and plain payloads, and names the signers', () => {
    const signed = decodeBundleText(signedText);
    expect(signed.signed).toBeDefined();
    expect(signed.signerKids).toEqual([root.kid]);
    expect((signed.content as TrustBundle).version).toBe(100);
    const plain = decodeBundleText(JSON.stringify(bundle));
    expect(plain.signed).toBeUndefined();
    expect(plain.content).toEqual(bundle);
    expect(() => decodeBundleText('nope')).toThrow(/not JSON/);
    expect(() => decodeBundleText('{"a":1}')).toThrow(/neither/);
    expect(() => decodeBundleText('{"payload":"!!","signatures":[]}')).toThrow(/base64url/);
  });
});

describe('root rollover and freshness changes', () => {
  it('announces next roots by thumbprint and retires kids (a retired root leaves next)', async () => {
    const a = await updateRoots(undefined, { next: [pinnedRootFrom(next.publicJwk)] });
    expect(a).toEqual({ next: [pinnedRootFrom(next.publicJwk)], retired: [] });
    const b = await updateRoots(a, { retire: [next.kid, root.kid] });
    expect(b).toEqual({ next: [], retired: [next.kid, root.kid] });
    await expect(updateRoots(b, { next: [pinnedRootFrom(next.publicJwk)] })).rejects.toThrow(/retired/);
    await expect(updateRoots(undefined, { next: [{ ...pinnedRootFrom(next.publicJwk), kid: root.kid }] })).rejects.toThrow(/thumbprint/);
    await expect(updateRoots(undefined, { retire: ['--warn-age'] })).rejects.toThrow(/not a root kid/);
    expect(await updateRoots(a, { dropNext: [next.kid] })).toBeUndefined();
  });

  it('replaces only the freshness fields given', () => {
    const f = updateFreshness(bundle.freshness, { maxAgeSeconds: 999_999, onStale: undefined });
    expect(f).toEqual({ ...bundle.freshness, maxAgeSeconds: 999_999 });
  });
});

describe('issue 17: verified inputs, bounded versions', () => {
  it('buildBundle and signChecked refuse a version above 2^50; an edit of a bundle at 2^50 has no room to bump', async () => {
    const top = { ...bundle, version: 2 ** 50 };
    expect(() => buildBundle({ version: 2 ** 50 + 1, issuedAt: NOW, expiresAt: new Date(NOW.getTime() + DAY), issuers: bundle.issuers, keys: [] })).toThrow(/2\^50/);
    await expect(signChecked({ ...bundle, version: 2 ** 50 + 1 }, [root.privateJwk])).rejects.toThrow(/2\^50/);
    const topText = JSON.stringify(await signChecked(top, [root.privateJwk]));
    await expect(editBundle(topText, { roots: [root.privateJwk], now: NOW }, () => null)).rejects.toThrow(/2\^50/);
  });

  it('the input is checked against the signing roots plus --trust-root (both, not either)', async () => {
    // Signed by root; the operator signs with root and names next as a trust root for a rollover: still accepted.
    const r = await editBundle(signedText, { roots: [root.privateJwk], trust: [pinnedRootFrom(next.publicJwk)], now: NOW }, () => null);
    expect(r.before.version).toBe(100);
  });

  it('openForSign: a signed input must verify; kept signatures are only those that verify against a known root', async () => {
    const file = JSON.parse(signedText);
    const evil = payloadOf(signedText);
    evil.keys.push({ ...evil.keys[0]!, issuer: '440000', kid: 'smuggled' });
    const tampered = JSON.stringify({ ...file, payload: Buffer.from(JSON.stringify(evil)).toString('base64url') });
    await expect(openForSign(tampered, { trust: [rootPublic(root.privateJwk)] })).rejects.toThrow(/BUNDLE_SIGNATURE_INVALID/);
    await expect(openForSign(JSON.stringify(bundle), { trust: [rootPublic(root.privateJwk)] })).rejects.toThrow(/unsigned payload.*--unsigned/);
    const unsigned = await openForSign(JSON.stringify(bundle), { trust: [rootPublic(root.privateJwk)], allowUnsigned: true });
    expect(unsigned.signed).toBeUndefined();
    // root's signature verifies; next's covers another payload; stranger's root is not known.
    const otherPayload = await signBundle({ ...bundle, version: 101 }, next.privateJwk);
    const strangerSig = await signPayload(file.payload, stranger.privateJwk);
    const mixed = JSON.stringify({ payload: file.payload, signatures: [...file.signatures, ...otherPayload.signatures, ...strangerSig.signatures] });
    const opened = await openForSign(mixed, { trust: [rootPublic(root.privateJwk), rootPublic(next.privateJwk)] });
    expect(opened.bundle.version).toBe(100);
    expect(opened.verified.map((s) => s.kid)).toEqual([root.kid]);
    expect(opened.dropped).toEqual([
      { kid: next.kid, why: expect.stringMatching(/does not verify/) },
      { kid: stranger.kid, why: expect.stringMatching(/--trust-root/) },
    ]);
  });
});
