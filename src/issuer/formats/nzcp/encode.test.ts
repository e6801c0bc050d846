/**
 * The encoder against the spec's worked example (../shared/vectors/nzcp/examples/valid): the
 * Ministry's private key is not published (jwk.json is public), so a pass signed here with our own
 * key must equal the example byte for byte in everything but the signature, and the example's own
 * signature must verify over the Sig_structure this encoder builds.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { verifySignature } from '../../../core/crypto/verify-signature.ts';
import { generateEs256 } from '../../../core/crypto/webcrypto.ts';
import { fromHex, toHex } from '../../../core/encoding/bytes.ts';
import { decodeCbor, Tagged } from '../../../core/encoding/cbor.ts';
import { parseCoseSign1, sigStructure } from '../../../core/encoding/cose-sign1.ts';
import { requireShared } from '../../../../test/support/shared.ts';
import { encodeBase32NoPad } from './base32.ts';
import { encodeNzcpPass, uuidBytes, type NzcpPassInput } from './encode.ts';

const example = (f: string) => readFile(requireShared(`vectors/nzcp/examples/valid/${f}`, "the NZCP spec's worked example"), 'utf8');

/** nzcp.json of the worked example, as encoder input. */
const JACK: NzcpPassInput = {
  iss: 'did:web:nzcp.covid19.health.nz',
  kid: 'key-1',
  nbf: new Date(1635883530 * 1000),
  exp: new Date(1951416330 * 1000),
  cti: 'urn:uuid:60a4f54d-4e30-4332-be33-ad78b1eafa4b',
  subject: { givenName: 'Jack', familyName: 'Sparrow', dob: '1960-04-16' },
};

describe('NZCP encoder', () => {
  it('reproduces the worked example byte for byte except the (randomised) signature', async () => {
    const want = fromHex((await example('nzcp-cwt-hex.txt')).trim());
    const key = { privateJwk: await generateEs256() };
    const got = await encodeNzcpPass(JACK, key, 'bytes');
    // The COSE_Sign1 is tag 18, array of 4; the ES256 signature is its last 64 bytes.
    expect(toHex(got.cose.subarray(0, -64))).toBe(toHex(want.subarray(0, -64)));
    expect(got.cose.length).toBe(want.length);
    const pub = { kty: 'EC' as const, crv: 'P-256' as const, x: key.privateJwk.x, y: key.privateJwk.y };
    expect(await verifySignature('ES256', pub, got.sigStructure, got.signature)).toBe(true);
  });

  it("builds the Sig_structure the Ministry signed: the example's signature verifies with its public key", async () => {
    const cose = parseCoseSign1(fromHex((await example('nzcp-cwt-hex.txt')).trim()));
    if (!cose.ok) throw new Error(cose.reason.detail);
    const jwk = JSON.parse(await example('jwk.json'));
    expect(jwk.d).toBeUndefined(); // public only: hence the comparison above without the signature
    const { protectedHeader, claims } = await encodeNzcpPass(JACK, { privateJwk: await generateEs256() }, 'bytes');
    expect(await verifySignature('ES256', jwk, sigStructure(protectedHeader, claims), cose.value.signature)).toBe(true);
  });

  it('writes the QR text as NZCP:/1/ and base32 without padding', async () => {
    const got = await encodeNzcpPass(JACK, { privateJwk: await generateEs256() });
    expect(got.text).toBe(`NZCP:/1/${encodeBase32NoPad(got.cose)}`);
    expect(got.text).toMatch(/^NZCP:\/1\/[A-Z2-7]+$/);
    const text = (await example('nzcp.txt')).trim();
    expect(text.startsWith('NZCP:/1/')).toBe(true);
  });

  it('writes kid as a text string by default (spec: Major Type 3), alg -7, and the claims with integer keys and "vc"', async () => {
    const got = await encodeNzcpPass(JACK, { privateJwk: await generateEs256() });
    // (core's parseCoseSign1 wants a byte-string kid, as other formats have: decoded by hand here)
    const cose = decodeCbor(got.cose, { tags: [18], strict: true });
    expect(cose.ok && cose.value instanceof Tagged && cose.value.tag).toBe(18);
    const header = decodeCbor(got.protectedHeader);
    expect(header.ok && [...(header.value as Map<unknown, unknown>)]).toEqual([
      [4, 'key-1'],
      [1, -7],
    ]);
    const claims = decodeCbor(got.claims, { strict: true });
    if (!claims.ok) throw new Error(claims.reason.detail);
    const m = claims.value as Map<unknown, unknown>;
    expect([...m.keys()]).toEqual([1, 5, 4, 'vc', 7]);
    expect(m.get(1)).toBe(JACK.iss);
    expect(m.get(5)).toBe(1635883530);
    expect(m.get(4)).toBe(1951416330);
    expect(toHex(m.get(7) as Uint8Array)).toBe('60a4f54d4e304332be33ad78b1eafa4b');
    const vc = m.get('vc') as Map<string, unknown>;
    expect(vc.get('type')).toEqual(['VerifiableCredential', 'PublicCovidPass']);
    expect(Object.fromEntries(vc.get('credentialSubject') as Map<string, unknown>)).toEqual(JACK.subject);
  });

  it('leaves familyName out when there is none (it is optional) and refuses a cti that is not a UUID', async () => {
    const got = await encodeNzcpPass({ ...JACK, subject: { givenName: 'Aroha', dob: '1990-01-01' } }, { privateJwk: await generateEs256() });
    const claims = decodeCbor(got.claims);
    const subject = ((claims.ok && (claims.value as Map<unknown, unknown>).get('vc')) as Map<string, unknown>).get('credentialSubject') as Map<string, unknown>;
    expect([...subject.keys()]).toEqual(['givenName', 'dob']);
    expect(() => uuidBytes('urn:uuid:not-a-uuid')).toThrow(/UUID/);
    expect(toHex(uuidBytes('F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6'))).toBe('f81d4fae7dec11d0a76500a0c91e6bf6');
  });
});

describe('base32 without padding (RFC 4648 §10 vectors, padding dropped)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('%j -> %s', (input, want) => expect(encodeBase32NoPad(new TextEncoder().encode(input))).toBe(want));
});
