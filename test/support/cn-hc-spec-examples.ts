/**
 * The CN health code's worked examples (docs/formats/cn-health-code.md, "Worked examples") as
 * data and notation: the documented input as the encoder's input, CBOR diagnostic notation with
 * the document's comments, the SM2 digest and the QR facts. Shared by the script that writes the
 * examples (scripts/spec-examples.ts) and the test that keeps them true
 * (src/core/formats/cn-hc/spec-examples.test.ts); here, in test/support, because a test may not
 * import a script and the app never needs it.
 */
import { sm2, sm3 } from 'sm-crypto-v2';
import type { AlgName } from '../../src/core/crypto/algorithms.ts';
import QRCode from 'qrcode';
import type { EcPublicJwk } from '../../src/core/crypto/jwk.ts';
import { concatBytes, fromBase64Url, fromHex, toHex } from '../../src/core/encoding/bytes.ts';
import { Tagged } from '../../src/core/encoding/cbor.ts';
import { STATUS_CODES } from '../../src/core/formats/cn-hc/constants.ts';
import type { CredentialKind, HealthStatus } from '../../src/core/model/credential.ts';
import type { CnCodeInput } from '../../src/issuer/formats/cn-hc/encode.ts';
import { qrMatrix, qrSegments } from '../../src/issuer/qr-render.node.ts';

/** The input of an example as the document shows it: times as ISO 8601, the code id as hex. */
export interface ExampleInput {
  issuer: string;
  codeId: string;
  issuedAt: string;
  expiresAt: string;
  status: HealthStatus;
  holder: { name: string; birthDate?: string; idTail?: string };
  tests?: { type: 'NAT' | 'RAT'; result: 'negative' | 'positive'; sampledAt: string }[];
  vaccinations?: { dose: number; of: number; date: string; product: string }[];
  /** v1.1: the holder device's public key (P-256 JWK) the code is bound to. */
  deviceKey?: EcPublicJwk;
}

/** When a bound example is presented (v1.1): the time the holder's app made the presentation, and its slot. */
export interface ExamplePresentation {
  presentedAt: string;
  slot: number;
}

/** How the example is verified: the trust bundle entry for its key, the time, the expected outcome. */
export interface ExampleVerification {
  trustedKey: { issuer: string; kid: string; alg: AlgName; validFrom: string; validUntil: string; kinds: CredentialKind[] };
  now: string;
  outcome: 'PASS';
}

/** The documented input (JSON) as the encoder's input. */
export function inputFromJson(j: ExampleInput): CnCodeInput {
  return {
    issuer: j.issuer,
    codeId: fromHex(j.codeId),
    issuedAt: new Date(j.issuedAt),
    expiresAt: new Date(j.expiresAt),
    status: j.status,
    holder: { ...j.holder },
    ...(j.tests ? { tests: j.tests.map((t) => ({ ...t, sampledAt: new Date(t.sampledAt) })) } : {}),
    ...(j.vaccinations ? { vaccinations: j.vaccinations.map((v) => ({ ...v })) } : {}),
    ...(j.deviceKey ? { deviceKey: { ...j.deviceKey } } : {}),
  };
}

/** Hex in lines of 32 bytes, as the document prints it. */
export function wrapHex(bytes: Uint8Array, perLine = 32): string {
  const hex = toHex(bytes);
  const lines: string[] = [];
  for (let i = 0; i < hex.length; i += perLine * 2) lines.push(hex.slice(i, i + perLine * 2));
  return lines.join('\n');
}

/** A comment for the item at `path` (map keys and array indices from the root), or none. */
export type Annotate = (path: readonly unknown[], value: unknown) => string | undefined;

/**
 * CBOR extended diagnostic notation (RFC 8610 appendix G) of a decoded item: maps and arrays one
 * entry a line, byte strings as h'..', comments as / .. /.
 */
export function diag(value: unknown, annotate: Annotate = () => undefined, path: unknown[] = [], indent = ''): string {
  if (value instanceof Tagged) return `${value.tag}(${diag(value.value, annotate, path, indent)})`;
  if (value instanceof Uint8Array) return `h'${toHex(value)}'`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean' || value === null) return String(value);
  const inner = indent + '  ';
  const entries: [string, unknown, unknown[]][] = [];
  let open: string;
  let close: string;
  if (value instanceof Map) {
    [open, close] = ['{', '}'];
    for (const [k, v] of value) entries.push([`${diag(k)}: `, v, [...path, k]]);
  } else if (Array.isArray(value)) {
    [open, close] = ['[', ']'];
    value.forEach((v, i) => entries.push(['', v, [...path, i]]));
  } else throw new Error(`no diagnostic notation for ${typeof value}`);
  if (entries.length === 0) return open + close;
  const lines = entries.map(([prefix, v, p], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    const note = annotate(p, v);
    const body = diag(v, annotate, p, inner);
    const nl = body.indexOf('\n');
    // A comment goes after the comma, or after the opening bracket of a nested map or array.
    if (nl < 0) return `${inner}${prefix}${body}${comma}${note ? `  / ${note} /` : ''}`;
    return `${inner}${prefix}${body.slice(0, nl)}${note ? `  / ${note} /` : ''}${body.slice(nl)}${comma}`;
  });
  return `${open}\n${lines.join('\n')}\n${indent}${close}`;
}

const iso = (v: unknown) => (typeof v === 'number' ? new Date(v * 1000).toISOString().replace('.000Z', 'Z') : '?');

/** Comments naming each claim of a CN health code. */
export const annotateClaims: Annotate = (path, value) => {
  const p = path.map((k, i) => (typeof k === 'number' && i > 0 && (path[i - 1] === 4 || path[i - 1] === 5) && path[i - 2] === -65537 ? '#' : String(k))).join('/');
  const named: Record<string, string> = {
    '1': 'iss: issuing body (GB/T 2260)',
    '4': `exp: ${iso(value)}`,
    '6': `iat: ${iso(value)}`,
    '7': 'cti: code id',
    '8': 'cnf: the holder device key (v1.1)',
    '8/1': 'COSE_Key',
    '8/1/1': 'kty: EC2',
    '8/1/-1': 'crv: P-256',
    '8/1/-2': 'x',
    '8/1/-3': 'y',
    '-65537': 'health code claim',
    '-65537/1': 'ver',
    '-65537/2': `status: ${STATUS_CODES[value as number] ?? '?'}`,
    '-65537/3': 'holder',
    '-65537/3/1': 'name',
    '-65537/3/2': 'birth date',
    '-65537/3/3': 'ID tail',
    '-65537/4': 'tests',
    '-65537/4/#/1': `type: ${value === 1 ? 'NAT' : value === 2 ? 'RAT' : '?'}`,
    '-65537/4/#/2': `result: ${value === 0 ? 'negative' : value === 1 ? 'positive' : '?'}`,
    '-65537/4/#/3': `sampled at ${iso(value)}`,
    '-65537/5': 'vaccinations',
    '-65537/5/#/1': 'dose',
    '-65537/5/#/2': 'of',
    '-65537/5/#/3': 'date',
    '-65537/5/#/4': 'product',
  };
  return named[p];
};

/** Comments naming the protected header parameters. */
export const annotateProtected: Annotate = (path, value) => {
  if (path.length !== 1) return undefined;
  if (path[0] === 1) return `alg: ${value === -7 ? 'ES256' : value === -65537 ? 'SM2 with SM3 (private use)' : '?'}`;
  if (path[0] === 4) return 'kid';
  return undefined;
};

/** Comments naming the parts of what the device signs, CBOR ["CNHP1", slot, SHA-256(code bytes)]. */
export const annotateDeviceInput: Annotate = (path, value) => {
  if (path.length !== 1) return undefined;
  if (path[0] === 1) return `slot: ${iso(typeof value === 'number' ? value * 10 : undefined)} + 0..9 s`;
  return ['context', undefined, 'SHA-256 of the code bytes'][path[0] as number];
};

/** Uncompressed SEC1 point 04 || x || y as sm-crypto-v2 takes it. */
export const sm2PublicHex = (jwk: EcPublicJwk): string => '04' + toHex(fromBase64Url(jwk.x)) + toHex(fromBase64Url(jwk.y));

/** Z_A with the default user id, and the SM2 message digest e = SM3(Z_A || M). */
export function sm2Digest(jwk: EcPublicJwk, message: Uint8Array): { za: Uint8Array; e: Uint8Array } {
  const za = sm2.getZ(sm2PublicHex(jwk));
  return { za, e: fromHex(sm3(concatBytes(za, message))) };
}

/** QR symbol of the code in alphanumeric mode at error correction level Q. */
export function qrFacts(text: string): string {
  const { size } = qrMatrix(text);
  return `characters: ${text.length}\nmode: alphanumeric\nerror correction: Q\nversion: ${(size - 17) / 4}\nmodules: ${size} x ${size}`;
}

/** The QR version (1..40) of `text` at an error correction level, in the mode qrPng uses (alphanumeric when it can). */
export function qrVersion(text: string, level: 'L' | 'M' | 'Q' | 'H'): number {
  return QRCode.create(qrSegments(text), { errorCorrectionLevel: level }).version;
}

/** QR facts at the format's level Q and at level M (what a phone screen, without glare, could use). */
export function qrFactsQM(text: string): string {
  const line = (level: 'Q' | 'M') => {
    const v = qrVersion(text, level);
    return `error correction ${level}: version ${v}, modules ${17 + 4 * v} x ${17 + 4 * v}`;
  };
  const alnum = /^[0-9A-Z $%*+\-./:]+$/.test(text);
  return `characters: ${text.length}\nmode: ${alnum ? 'alphanumeric' : 'byte'}\n${line('Q')}\n${line('M')}`;
}
