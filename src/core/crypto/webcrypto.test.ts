import { describe, expect, it, vi } from 'vitest';
import { toBase64Url } from '../encoding/bytes.ts';
import type { PublicJwk } from './jwk.ts';
import { keyFitsAlg } from './jwk.ts';
import { verifySignature } from './verify-signature.ts';

const data = new TextEncoder().encode('Signature1 test bytes');

async function ecPair(curve: 'P-256' | 'P-384' | 'P-521', hash: string) {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: curve }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as PublicJwk;
  const sig = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash }, pair.privateKey, data));
  return { jwk: { kty: 'EC', crv: curve, x: (jwk as any).x, y: (jwk as any).y } as PublicJwk, sig };
}

describe('WebCrypto algorithms', () => {
  it('ES256, ES384 and ES512 verify their own signatures and reject a flipped bit', async () => {
    for (const [alg, curve, hash] of [['ES256', 'P-256', 'SHA-256'], ['ES384', 'P-384', 'SHA-384'], ['ES512', 'P-521', 'SHA-512']] as const) {
      const { jwk, sig } = await ecPair(curve, hash);
      expect(await verifySignature(alg, jwk, data, sig), alg).toBe(true);
      const bad = sig.slice();
      bad[5]! ^= 1;
      expect(await verifySignature(alg, jwk, data, bad), alg).toBe(false);
    }
  });

  it('PS256 uses a 32-byte salt (COSE, RFC 8230): other salt lengths do not verify', async () => {
    const pair = (await crypto.subtle.generateKey(
      { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const j = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const jwk: PublicJwk = { kty: 'RSA', n: j.n!, e: j.e! };
    const good = new Uint8Array(await crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, pair.privateKey, data));
    const otherSalt = new Uint8Array(await crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 20 }, pair.privateKey, data));
    expect(await verifySignature('PS256', jwk, data, good)).toBe(true);
    expect(await verifySignature('PS256', jwk, data, otherSalt)).toBe(false);
  });

  it('a key never verifies under an algorithm it does not fit', async () => {
    const { jwk, sig } = await ecPair('P-256', 'SHA-256');
    expect(keyFitsAlg('ES384', jwk)).toBe(false);
    expect(await verifySignature('ES384', jwk, data, sig)).toBe(false);
    expect(await verifySignature('PS256', jwk, data, sig)).toBe(false);
    expect(await verifySignature('SM2-SM3', jwk, data, sig)).toBe(false);
    const rsa: PublicJwk = { kty: 'RSA', n: toBase64Url(new Uint8Array(256).fill(0xff)), e: 'AQAB' };
    expect(await verifySignature('ES256', rsa, data, sig)).toBe(false);
  });

  it('with a key already imported, the WebCrypto check is under way before verifySignature returns', async () => {
    // The pipeline relies on this: it starts the check, then reads the claims while it runs.
    const { jwk, sig } = await ecPair('P-256', 'SHA-256');
    expect(await verifySignature('ES256', jwk, data, sig)).toBe(true); // imports and caches the key
    const spy = vi.spyOn(crypto.subtle, 'verify');
    try {
      const pending = verifySignature('ES256', jwk, data, sig);
      expect(spy).toHaveBeenCalledTimes(1); // synchronously, no turn of the event loop in between
      expect(await pending).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});
