import { describe, expect, it } from 'vitest';
import { importPublic, verifyWebCrypto } from '../crypto/webcrypto.ts';
import { generateKeyPair } from '../../issuer/keys.ts';
import { sign } from '../crypto/verify-signature.ts';
import { decodeCbor, encodeCbor, MAX_CBOR_DEPTH, Tagged } from './cbor.ts';
import { encodeCoseSign1, encodeProtectedHeader, parseCoseSign1, sigStructure } from './cose-sign1.ts';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ascii = (s: string) => new TextEncoder().encode(s);

function expectCborOk(bytes: Uint8Array, opts?: Parameters<typeof decodeCbor>[1]): unknown {
  const r = decodeCbor(bytes, opts);
  if (!r.ok) throw new Error(`expected CBOR to decode, got ${r.reason.code}: ${r.reason.detail}`);
  return r.value;
}

function expectCborRejected(bytes: Uint8Array, opts?: Parameters<typeof decodeCbor>[1]): void {
  const r = decodeCbor(bytes, opts);
  expect(r.ok, `0x${toHex(bytes).slice(0, 40)} must be rejected`).toBe(false);
  if (!r.ok) expect(r.reason.code).toBe('MALFORMED_CBOR');
}

function expectCose(bytes: Uint8Array) {
  const r = parseCoseSign1(bytes, { strict: true });
  if (!r.ok) throw new Error(`expected COSE_Sign1 to parse, got ${r.reason.code}: ${r.reason.detail}`);
  return r.value;
}

function expectCoseRejected(bytes: Uint8Array, code: 'MALFORMED_COSE' | 'MALFORMED_CBOR' = 'MALFORMED_COSE'): void {
  const r = parseCoseSign1(bytes, { strict: true });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.reason.code).toBe(code);
}

describe('CBOR wrapper', () => {
  it('decodes maps as Maps with integer keys kept as integers', () => {
    const v = expectCborOk(hex('a2 01 63 616263 20 f5')); // {1: "abc", -1: true}
    expect(v).toBeInstanceOf(Map);
    const m = v as Map<unknown, unknown>;
    expect(m.get(1)).toBe('abc');
    expect(m.get(-1)).toBe(true);
    expect(m.has('1')).toBe(false);
  });

  it('rejects duplicate map keys (integer and text keys)', () => {
    expectCborRejected(hex('a2 01 01 01 02')); // {1: 1, 1: 2}
    expectCborRejected(hex('a2 61 61 01 61 61 02')); // {"a": 1, "a": 2}
    expectCborRejected(hex('a1 01 a2 20 00 20 01')); // nested: {1: {-1: 0, -1: 1}}
    expectCborRejected(hex('a2 01 01 01 02'), { strict: true });
    // Control: distinct keys of different types are fine.
    expect(expectCborOk(hex('a2 01 01 61 31 02'))).toEqual(new Map<unknown, unknown>([[1, 1], ['1', 2]]));
  });

  it('rejects tags it was not asked to accept', () => {
    expectCborRejected(hex('c1 1a 5f5e1000')); // tag 1 (epoch time)
    expectCborRejected(hex('c2 41 01')); // tag 2 (bignum)
    expectCborRejected(hex('d9 d9f7 01')); // tag 55799 (self-described CBOR)
    expectCborRejected(hex('d2 80')); // tag 18 without opting in
    expectCborRejected(hex('d3 80'), { tags: [18] }); // tag 19 when only 18 is accepted
  });

  it('returns accepted tags as Tagged values', () => {
    const v = expectCborOk(hex('d2 82 01 02'), { tags: [18] });
    expect(v).toBeInstanceOf(Tagged);
    expect((v as Tagged).tag).toBe(18);
    expect((v as Tagged).value).toEqual([1, 2]);
  });

  it('strict mode rejects non-preferred integer encodings that lax mode accepts', () => {
    const cases: [string, unknown][] = [
      ['18 00', 0], // 0 in one extra byte
      ['18 17', 23],
      ['19 0001', 1],
      ['19 00ff', 255],
      ['1a 0000ffff', 65535],
      ['1b 00000000ffffffff', 4294967295],
      ['38 00', -1], // negative integer, non-preferred
      ['39 0000', -1],
    ];
    for (const [h, value] of cases) {
      expect(expectCborOk(hex(h))).toBe(value);
      expectCborRejected(hex(h), { strict: true });
    }
    // Preferred encodings of the same values pass in strict mode.
    for (const [h, value] of [['00', 0], ['17', 23], ['18 18', 24], ['18 ff', 255], ['19 0100', 256], ['20', -1]] as const)
      expect(expectCborOk(hex(h), { strict: true })).toBe(value);
  });

  it('strict mode rejects non-preferred length encodings', () => {
    expectCborRejected(hex('98 01 00'), { strict: true }); // array of 1 with a 1-byte length
    expectCborRejected(hex('58 01 ff'), { strict: true }); // byte string of 1
    expectCborRejected(hex('78 01 61'), { strict: true }); // text string of 1
    expectCborRejected(hex('b8 01 01 02'), { strict: true }); // map of 1
    expect(expectCborOk(hex('98 01 00'))).toEqual([0]);
  });

  it('strict mode rejects indefinite lengths that lax mode accepts', () => {
    const cases: [string, unknown][] = [
      ['9f 01 02 ff', [1, 2]],
      ['bf 01 02 ff', new Map([[1, 2]])],
      ['82 9f ff 01', [[], 1]],
    ];
    for (const [h, value] of cases) {
      expect(expectCborOk(hex(h))).toEqual(value);
      expectCborRejected(hex(h), { strict: true });
    }
    // Chunked (indefinite) byte and text strings are refused in either mode.
    for (const h of ['5f 41 01 41 02 ff', '7f 61 61 61 62 ff']) {
      expectCborRejected(hex(h));
      expectCborRejected(hex(h), { strict: true });
    }
  });

  it('rejects undefined, NaN and Infinity', () => {
    expectCborRejected(hex('f7')); // undefined
    expectCborRejected(hex('f9 7e00')); // NaN (half)
    expectCborRejected(hex('f9 7c00')); // +Infinity
    expectCborRejected(hex('f9 fc00')); // -Infinity
  });

  it('rejects truncated items, trailing bytes, reserved values and empty input', () => {
    for (const h of ['', '82 01', '43 0102', '01 01', 'a1 01', '1c', 'ff', 'd2']) expectCborRejected(hex(h));
  });

  it('rejects text strings that are not valid UTF-8, in lax and strict mode, and keeps a real U+FFFD', () => {
    // "A" + 0xff; overlong NUL; lone continuation; truncated 3-byte sequence; UTF-8-encoded surrogate; beyond U+10FFFF.
    for (const h of ['62 41ff', '62 c080', '61 80', '62 e4b8', '63 eda080', '64 f4908080']) {
      expectCborRejected(hex(h));
      expectCborRejected(hex(h), { strict: true });
    }
    // Inside a map value and inside an indefinite-length string chunk.
    expectCborRejected(hex('a1 01 62 41ff'));
    expectCborRejected(hex('7f 61 41 61 ff ff'));
    expect(expectCborOk(hex('63 efbfbd'))).toBe('\uFFFD');
    expect(expectCborOk(hex('66 e5bca0e4b889'))).toBe('张三');
  });

  it(`refuses nesting deeper than MAX_CBOR_DEPTH (${MAX_CBOR_DEPTH}) and accepts it up to the limit, definite or indefinite`, () => {
    const nest = (depth: number, head: number, tail: number[] = []) => Uint8Array.from([...new Array(depth).fill(head), 0x00, ...tail.flatMap((b) => new Array(depth).fill(b))]);
    expect(decodeCbor(nest(MAX_CBOR_DEPTH, 0x81)).ok).toBe(true);
    expectCborRejected(nest(MAX_CBOR_DEPTH + 1, 0x81));
    // 600 levels decoded before and then overflowed the stack when re-encoded (cn-hc's determinism check).
    expectCborRejected(nest(600, 0x81), { strict: true });
    expect(decodeCbor(nest(MAX_CBOR_DEPTH, 0x9f, [0xff])).ok).toBe(true);
    expectCborRejected(nest(MAX_CBOR_DEPTH + 1, 0x9f, [0xff]));
    // Siblings do not add depth: a wide, shallow item is fine.
    expect(decodeCbor(Uint8Array.from([0x98, 200, ...new Array(200).fill(0x80)])).ok).toBe(true);
    expectCborRejected(Uint8Array.from([...new Array(MAX_CBOR_DEPTH + 1).fill(0xd2), 0x00]), { tags: [18] });
  });

  it('yields MALFORMED_CBOR for 100 000 nested arrays instead of throwing', () => {
    const depth = 100_000;
    const deep = new Uint8Array(depth + 1).fill(0x81);
    deep[depth] = 0x00; // [[[...[0]...]]]
    let r: ReturnType<typeof decodeCbor> | undefined;
    expect(() => (r = decodeCbor(deep))).not.toThrow();
    expect(r!.ok).toBe(false);
    expect(!r!.ok && r!.reason.code).toBe('MALFORMED_CBOR');
    expect(() => (r = decodeCbor(deep, { strict: true, tags: [18] }))).not.toThrow();
    expect(!r!.ok && r!.reason.code).toBe('MALFORMED_CBOR');
    // Deep maps and deep tags too.
    const maps = new Uint8Array(2 * depth + 1);
    for (let i = 0; i < depth; i++) maps.set([0xa1, 0x01], 2 * i);
    expect(!decodeCbor(maps).ok).toBe(true);
    const tags = new Uint8Array(depth + 1).fill(0xd2);
    tags[depth] = 0x00;
    expect(() => (r = decodeCbor(tags, { tags: [18] }))).not.toThrow();
    expect(!r!.ok && r!.reason.code).toBe('MALFORMED_CBOR');
  });

  it('encodes integers, byte strings and Maps in preferred form', () => {
    expect(toHex(encodeCbor(new Map<unknown, unknown>([[1, 24], [-1, Uint8Array.of(9)]])))).toBe('a2011818204109');
    expect(toHex(encodeCbor(['Signature1']))).toBe('816a5369676e617475726531');
  });
});

describe('COSE_Sign1', () => {
  const protectedBytes = encodeProtectedHeader(-7, hex('0102030405060708'));
  const payload = ascii('the payload');
  const signature = new Uint8Array(64).fill(0xab);

  it('parses the tagged form (tag 18) produced by encodeCoseSign1', () => {
    const bytes = encodeCoseSign1(protectedBytes, payload, signature);
    expect(bytes[0]).toBe(0xd2);
    const c = expectCose(bytes);
    expect(c.protectedBytes).toEqual(protectedBytes);
    expect(c.alg).toBe(-7);
    expect(c.kid).toEqual(hex('0102030405060708'));
    expect(c.payload).toEqual(payload);
    expect(c.signature).toEqual(signature);
  });

  it('parses the untagged form to the same fields', () => {
    const tagged = expectCose(encodeCoseSign1(protectedBytes, payload, signature));
    const untagged = expectCose(encodeCbor([protectedBytes, new Map(), payload, signature]));
    expect(untagged).toEqual({ ...tagged, tagged: false });
    expect(tagged.tagged).toBe(true);
  });

  it('rejects critical header parameters it cannot understand (RFC 9052 §3.1)', () => {
    const withCrit = encodeCbor(new Map<number, unknown>([[1, -7], [2, [99]], [4, new Uint8Array(8)]]));
    expectCoseRejected(encodeCoseSign1(withCrit, payload, signature));
  });

  it('rejects arrays of the wrong length and non-arrays', () => {
    expectCoseRejected(encodeCbor([protectedBytes, new Map(), payload]));
    expectCoseRejected(encodeCbor([protectedBytes, new Map(), payload, signature, signature]));
    expectCoseRejected(encodeCbor([]));
    expectCoseRejected(encodeCbor(new Map([[1, protectedBytes]])));
    expectCoseRejected(encodeCbor(payload));
    expectCoseRejected(hex('d2 d2 84 40 a0 40 40')); // doubly tagged
  });

  it('rejects a protected header that is not a byte string, or not a map inside', () => {
    expectCoseRejected(encodeCbor([new Map([[1, -7]]), new Map(), payload, signature])); // map, not bstr-wrapped
    expectCoseRejected(encodeCbor(['a10126', new Map(), payload, signature])); // text
    expectCoseRejected(encodeCbor([null, new Map(), payload, signature]));
    expectCoseRejected(encodeCbor([encodeCbor([1, -7]), new Map(), payload, signature])); // bstr holding an array
    expectCoseRejected(encodeCbor([hex('a1 01'), new Map(), payload, signature])); // bstr holding broken CBOR
    expectCoseRejected(encodeCbor([hex('a1 01 18 07'), new Map(), payload, signature])); // non-preferred int inside (strict)
  });

  it('rejects a non-map unprotected header, a detached or non-bstr payload and a non-bstr signature', () => {
    expectCoseRejected(encodeCbor([protectedBytes, [], payload, signature]));
    expectCoseRejected(encodeCbor([protectedBytes, new Map(), null, signature]));
    expectCoseRejected(encodeCbor([protectedBytes, new Map(), 'text payload', signature]));
    expectCoseRejected(encodeCbor([protectedBytes, new Map(), payload, 'sig']));
    expectCoseRejected(encodeCbor([protectedBytes, new Map(), payload, [signature]]));
  });

  it('rejects a non-integer alg and a non-bstr kid', () => {
    const textAlg = encodeCbor(new Map<number, unknown>([[1, 'ES256']]));
    expectCoseRejected(encodeCbor([textAlg, new Map(), payload, signature]));
    const textKid = encodeCbor(new Map<number, unknown>([[1, -7], [4, 'kid']]));
    expectCoseRejected(encodeCbor([textKid, new Map(), payload, signature]));
    const algOnly = encodeCbor(new Map<number, unknown>([[1, -7]]));
    expectCoseRejected(encodeCbor([algOnly, new Map<number, unknown>([[4, 42]]), payload, signature]));
  });

  it('takes the kid from the protected header in preference to the unprotected one', () => {
    const unprotected = new Map<number, unknown>([[4, hex('ffffffff')]]);
    const c = expectCose(encodeCbor([protectedBytes, unprotected, payload, signature]));
    expect(c.kid).toEqual(hex('0102030405060708'));
  });

  it('falls back to the unprotected kid; alg is read from the protected header only', () => {
    const algOnly = encodeCbor(new Map<number, unknown>([[1, -7]]));
    const c = expectCose(encodeCbor([algOnly, new Map<number, unknown>([[4, hex('beef')], [1, -8]]), payload, signature]));
    expect(c.kid).toEqual(hex('beef'));
    expect(c.alg).toBe(-7);
    const noAlg = expectCose(encodeCbor([new Uint8Array(0), new Map<number, unknown>([[1, -7]]), payload, signature]));
    expect(noAlg.alg).toBeUndefined();
    expect(noAlg.kid).toBeUndefined();
  });

  it('builds the Sig_structure of RFC 9052 §4.4 byte for byte', () => {
    for (const len of [0, 11, 23, 24, 255, 256, 1000]) {
      const p = new Uint8Array(len).map((_, i) => (i * 7) & 0xff);
      const bstrHead = (n: number) =>
        n < 24 ? [0x40 + n] : n < 256 ? [0x58, n] : n < 65536 ? [0x59, n >> 8, n & 0xff] : (() => { throw new Error('n'); })();
      const expected = Uint8Array.from([
        0x84, // array(4)
        0x6a, ...ascii('Signature1'), // context: text(10)
        ...bstrHead(protectedBytes.length), ...protectedBytes, // body_protected
        0x40, // external_aad: empty bstr
        ...bstrHead(p.length), ...p, // payload
      ]);
      expect(toHex(sigStructure(protectedBytes, p))).toBe(toHex(expected));
    }
  });

  it('writes the Sig_structure exactly as the CBOR encoder would, across every length form', () => {
    for (const len of [0, 23, 24, 255, 256, 65535, 65536, 70000])
      for (const plen of [0, 3, 24, 300]) {
        const p = new Uint8Array(len).map((_, i) => (i * 13) & 0xff);
        const ph = new Uint8Array(plen).map((_, i) => (i * 5) & 0xff);
        const ours = sigStructure(ph, p);
        const theirs = encodeCbor(['Signature1', ph, new Uint8Array(0), p]);
        expect(Buffer.compare(ours, theirs), `payload ${len}, protected ${plen}`).toBe(0);
      }
  });

  it('reproduces RFC 9052 Appendix C.2.1: parse, Sig_structure and ES256 verification', async () => {
    // COSE_Sign1 from RFC 9052 C.2.1 (= cose-wg/Examples sign1-tests/sign-pass-03), key "11" from C.7.1.
    const message = hex(
      'd28443a10126a10442313154546869732069732074686520636f6e74656e742e5840' +
        '8eb33e4ca31d1c465ab05aac34cc6b23d58fef5c083106c4d25a91aef0b0117e2af9a291aa32e14ab834dc56ed2a223444547e01f11d3b0916e5a4c345cacb36',
    );
    const c = expectCose(message);
    expect(c.alg).toBe(-7);
    expect(c.kid).toEqual(ascii('11')); // from the unprotected header
    expect(c.payload).toEqual(ascii('This is the content.'));
    const toBeSigned = sigStructure(c.protectedBytes, c.payload);
    expect(toHex(toBeSigned)).toBe('846a5369676e61747572653143a101264054546869732069732074686520636f6e74656e742e');
    const key = await importPublic('ES256', {
      kty: 'EC',
      crv: 'P-256',
      x: 'usWxHK2PmfnHKwXPS54m0kTcGJ90UiglWiGahtagnv8',
      y: 'IBOL-C3BttVivg-lSreASjpkttcsz-1rb7btKLv8EX4',
    });
    expect(await verifyWebCrypto('ES256', key, toBeSigned, c.signature)).toBe(true);
    const flipped = toBeSigned.slice();
    flipped[flipped.length - 1]! ^= 1;
    expect(await verifyWebCrypto('ES256', key, flipped, c.signature)).toBe(false);
  });

  it('round-trips a freshly signed message whose signature verifies over the Sig_structure', async () => {
    const k = await generateKeyPair('ES256');
    const ph = encodeProtectedHeader(-7, ascii(k.kid));
    const sig = await sign('ES256', k.privateJwk, sigStructure(ph, payload));
    const c = expectCose(encodeCoseSign1(ph, payload, sig));
    const key = await importPublic('ES256', k.publicJwk);
    expect(await verifyWebCrypto('ES256', key, sigStructure(c.protectedBytes, c.payload), c.signature)).toBe(true);
    // The signature covers the protected header: a different header does not verify.
    expect(await verifyWebCrypto('ES256', key, sigStructure(encodeProtectedHeader(-8, ascii(k.kid)), c.payload), c.signature)).toBe(false);
  });

  it('passes CBOR-level errors through as MALFORMED_CBOR', () => {
    expectCoseRejected(hex('d2 84 43'), 'MALFORMED_CBOR'); // truncated
    expectCoseRejected(hex('d3 84 40 a0 40 40'), 'MALFORMED_CBOR'); // tag 19
    expectCoseRejected(hex('d2 9f 40 a0 40 40 ff'), 'MALFORMED_CBOR'); // indefinite array under strict
  });
});
