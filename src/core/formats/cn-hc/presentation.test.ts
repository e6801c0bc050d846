/**
 * CN v1.1 read side: `CNHP1:` presentations taken apart (every malformed shape a specific
 * not-read reason) and the `cnf` claim read strictly (anything but {1: EC2 P-256 key} is
 * MALFORMED_CLAIMS, though the issuer signed it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45 } from '../../encoding/base45.ts';
import { concatBytes } from '../../encoding/bytes.ts';
import { encodeCbor } from '../../encoding/cbor.ts';
import { verifyCode } from '../../pipeline/run.ts';
import { present, presentationToBeSigned } from '../../../holder/present.ts';
import { boundCode, boundWorld, codeWithCnf, newDevice, type BoundWorld, type Device } from '../../../../test/support/cn-hc-bound.ts';
import { PRESENTATION_PREFIX } from './constants.ts';
import { cnHealthCode } from './index.ts';

const NOW = new Date(Date.UTC(2025, 2, 1, 8, 0, 0));
const SLOT = NOW.getTime() / 10_000;
let world: BoundWorld;
let phone: Device;
let code: string;
let codeBytes: Uint8Array;
beforeAll(async () => {
  world = await boundWorld(NOW);
  phone = await newDevice();
  code = await boundCode(world, 'ES256', phone);
  const b = decodeBase45(code.slice('CNHC1:'.length));
  if (!b.ok) throw new Error('base45');
  codeBytes = b.value;
});

const text = (cbor: Uint8Array) => PRESENTATION_PREFIX + encodeBase45(cbor);
const sig = (n = 64) => new Uint8Array(n).fill(7);
/** The slot as an 8-byte unsigned integer (0x1b): valid CBOR, but not the preferred (shortest) form. */
function longSlot(): Uint8Array {
  const b = new Uint8Array(9);
  b[0] = 0x1b;
  new DataView(b.buffer).setBigUint64(1, BigInt(SLOT));
  return b;
}

describe('CNHP1: presentations', () => {
  it('are detected by the same plug-in and decode to the bare code plus the device proof', async () => {
    const p = await present(code, phone.privateKey, NOW);
    if (!p.ok) throw new Error(p.reason.code);
    expect(cnHealthCode.detect(p.value)).toBe(true);
    const bare = cnHealthCode.decode(code);
    const shown = cnHealthCode.decode(p.value);
    if (!bare.ok || !shown.ok) throw new Error('decode');
    // The issuer's signature is checked over exactly the bare code's bytes.
    expect(shown.value.signedBytes).toEqual(bare.value.signedBytes);
    expect(shown.value.kid).toBe(bare.value.kid);
    expect(bare.value.presentation).toBeUndefined();
    expect(shown.value.presentation?.shownAt).toBe(NOW.getTime() / 1000);
    // What the gate rebuilds is byte for byte what the holder's device signed.
    expect(shown.value.presentation?.signedBytes).toEqual(await presentationToBeSigned(codeBytes, SLOT));
    expect(shown.value.presentation?.signature).toHaveLength(64);
  });

  // Each malformed presentation: its reason, and NOT READ (a misread, not the holder's code).
  const cases: [string, () => string, string][] = [
    ['bad base45', () => `${PRESENTATION_PREFIX}abc`, 'MALFORMED_BASE45'],
    ['a dangling base45 character', () => `${PRESENTATION_PREFIX}ABCD`, 'MALFORMED_BASE45'],
    ['not CBOR', () => text(Uint8Array.of(0xff, 0x00)), 'MALFORMED_CBOR'],
    ['empty', () => PRESENTATION_PREFIX, 'MALFORMED_CBOR'],
    ['an array of two', () => text(encodeCbor([codeBytes, SLOT])), 'MALFORMED_CBOR'],
    ['an array of four', () => text(encodeCbor([codeBytes, SLOT, sig(), 0])), 'MALFORMED_CBOR'],
    ['a map', () => text(encodeCbor(new Map([[0, codeBytes]]))), 'MALFORMED_CBOR'],
    ['code bytes as text', () => text(encodeCbor(['CNHC1:', SLOT, sig()])), 'MALFORMED_CBOR'],
    ['a negative slot', () => text(encodeCbor([codeBytes, -1, sig()])), 'MALFORMED_CBOR'],
    ['a float slot', () => text(encodeCbor([codeBytes, 1.5, sig()])), 'MALFORMED_CBOR'],
    ['a slot beyond 2^53', () => text(encodeCbor([codeBytes, 2n ** 64n - 1n, sig()])), 'MALFORMED_CBOR'],
    ['a slot before 2000', () => text(encodeCbor([codeBytes, 0, sig()])), 'MALFORMED_CBOR'],
    ['a slot after 2200', () => text(encodeCbor([codeBytes, 725811841, sig()])), 'MALFORMED_CBOR'],
    ['a signature of 63 bytes', () => text(encodeCbor([codeBytes, SLOT, sig(63)])), 'MALFORMED_CBOR'],
    ['a signature of 65 bytes', () => text(encodeCbor([codeBytes, SLOT, sig(65)])), 'MALFORMED_CBOR'],
    ['trailing bytes', () => text(concatBytes(encodeCbor([codeBytes, SLOT, sig()]), Uint8Array.of(0))), 'MALFORMED_CBOR'],
    // 0x9f … 0xff: an indefinite-length array; 0x83: a definite array of three
    ['an indefinite-length array', () => text(concatBytes(Uint8Array.of(0x9f), encodeCbor(codeBytes), encodeCbor(SLOT), encodeCbor(sig()), Uint8Array.of(0xff))), 'MALFORMED_CBOR'],
    ['a slot in a non-preferred encoding', () => text(concatBytes(Uint8Array.of(0x83), encodeCbor(codeBytes), longSlot(), encodeCbor(sig()))), 'MALFORMED_CBOR'],
    ['code bytes that are no zlib stream', () => text(encodeCbor([Uint8Array.of(1, 2, 3), SLOT, sig()])), 'MALFORMED_COMPRESSION'],
    ['code bytes cut short', () => text(encodeCbor([codeBytes.subarray(0, codeBytes.length - 5), SLOT, sig()])), 'MALFORMED_COMPRESSION'],
    ['a presentation of a presentation', () => text(encodeCbor([encodeCbor([codeBytes, SLOT, sig()]), SLOT, sig()])), 'MALFORMED_COMPRESSION'],
  ];
  for (const [name, make, reason] of cases)
    it(`${name}: ${reason}, not read`, async () => {
      const v = await verifyCode(make(), { trust: world.trust, now: NOW });
      expect(v.reasons.map((r) => r.code)).toEqual([reason]);
      expect(v.outcome).toBe('NOT_READ');
    });
});

describe('the cnf claim (key 8)', () => {
  const x = new Uint8Array(32).fill(1);
  const y = new Uint8Array(32).fill(2);
  const coseKey = (entries: [number, unknown][]) => new Map<unknown, unknown>(entries);
  const ok = (): [number, unknown][] => [[1, 2], [-1, 1], [-2, x], [-3, y]];

  it('a well-formed key makes the code device-bound', async () => {
    const bound = await codeWithCnf(world, 'SM2-SM3', new Map([[1, coseKey(ok())]]));
    const v = await verifyCode(bound, { trust: world.trust, now: NOW });
    expect(v.reasons.map((r) => r.code)).toEqual(['PRESENTATION_REQUIRED']);
    expect(v.credential?.deviceBound).toEqual({});
  });

  const bad: [string, unknown][] = [
    ['not a map', x],
    ['an empty map', new Map()],
    ['a key under 2, not 1', new Map([[2, coseKey(ok())]])],
    ['a second member', new Map<unknown, unknown>([[1, coseKey(ok())], [3, 0]])],
    ['a text key', new Map([['1', coseKey(ok())]])],
    ['a COSE_Key that is bytes', new Map([[1, x]])],
    ['kty OKP', new Map([[1, coseKey([[1, 1], [-1, 1], [-2, x], [-3, y]])]])],
    ['kty as text', new Map([[1, coseKey([[1, 'EC2'], [-1, 1], [-2, x], [-3, y]])]])],
    ['crv P-384', new Map([[1, coseKey([[1, 2], [-1, 2], [-2, x], [-3, y]])]])],
    ['x of 31 bytes', new Map([[1, coseKey([[1, 2], [-1, 1], [-2, x.subarray(1)], [-3, y]])]])],
    ['y of 33 bytes', new Map([[1, coseKey([[1, 2], [-1, 1], [-2, x], [-3, new Uint8Array(33)]])]])],
    ['y as a boolean (compressed point)', new Map([[1, coseKey([[1, 2], [-1, 1], [-2, x], [-3, true]])]])],
    ['no y', new Map([[1, coseKey([[1, 2], [-1, 1], [-2, x]])]])],
    ['an extra kid', new Map([[1, coseKey([...ok(), [2, Uint8Array.of(1)]])]])],
    ['a private key d', new Map([[1, coseKey([...ok(), [-4, x]])]])],
  ];
  for (const [name, cnf] of bad)
    it(`${name}: MALFORMED_CLAIMS though well signed`, async () => {
      const v = await verifyCode(await codeWithCnf(world, 'ES256', cnf), { trust: world.trust, now: NOW });
      expect(v.reasons.map((r) => r.code)).toEqual(['MALFORMED_CLAIMS']);
      expect(v.signatureVerified).toBe(true);
      expect(v.outcome).toBe('FAIL');
    });
});
