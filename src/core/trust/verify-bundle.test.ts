import { beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../crypto/verify-signature.ts';
import { fromBase64Url, toBase64Url, utf8 } from '../encoding/bytes.ts';
import { generateKeyPair, pinnedRootFrom, type KeyPair } from '../../issuer/keys.ts';
import { buildBundle, signBundle } from '../../issuer/sign-bundle.ts';
import type { BundleErrorCode, PinnedRoot, SignedBundleFile, TrustBundle } from './bundle.ts';
import { verifyBundle } from './verify-bundle.ts';

const DAY = 86400_000;
const NOW = new Date(Date.UTC(2025, 2, 1, 8, 0, 0));

let root: KeyPair;
let otherRoot: KeyPair;
let gd: KeyPair;
let sh: KeyPair;
let pinned: PinnedRoot;
let bundle: TrustBundle;

beforeAll(async () => {
  [root, otherRoot, gd, sh] = await Promise.all([
    generateKeyPair('ES256', 'root'),
    generateKeyPair('ES256', 'root'),
    generateKeyPair('ES256'),
    generateKeyPair('SM2-SM3'),
  ]);
  pinned = pinnedRootFrom(root.publicJwk);
  bundle = buildBundle({
    version: 7,
    issuedAt: NOW,
    expiresAt: new Date(NOW.getTime() + 30 * DAY),
    issuers: [
      { id: '440000', kind: 'province', names: { 'zh-CN': '广东省', en: 'Guangdong' } },
      { id: '310000', kind: 'province', names: { 'zh-CN': '上海市', en: 'Shanghai' } },
    ],
    keys: [
      { issuer: '440000', jwk: gd.publicJwk, validFrom: new Date(NOW.getTime() - DAY), validUntil: new Date(NOW.getTime() + 365 * DAY) },
      { issuer: '310000', jwk: sh.publicJwk, validFrom: new Date(NOW.getTime() - DAY), validUntil: new Date(NOW.getTime() + 365 * DAY), kinds: ['health-status'] },
    ],
  });
});

const fileText = (f: SignedBundleFile) => JSON.stringify(f);
const payloadOf = (f: SignedBundleFile) => JSON.parse(new TextDecoder().decode(fromBase64Url(f.payload)));

/** Signs any payload object (valid or not) as a bundle would be signed: JWS JSON, ES256. */
async function signRaw(payloadText: string, by: KeyPair, header: Record<string, unknown> = { alg: 'ES256', kid: by.kid }) {
  const payload = toBase64Url(utf8(payloadText));
  const protectedHeader = toBase64Url(utf8(JSON.stringify(header)));
  const signature = toBase64Url(await sign('ES256', by.privateJwk, utf8(`${protectedHeader}.${payload}`)));
  return { payload, signatures: [{ protected: protectedHeader, signature }] } satisfies SignedBundleFile;
}

async function expectError(text: string, code: BundleErrorCode, roots: readonly PinnedRoot[] = [pinned]) {
  const r = await verifyBundle(text, roots);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.reason.code, r.reason.detail).toBe(code);
}

describe('verifyBundle', () => {
  it('accepts a bundle signed by the pinned root and returns its content', async () => {
    const signed = await signBundle(bundle, root.privateJwk);
    const r = await verifyBundle(fileText(signed), [pinned]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).toEqual(bundle);
      expect(r.value.keys.map((k) => k.kid)).toEqual([gd.kid, sh.kid]);
    }
  });

  it('accepts the pinned root anywhere in the pinned list', async () => {
    const signed = await signBundle(bundle, root.privateJwk);
    const r = await verifyBundle(fileText(signed), [pinnedRootFrom(otherRoot.publicJwk), pinned]);
    expect(r.ok).toBe(true);
  });

  it('BUNDLE_UNKNOWN_ROOT: signed by a root that is not pinned', async () => {
    const signed = await signBundle(bundle, otherRoot.privateJwk);
    await expectError(fileText(signed), 'BUNDLE_UNKNOWN_ROOT');
    await expectError(fileText(await signBundle(bundle, root.privateJwk)), 'BUNDLE_UNKNOWN_ROOT', []);
  });

  it('BUNDLE_UNKNOWN_ROOT: a header naming the pinned kid with another algorithm', async () => {
    const f = await signRaw(JSON.stringify(bundle), root, { alg: 'ES384', kid: root.kid });
    await expectError(fileText(f), 'BUNDLE_UNKNOWN_ROOT');
    const none = await signRaw(JSON.stringify(bundle), root, { alg: 'none', kid: root.kid });
    await expectError(fileText(none), 'BUNDLE_UNKNOWN_ROOT');
  });

  it('BUNDLE_SIGNATURE_INVALID: a signature made by another key under the pinned kid', async () => {
    const f = await signRaw(JSON.stringify(bundle), otherRoot, { alg: 'ES256', kid: root.kid });
    await expectError(fileText(f), 'BUNDLE_SIGNATURE_INVALID');
    // The pinned entry's key is what verifies, not its kid: a pin with the right kid but a wrong key fails too.
    const good = await signBundle(bundle, root.privateJwk);
    await expectError(fileText(good), 'BUNDLE_SIGNATURE_INVALID', [{ ...pinned, jwk: pinnedRootFrom(otherRoot.publicJwk).jwk }]);
  });

  it('BUNDLE_SIGNATURE_INVALID: tampered payload', async () => {
    const signed = await signBundle(bundle, root.privateJwk);
    // Add a key of the attacker's own, keep the signature.
    const evil = payloadOf(signed);
    evil.keys.push({ ...evil.keys[0], kid: 'attacker', issuer: '440000' });
    await expectError(fileText({ ...signed, payload: toBase64Url(utf8(JSON.stringify(evil))) }), 'BUNDLE_SIGNATURE_INVALID');
    // One character of the payload changed.
    const p = signed.payload;
    const i = Math.floor(p.length / 2);
    const swapped = p.slice(0, i) + (p[i] === 'A' ? 'B' : 'A') + p.slice(i + 1);
    await expectError(fileText({ ...signed, payload: swapped }), 'BUNDLE_SIGNATURE_INVALID');
  });

  it('BUNDLE_SIGNATURE_INVALID: tampered signature or protected header', async () => {
    const signed = await signBundle(bundle, root.privateJwk);
    const sig = fromBase64Url(signed.signatures[0]!.signature);
    for (const byte of [0, 32, 63]) {
      const s = sig.slice();
      s[byte]! ^= 0x01;
      await expectError(fileText({ ...signed, signatures: [{ ...signed.signatures[0]!, signature: toBase64Url(s) }] }), 'BUNDLE_SIGNATURE_INVALID');
    }
    await expectError(fileText({ ...signed, signatures: [{ ...signed.signatures[0]!, signature: toBase64Url(sig.subarray(0, 63)) }] }), 'BUNDLE_SIGNATURE_INVALID');
    // Same alg and kid, different header bytes: the header is covered by the signature.
    const header = toBase64Url(utf8(JSON.stringify({ kid: root.kid, alg: 'ES256' })));
    await expectError(fileText({ ...signed, signatures: [{ ...signed.signatures[0]!, protected: header }] }), 'BUNDLE_SIGNATURE_INVALID');
  });

  it('BUNDLE_MALFORMED: not JSON, no signatures, malformed signature entries', async () => {
    const signed = await signBundle(bundle, root.privateJwk);
    for (const text of ['', 'not json', '{"payload":', '<html></html>']) await expectError(text, 'BUNDLE_MALFORMED');
    for (const v of [null, 42, 'string', [], {}, { payload: signed.payload }, { payload: signed.payload, signatures: [] }, { signatures: signed.signatures }, { payload: 1, signatures: signed.signatures }, { payload: signed.payload, signatures: 'x' }])
      await expectError(JSON.stringify(v), 'BUNDLE_MALFORMED');
    await expectError(JSON.stringify({ payload: signed.payload, signatures: [null] }), 'BUNDLE_MALFORMED');
    await expectError(JSON.stringify({ payload: signed.payload, signatures: [{ protected: signed.signatures[0]!.protected }] }), 'BUNDLE_MALFORMED');
    await expectError(JSON.stringify({ payload: signed.payload, signatures: [{ protected: 'not base64!', signature: 'AA' }] }), 'BUNDLE_MALFORMED');
    await expectError(JSON.stringify({ payload: signed.payload, signatures: [{ protected: toBase64Url(utf8('not json')), signature: 'AA' }] }), 'BUNDLE_MALFORMED');
  });

  it('BUNDLE_MALFORMED (never an exception): a protected header that is JSON but not an object', async () => {
    const signed = await signBundle(bundle, root.privateJwk);
    for (const header of ['null', '5', '"ES256"', 'true', '[]']) {
      const text = JSON.stringify({ payload: signed.payload, signatures: [{ protected: toBase64Url(utf8(header)), signature: signed.signatures[0]!.signature }] });
      await expect(verifyBundle(text, [pinned])).resolves.toMatchObject({ ok: false, reason: { code: 'BUNDLE_MALFORMED' } });
    }
  });

  describe('BUNDLE_CONTENT_INVALID: validly signed but structurally bad', () => {
    const mutated = async (mutate: (b: any) => void) => {
      const b = structuredClone(bundle) as any;
      mutate(b);
      return fileText(await signRaw(JSON.stringify(b), root));
    };

    it('control: the unmodified payload signed the same way verifies', async () => {
      const r = await verifyBundle(await mutated(() => {}), [pinned]);
      expect(r.ok).toBe(true);
    });

    it('a key naming an issuer the bundle does not list', async () => {
      await expectError(await mutated((b) => (b.keys[0].issuer = '650000')), 'BUNDLE_CONTENT_INVALID');
    });

    it('a JWK curve that does not match the algorithm', async () => {
      await expectError(await mutated((b) => (b.keys[0].jwk.crv = 'SM2')), 'BUNDLE_CONTENT_INVALID'); // ES256 key labelled SM2
      await expectError(await mutated((b) => (b.keys[1].alg = 'ES256')), 'BUNDLE_CONTENT_INVALID'); // SM2 key labelled ES256
      await expectError(await mutated((b) => (b.keys[0].alg = 'RS256')), 'BUNDLE_CONTENT_INVALID');
      await expectError(await mutated((b) => (b.keys[0].jwk = { kty: 'RSA', n: 'AQAB', e: 'AQAB' })), 'BUNDLE_CONTENT_INVALID');
    });

    it('expiresAt before (or equal to) issuedAt', async () => {
      await expectError(await mutated((b) => (b.expiresAt = new Date(NOW.getTime() - DAY).toISOString())), 'BUNDLE_CONTENT_INVALID');
      await expectError(await mutated((b) => (b.expiresAt = b.issuedAt)), 'BUNDLE_CONTENT_INVALID');
      await expectError(await mutated((b) => (b.issuedAt = 'yesterday')), 'BUNDLE_CONTENT_INVALID');
    });

    it('the same issuer listed twice', async () => {
      await expectError(await mutated((b) => b.issuers.push({ ...b.issuers[0] })), 'BUNDLE_CONTENT_INVALID');
    });

    it('wrong type, schema, version or field types', async () => {
      await expectError(await mutated((b) => (b.type = 'something-else')), 'BUNDLE_CONTENT_INVALID');
      await expectError(await mutated((b) => (b.schema = 2)), 'BUNDLE_CONTENT_INVALID');
      await expectError(await mutated((b) => (b.version = 0)), 'BUNDLE_CONTENT_INVALID');
      await expectError(await mutated((b) => (b.version = '7')), 'BUNDLE_CONTENT_INVALID');
      await expectError(await mutated((b) => (b.keys = {})), 'BUNDLE_CONTENT_INVALID');
      await expectError(await mutated((b) => (b.keys[0].kinds = ['everything'])), 'BUNDLE_CONTENT_INVALID');
      await expectError(await mutated((b) => (b.keys[0].validUntil = 'never')), 'BUNDLE_CONTENT_INVALID');
      await expectError(await mutated((b) => (b.issuers[0].kind = 'city')), 'BUNDLE_CONTENT_INVALID');
      await expectError(await mutated((b) => delete b.issuers[0].names.en), 'BUNDLE_CONTENT_INVALID');
    });

    it('a signed payload that is not JSON, or not an object', async () => {
      await expectError(fileText(await signRaw('not json at all', root)), 'BUNDLE_CONTENT_INVALID');
      await expectError(fileText(await signRaw('[1,2,3]', root)), 'BUNDLE_CONTENT_INVALID');
    });
  });

  describe('root rollover', () => {
    it('verifies when only the second of two signatures is by a pinned root', async () => {
      const byOld = await signBundle(bundle, otherRoot.privateJwk);
      const byPinned = await signBundle(bundle, root.privateJwk);
      expect(byOld.payload).toBe(byPinned.payload);
      const both: SignedBundleFile = { payload: byPinned.payload, signatures: [byOld.signatures[0]!, byPinned.signatures[0]!] };
      const r = await verifyBundle(fileText(both), [pinned]);
      expect(r.ok).toBe(true);
      // Pinned to the other root instead, the same file verifies through its first signature.
      expect((await verifyBundle(fileText(both), [pinnedRootFrom(otherRoot.publicJwk)])).ok).toBe(true);
    });

    it('a broken signature by one pinned root does not hide a valid one by another', async () => {
      const a = await signBundle(bundle, otherRoot.privateJwk);
      const b = await signBundle(bundle, root.privateJwk);
      const broken = fromBase64Url(a.signatures[0]!.signature);
      broken[5]! ^= 0x80;
      const file: SignedBundleFile = { payload: a.payload, signatures: [{ ...a.signatures[0]!, signature: toBase64Url(broken) }, b.signatures[0]!] };
      const r = await verifyBundle(fileText(file), [pinnedRootFrom(otherRoot.publicJwk), pinned]);
      expect(r.ok).toBe(true);
      // Without the second signature the broken one is all there is.
      await expectError(fileText({ ...file, signatures: [file.signatures[0]!] }), 'BUNDLE_SIGNATURE_INVALID', [pinnedRootFrom(otherRoot.publicJwk), pinned]);
    });

    it('two signatures, neither by a pinned root, is BUNDLE_UNKNOWN_ROOT', async () => {
      const stranger = await generateKeyPair('ES256', 'root');
      const a = await signBundle(bundle, otherRoot.privateJwk);
      const b = await signBundle(bundle, stranger.privateJwk);
      await expectError(fileText({ payload: a.payload, signatures: [a.signatures[0]!, b.signatures[0]!] }), 'BUNDLE_UNKNOWN_ROOT');
    });
  });
});

describe('version ceiling (issue 17, item 3)', () => {
  it('accepts version 2^50 and refuses anything above it: no room to grow', async () => {
    const at = await signRaw(JSON.stringify({ ...bundle, version: 2 ** 50 }), root);
    expect((await verifyBundle(fileText(at), [pinned])).ok).toBe(true);
    for (const version of [2 ** 50 + 1, Number.MAX_SAFE_INTEGER]) {
      const above = await signRaw(JSON.stringify({ ...bundle, version }), root);
      const r = await verifyBundle(fileText(above), [pinned]);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason.code).toBe('BUNDLE_CONTENT_INVALID');
        expect(r.reason.detail).toMatch(/2\^50/);
      }
    }
  });
});
