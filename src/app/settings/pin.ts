/**
 * The kiosk PIN: stored only as a salted PBKDF2-SHA-256 hash, plus a lockout after repeated wrong
 * tries. What this buys is limited and worth saying plainly: a 4–12 digit PIN has at most 10^12
 * values (a 4-digit one 10^4), so anyone who copies the hash off the device can still try them
 * all; the iterations only make each try cost more (≈0.2 s on a laptop, up to about a second
 * on a cheap phone), which slows that down. The PIN keeps passers-by and curious staff out of the
 * settings. It does not stop someone who can open the browser's developer tools or clear the
 * site's data.
 */
import { fromBase64Url, toBase64Url, utf8 } from '../../core/encoding/bytes.ts';

export const PIN_ALG = 'PBKDF2-SHA-256';
/** OWASP suggests 600k for PBKDF2-SHA-256 on servers; 200k keeps unlocking on a cheap phone to about a second. */
export const PIN_ITERATIONS = 200_000;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Bounds for a stored record: a damaged iteration count must not freeze the screen for minutes. */
const MIN_ITERATIONS = 100_000;
const MAX_ITERATIONS = 5_000_000;

export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 12;

export interface PinRecord {
  alg: typeof PIN_ALG;
  /** Stored with the hash so a later version can raise it without locking anyone out. */
  iterations: number;
  /** base64url, 16 random bytes. */
  salt: string;
  /** base64url, 32 bytes. */
  hash: string;
}

/** Digits as typed on any keypad: full-width digits (Chinese IMEs) become ASCII, spaces go. */
export function normalizePin(input: string): string {
  return input.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30)).replace(/\s+/g, '');
}

export function isValidPin(input: string): boolean {
  return new RegExp(`^[0-9]{${PIN_MIN_LENGTH},${PIN_MAX_LENGTH}}$`).test(normalizePin(input));
}

/** base64url PBKDF2-SHA-256(normalizePin(pin), salt) with 32 output bytes. */
export async function hashPin(pin: string, salt: string, iterations: number = PIN_ITERATIONS): Promise<string> {
  const key = await crypto.subtle.importKey('raw', utf8(normalizePin(pin)) as Uint8Array<ArrayBuffer>, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64Url(salt) as Uint8Array<ArrayBuffer>, iterations },
    key,
    HASH_BYTES * 8,
  );
  return toBase64Url(new Uint8Array(bits));
}

/** A record for a new PIN with a fresh random salt. The caller checks isValidPin first. */
export async function createPinRecord(pin: string, iterations: number = PIN_ITERATIONS): Promise<PinRecord> {
  const salt = toBase64Url(crypto.getRandomValues(new Uint8Array(SALT_BYTES)));
  return { alg: PIN_ALG, iterations, salt, hash: await hashPin(pin, salt, iterations) };
}

export async function verifyPin(pin: string, record: PinRecord): Promise<boolean> {
  const got = await hashPin(pin, record.salt, record.iterations);
  // Compare every character: an early exit would tell a timing attacker how much matched.
  let diff = got.length ^ record.hash.length;
  for (let i = 0; i < got.length; i++) diff |= got.charCodeAt(i) ^ (record.hash.charCodeAt(i) || 0);
  return diff === 0;
}

/** A stored PIN record if it is well-formed, else undefined. */
export function parsePinRecord(v: unknown): PinRecord | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  if (r.alg !== PIN_ALG) return undefined;
  const it = r.iterations;
  if (typeof it !== 'number' || !Number.isInteger(it) || it < MIN_ITERATIONS || it > MAX_ITERATIONS) return undefined;
  if (decodedLength(r.salt) < SALT_BYTES || decodedLength(r.hash) !== HASH_BYTES) return undefined;
  return { alg: PIN_ALG, iterations: it, salt: r.salt as string, hash: r.hash as string };
}

function decodedLength(v: unknown): number {
  if (typeof v !== 'string' || v.length > 128) return -1;
  try {
    return fromBase64Url(v).length;
  } catch {
    return -1;
  }
}

// ---- lockout ----

/** Wrong tries in a row before a lockout. */
export const MAX_TRIES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 5 * 60_000;

export interface PinAttempts {
  /** Wrong tries since the last lockout or success. */
  failures: number;
  /** Lockouts since the last success: each one doubles the next. */
  lockouts: number;
  /** Epoch ms; tries are refused before this. */
  lockedUntil: number;
}

export const NO_ATTEMPTS: PinAttempts = Object.freeze({ failures: 0, lockouts: 0, lockedUntil: 0 });

/** After a wrong PIN: every MAX_TRIES-th wrong try locks for 30 s, then 60 s, … up to 5 min. */
export function pinFailed(s: PinAttempts, now: number): PinAttempts {
  const failures = s.failures + 1;
  if (failures < MAX_TRIES) return { ...s, failures };
  const lockouts = s.lockouts + 1;
  return { failures: 0, lockouts, lockedUntil: now + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (lockouts - 1)) };
}

/**
 * Milliseconds left in a lockout, 0 when a try is allowed. Capped at the longest lockout, so a
 * clock turned back (or a damaged stored value) cannot lock the screen for longer.
 */
export const lockRemainingMs = (s: PinAttempts, now: number): number => Math.min(MAX_LOCK_MS, Math.max(0, s.lockedUntil - now));

/** Attempts as read back from storage; anything malformed counts as none. */
export function parseAttempts(v: unknown): PinAttempts {
  if (typeof v !== 'object' || v === null) return NO_ATTEMPTS;
  const r = v as Record<string, unknown>;
  const n = (x: unknown, max: number) => (typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max ? x : 0);
  return { failures: n(r.failures, MAX_TRIES - 1), lockouts: n(r.lockouts, 64), lockedUntil: n(r.lockedUntil, Number.MAX_SAFE_INTEGER) };
}
