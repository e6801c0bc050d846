import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  MAX_TRIES,
  NO_ATTEMPTS,
  PIN_ITERATIONS,
  createPinRecord,
  hashPin,
  isValidPin,
  lockRemainingMs,
  normalizePin,
  parseAttempts,
  parsePinRecord,
  pinFailed,
  verifyPin,
  type PinAttempts,
} from './pin.ts';
import { fromBase64Url, toBase64Url } from '../../core/encoding/bytes.ts';

// Fewer iterations keep the suite fast; the production count is checked once below.
const FAST = 100_000;
const SALT = toBase64Url(new Uint8Array(16).map((_, i) => i));

describe('hashPin', () => {
  it('is PBKDF2-SHA-256 with 32 output bytes (cross-checked against node:crypto)', async () => {
    const expected = pbkdf2Sync('2468', Buffer.from(fromBase64Url(SALT)), FAST, 32, 'sha256');
    expect(await hashPin('2468', SALT, FAST)).toBe(toBase64Url(new Uint8Array(expected)));
  });
  it('uses at least 100k iterations by default', async () => {
    expect(PIN_ITERATIONS).toBeGreaterThanOrEqual(100_000);
    const expected = pbkdf2Sync('1357', Buffer.from(fromBase64Url(SALT)), PIN_ITERATIONS, 32, 'sha256');
    expect(await hashPin('1357', SALT)).toBe(toBase64Url(new Uint8Array(expected)));
  });
  it('depends on the salt', async () => {
    const other = toBase64Url(new Uint8Array(16).fill(7));
    expect(await hashPin('2468', SALT, FAST)).not.toBe(await hashPin('2468', other, FAST));
  });
  it('hashes full-width digits as the ASCII PIN', async () => {
    expect(await hashPin('２４６８', SALT, FAST)).toBe(await hashPin('2468', SALT, FAST));
  });
});

describe('createPinRecord / verifyPin', () => {
  it('accepts the right PIN and refuses others', async () => {
    const rec = await createPinRecord('0042', FAST);
    expect(rec.alg).toBe('PBKDF2-SHA-256');
    expect(rec.iterations).toBe(FAST);
    expect(fromBase64Url(rec.salt)).toHaveLength(16);
    expect(fromBase64Url(rec.hash)).toHaveLength(32);
    expect(await verifyPin('0042', rec)).toBe(true);
    expect(await verifyPin('42', rec)).toBe(false);
    expect(await verifyPin('0043', rec)).toBe(false);
    expect(await verifyPin('', rec)).toBe(false);
  });
  it('salts each record afresh', async () => {
    const [a, b] = await Promise.all([createPinRecord('1111', FAST), createPinRecord('1111', FAST)]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });
  it('refuses when the stored hash was truncated', async () => {
    const rec = await createPinRecord('2580', FAST);
    expect(await verifyPin('2580', { ...rec, hash: rec.hash.slice(0, -2) })).toBe(false);
  });
});

describe('PIN format', () => {
  it('wants 4 to 12 digits', () => {
    expect(isValidPin('1234')).toBe(true);
    expect(isValidPin('123456789012')).toBe(true);
    expect(isValidPin('123')).toBe(false);
    expect(isValidPin('1234567890123')).toBe(false);
    expect(isValidPin('12a4')).toBe(false);
    expect(isValidPin('')).toBe(false);
  });
  it('normalises full-width digits and spaces', () => {
    expect(normalizePin(' １２ ３４ ')).toBe('1234');
    expect(isValidPin('１２３４')).toBe(true);
  });
});

describe('parsePinRecord', () => {
  const good = { alg: 'PBKDF2-SHA-256', iterations: 200_000, salt: SALT, hash: toBase64Url(new Uint8Array(32)) };
  it('keeps a well-formed record', () => {
    expect(parsePinRecord(good)).toEqual(good);
    expect(parsePinRecord({ ...good, extra: 1 })).toEqual(good);
  });
  it.each([
    ['null', null],
    ['a string', 'abc'],
    ['another algorithm', { ...good, alg: 'SHA-1' }],
    ['too few iterations', { ...good, iterations: 1000 }],
    ['absurd iterations', { ...good, iterations: 1e9 }],
    ['fractional iterations', { ...good, iterations: 200_000.5 }],
    ['a short salt', { ...good, salt: toBase64Url(new Uint8Array(4)) }],
    ['a non-base64 hash', { ...good, hash: '!!!' }],
    ['a short hash', { ...good, hash: toBase64Url(new Uint8Array(16)) }],
    ['a missing hash', { ...good, hash: undefined }],
  ])('drops %s', (_, v) => {
    expect(parsePinRecord(v)).toBeUndefined();
  });
});

describe('lockout', () => {
  const fail = (s: PinAttempts, n: number, now: number) => {
    for (let i = 0; i < n; i++) s = pinFailed(s, now);
    return s;
  };
  it('allows four wrong tries, locks on the fifth', () => {
    const four = fail(NO_ATTEMPTS, MAX_TRIES - 1, 1000);
    expect(lockRemainingMs(four, 1000)).toBe(0);
    const five = pinFailed(four, 1000);
    expect(lockRemainingMs(five, 1000)).toBe(30_000);
    expect(lockRemainingMs(five, 31_000)).toBe(0);
    expect(five.failures).toBe(0);
  });
  it('doubles each further lockout, up to five minutes', () => {
    let s = fail(NO_ATTEMPTS, 5, 0);
    s = fail(s, 5, 100_000);
    expect(lockRemainingMs(s, 100_000)).toBe(60_000);
    for (let i = 0; i < 10; i++) s = fail(s, 5, 0);
    expect(lockRemainingMs(s, 0)).toBe(300_000);
  });
  it('never reports more than the longest lockout (clock turned back)', () => {
    expect(lockRemainingMs({ failures: 0, lockouts: 1, lockedUntil: 10 ** 13 }, 0)).toBe(300_000);
  });
  it('reads damaged stored attempts as none', () => {
    expect(parseAttempts(null)).toEqual(NO_ATTEMPTS);
    expect(parseAttempts({ failures: -1, lockouts: 'x', lockedUntil: 1.5 })).toEqual(NO_ATTEMPTS);
    expect(parseAttempts({ failures: 2, lockouts: 1, lockedUntil: 5 })).toEqual({ failures: 2, lockouts: 1, lockedUntil: 5 });
  });
});
