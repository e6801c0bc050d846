/**
 * The holder's side (v1.1): slots, the device signature input and the presentation layout, checked
 * against the contract byte by byte; and the binding check a holder makes before presenting.
 */
import { describe, expect, it } from 'vitest';
import { publicPart } from '../core/crypto/jwk.ts';
import { generateEs256 } from '../core/crypto/webcrypto.ts';
import { decodeBase45 } from '../core/encoding/base45.ts';
import { sha256, toHex, utf8 } from '../core/encoding/bytes.ts';
import { decodeCbor, encodeCbor } from '../core/encoding/cbor.ts';
import { PREFIX, PRESENTATION_PREFIX } from '../core/formats/cn-hc/constants.ts';
import { encodeClaims, encodeCnCode, encodeLayers, type CnCodeInput } from '../issuer/formats/cn-hc/encode.ts';
import { generateKeyPair } from '../issuer/keys.ts';
import { boundPoint, checkBinding } from './binding.ts';
import { present, presentationToBeSigned, slotOf } from './present.ts';

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;

async function deviceKeys() {
  const jwk = await generateEs256();
  const privateKey = await crypto.subtle.importKey('jwk', { ...jwk }, ECDSA, false, ['sign']);
  const publicKey = await crypto.subtle.importKey('jwk', { ...publicPart(jwk) }, ECDSA, true, ['verify']);
  return { jwk, privateKey, publicKey };
}

const INPUT: CnCodeInput = {
  issuer: '440000',
  codeId: new Uint8Array(16).fill(9),
  issuedAt: new Date('2022-06-01T00:00:00Z'),
  expiresAt: new Date('2022-06-01T12:00:00Z'),
  status: 'green',
  holder: { name: '王五' },
};

async function issued(extra: Partial<CnCodeInput> = {}) {
  const pair = await generateKeyPair('ES256');
  return encodeCnCode({ ...INPUT, ...extra }, { alg: 'ES256', kid: pair.kid, privateJwk: pair.privateJwk });
}

describe('slotOf', () => {
  it('counts 10-second slots of Unix time; a slot runs from its first second to just before the next', () => {
    expect(slotOf(new Date(0))).toBe(0);
    expect(slotOf(new Date(9_999))).toBe(0);
    expect(slotOf(new Date(10_000))).toBe(1);
    expect(slotOf(new Date('2022-06-01T02:00:00.000Z'))).toBe(165404880);
    expect(slotOf(new Date('2022-06-01T02:00:09.999Z'))).toBe(165404880);
    expect(slotOf(new Date('2022-06-01T02:00:10.000Z'))).toBe(165404881);
  });
});

describe('presentationToBeSigned', () => {
  it('is CBOR ["CNHP1", slot, SHA-256(code bytes)]', async () => {
    const codeBytes = utf8('any bytes');
    const hash = await sha256(codeBytes);
    const tbs = await presentationToBeSigned(codeBytes, 165404880);
    // 83 array(3) | 65 "CNHP1" | 1a 09dbd8d0 the slot | 5820 the hash
    expect(toHex(tbs)).toBe('83' + '65434e485031' + '1a09dbe0d0' + '5820' + toHex(hash));
  });
});

describe('present', () => {
  it('gives CNHP1: + base45(CBOR [code bytes, slot, signature]) that the device key verifies', async () => {
    const code = await issued();
    const keys = await deviceKeys();
    const at = new Date('2022-06-01T02:00:05Z');
    const r = await present(code.text, keys.privateKey, at);
    if (!r.ok) throw new Error(r.reason.code);
    expect(r.value.startsWith(PRESENTATION_PREFIX)).toBe(true);
    const bytes = decodeBase45(r.value.slice(PRESENTATION_PREFIX.length));
    if (!bytes.ok) throw new Error('not base45');
    const item = decodeCbor(bytes.value, { strict: true });
    if (!item.ok || !Array.isArray(item.value)) throw new Error('not a CBOR array');
    const [codeBytes, slot, signature] = item.value as [Uint8Array, number, Uint8Array];
    expect(item.value).toHaveLength(3);
    expect(toHex(codeBytes)).toBe(toHex(code.zlib));
    expect(slot).toBe(slotOf(at));
    expect(signature).toHaveLength(64);
    // The layout is exactly the contract's: re-encoding the parts gives the same bytes.
    expect(toHex(encodeCbor([codeBytes, slot, signature]))).toBe(toHex(bytes.value));
    const tbs = await presentationToBeSigned(codeBytes, slot);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, keys.publicKey, signature as BufferSource, tbs as BufferSource)).toBe(true);
  });

  it('stays in the QR alphanumeric character set', async () => {
    const r = await present((await issued()).text, (await deviceKeys()).privateKey, new Date());
    expect(r.ok && /^[0-9A-Z $%*+\-./:]+$/.test(r.value)).toBe(true);
  });

  it('refuses a text that is not a CN health code', async () => {
    const { privateKey } = await deviceKeys();
    for (const text of ['HC1:6BF', 'CNHC1:a', `${PRESENTATION_PREFIX}ABC`, '']) {
      const r = await present(text, privateKey, new Date());
      expect(r.ok ? 'presented' : r.reason.code, text).toBe('NOT_A_CODE');
    }
  });
});

describe('checkBinding', () => {
  it('accepts the device the code names, and names each other case', async () => {
    const mine = await deviceKeys();
    const other = await deviceKeys();
    const bound = await issued({ deviceKey: publicPart(mine.jwk) });
    expect(await checkBinding(bound.text, mine.publicKey)).toEqual({ ok: true, value: undefined });
    const problem = async (code: string) => {
      const r = await checkBinding(code, mine.publicKey);
      return r.ok ? 'ok' : r.reason.code;
    };
    expect((await checkBinding(bound.text, other.publicKey)).ok ? 'ok' : 'OTHER_DEVICE').toBe('OTHER_DEVICE');
    expect(await problem((await issued()).text)).toBe('NOT_BOUND');
    expect(await problem(`${PREFIX}NOT-BASE45!`)).toBe('NOT_A_CODE');
    expect(await problem('HC1:whatever')).toBe('NOT_A_CODE');
    // A presentation is not the stored code a holder presents from.
    const shown = await present(bound.text, mine.privateKey, new Date());
    expect(await problem(shown.ok ? shown.value : '')).toBe('NOT_A_CODE');
  });

  it('reports a cnf it cannot read as BINDING_MALFORMED, never as bound', async () => {
    const pair = await generateKeyPair('ES256');
    const key = { alg: 'ES256' as const, kid: pair.kid, privateJwk: pair.privateJwk };
    const withCnf = async (cnf: unknown) => {
      // The claims of a bare code with `cnf` spliced in as the given value (key 8, after cti).
      const claims = decodeCbor(encodeClaims(INPUT), { strict: true });
      if (!claims.ok || !(claims.value instanceof Map)) throw new Error('claims');
      const m = new Map([...claims.value].flatMap(([k, v]) => (k === 7 ? [[k, v], [8, cnf]] : [[k, v]])));
      return (await encodeLayers(encodeCbor(m), key)).text;
    };
    const x = new Uint8Array(32).fill(1);
    const coseKey = (...entries: [number, unknown][]) => new Map([[1, new Map<number, unknown>(entries)]]);
    for (const cnf of [
      5,
      new Map([[2, 1]]),
      coseKey([1, 2], [-1, 2], [-2, x], [-3, x]), // another curve
      coseKey([1, 2], [-1, 1], [-2, x.subarray(1)], [-3, x]), // a 31-byte coordinate
      coseKey([1, 2], [2, x], [-1, 1], [-2, x], [-3, x]), // a member more than the four: the gate refuses it
    ]) {
      const point = boundPoint(await withCnf(cnf));
      expect(point.ok ? 'bound' : point.reason.code).toBe('BINDING_MALFORMED');
    }
  });
});
