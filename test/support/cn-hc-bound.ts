/**
 * Device-bound CN health codes (v1.1) for tests and the fuzzer: a trust index with an ES256 and
 * an SM2 province, holder device keys made with WebCrypto as a phone makes them, bound codes,
 * and codes whose `cnf` claim is whatever a test needs (well signed, so only the reader refuses).
 */
import type { AlgName } from '../../src/core/crypto/algorithms.ts';
import type { EcPublicJwk } from '../../src/core/crypto/jwk.ts';
import { decodeCbor, encodeCbor } from '../../src/core/encoding/cbor.ts';
import { CLAIM_CNF } from '../../src/core/formats/cn-hc/constants.ts';
import { indexBundle, type Trust } from '../../src/core/trust/trust-index.ts';
import { encodeClaims, encodeCnCode, encodeLayers, type CnCodeInput, type SigningKey } from '../../src/issuer/formats/cn-hc/encode.ts';
import { generateKeyPair } from '../../src/issuer/keys.ts';
import { PROVINCES } from '../../src/issuer/regions.ts';
import { buildBundle } from '../../src/issuer/sign-bundle.ts';

const HOUR = 3600_000;

export interface Device {
  /** Non-extractable, as on a phone. */
  privateKey: CryptoKey;
  publicJwk: EcPublicJwk;
}

export async function newDevice(): Promise<Device> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const j = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, publicJwk: { kty: 'EC', crv: 'P-256', x: j.x!, y: j.y! } };
}

export interface BoundWorld {
  now: Date;
  trust: Trust;
  /** Trusted signers: Guangdong with ES256, Shanghai with SM2. */
  signers: Record<'ES256' | 'SM2-SM3', SigningKey & { issuer: string }>;
}

export async function boundWorld(now: Date): Promise<BoundWorld> {
  const at = (ms: number) => new Date(now.getTime() + ms);
  const es = await generateKeyPair('ES256');
  const sm = await generateKeyPair('SM2-SM3');
  const bundle = buildBundle({
    version: 1,
    issuedAt: at(-HOUR),
    expiresAt: at(30 * 24 * HOUR),
    issuers: ['440000', '310000'].map((id) => ({ id, kind: 'province' as const, names: PROVINCES[id]! })),
    keys: [
      { issuer: '440000', jwk: es.publicJwk, validFrom: at(-30 * 24 * HOUR), validUntil: at(365 * 24 * HOUR) },
      { issuer: '310000', jwk: sm.publicJwk, validFrom: at(-30 * 24 * HOUR), validUntil: at(365 * 24 * HOUR) },
    ],
  });
  const signer = (k: typeof es, issuer: string) => ({ alg: k.alg, kid: k.kid, privateJwk: k.privateJwk, issuer });
  return { now, trust: indexBundle(bundle), signers: { ES256: signer(es, '440000'), 'SM2-SM3': signer(sm, '310000') } };
}

/** A green code issued 10 minutes before `now`, valid a day; `n` varies its code id. */
export function codeInput(world: BoundWorld, alg: AlgName & ('ES256' | 'SM2-SM3'), n = 0, more: Partial<CnCodeInput> = {}): CnCodeInput {
  return {
    issuer: world.signers[alg].issuer,
    codeId: Uint8Array.from({ length: 16 }, (_, i) => n * 17 + i),
    issuedAt: new Date(world.now.getTime() - 10 * 60_000),
    expiresAt: new Date(world.now.getTime() + 24 * HOUR),
    status: 'green',
    holder: { name: '张小三', birthDate: '1990-05-17', idTail: '123X' },
    ...more,
  };
}

/** A bare code bound to `device` (or unbound without one), signed by the world's `alg` signer. */
export async function boundCode(world: BoundWorld, alg: 'ES256' | 'SM2-SM3', device?: Device, n = 0): Promise<string> {
  return (await encodeCnCode(codeInput(world, alg, n, device ? { deviceKey: device.publicJwk } : {}), world.signers[alg])).text;
}

/** A well-signed code whose `cnf` claim (key 8) holds `cnf` exactly as given. */
export async function codeWithCnf(world: BoundWorld, alg: 'ES256' | 'SM2-SM3', cnf: unknown): Promise<string> {
  const claims = decodeCbor(encodeClaims(codeInput(world, alg)));
  if (!claims.ok || !(claims.value instanceof Map)) throw new Error('claims');
  claims.value.set(CLAIM_CNF, cnf);
  return (await encodeLayers(encodeCbor(claims.value), world.signers[alg])).text;
}
