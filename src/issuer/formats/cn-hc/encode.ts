/**
 * The issuing side: build and sign a CN health code. Used by the CLI, the demo world and tests;
 * the app never imports it.
 */
import { coseIdOf, type AlgName } from '../../../core/crypto/algorithms.ts';
import type { EcPrivateJwk, EcPublicJwk } from '../../../core/crypto/jwk.ts';
import { sign } from '../../../core/crypto/verify-signature.ts';
import { encodeBase45 } from '../../../core/encoding/base45.ts';
import { fromBase64Url } from '../../../core/encoding/bytes.ts';
import { encodeCbor } from '../../../core/encoding/cbor.ts';
import { encodeCoseSign1, encodeProtectedHeader, sigStructure } from '../../../core/encoding/cose-sign1.ts';
import { deflateZlib } from '../../../core/encoding/zlib.ts';
import type { HealthStatus } from '../../../core/model/credential.ts';
import { CLAIM, CLAIM_CNF, CLAIM_HEALTH_CODE, HC, HOLDER, PAYLOAD_VERSION, PREFIX, STATUS_CODES, TEST, VACC } from '../../../core/formats/cn-hc/constants.ts';
import { cnHealthCode } from '../../../core/formats/cn-hc/index.ts';
import { cnfClaim } from './device-key.ts';

export interface CnCodeInput {
  issuer: string;
  codeId: Uint8Array;
  issuedAt: Date;
  expiresAt: Date;
  status: HealthStatus;
  holder: { name: string; birthDate?: string; idTail?: string };
  tests?: { type: 'NAT' | 'RAT'; result: 'negative' | 'positive'; sampledAt: Date }[];
  vaccinations?: { dose: number; of: number; date: string; product: string }[];
  /**
   * v1.1: the holder device's public key (P-256; check it with deviceKeyFromJwk first). The code is
   * then device-bound: it carries the key as `cnf` and passes only as a live presentation.
   */
  deviceKey?: EcPublicJwk;
}

const secs = (d: Date) => Math.floor(d.getTime() / 1000);

export function encodeClaims(input: CnCodeInput): Uint8Array {
  const holder = new Map<number, unknown>([[HOLDER.name, input.holder.name]]);
  if (input.holder.birthDate) holder.set(HOLDER.birthDate, input.holder.birthDate);
  if (input.holder.idTail) holder.set(HOLDER.idTail, input.holder.idTail);
  const hc = new Map<number, unknown>([
    [HC.ver, PAYLOAD_VERSION],
    [HC.status, STATUS_CODES.indexOf(input.status)],
    [HC.holder, holder],
  ]);
  if (input.tests?.length)
    hc.set(
      HC.tests,
      input.tests.map(
        (t) =>
          new Map<number, unknown>([
            [TEST.type, t.type === 'NAT' ? 1 : 2],
            [TEST.result, t.result === 'negative' ? 0 : 1],
            [TEST.sampledAt, secs(t.sampledAt)],
          ]),
      ),
    );
  if (input.vaccinations?.length)
    hc.set(
      HC.vaccinations,
      input.vaccinations.map(
        (v) =>
          new Map<number, unknown>([
            [VACC.dose, v.dose],
            [VACC.of, v.of],
            [VACC.date, v.date],
            [VACC.product, v.product],
          ]),
      ),
    );
  const claims = new Map<number, unknown>([
    [CLAIM.iss, input.issuer],
    [CLAIM.exp, secs(input.expiresAt)],
    [CLAIM.iat, secs(input.issuedAt)],
    [CLAIM.cti, input.codeId],
  ]);
  // Inserted in key order (1, 4, 6, 7, 8, -65537): the encoder sorts anyway, the reader sees the spec's order.
  if (input.deviceKey) claims.set(CLAIM_CNF, cnfClaim(input.deviceKey));
  claims.set(CLAIM_HEALTH_CODE, hc);
  return encodeCbor(claims);
}

export interface SigningKey {
  alg: AlgName;
  kid: string;
  privateJwk: EcPrivateJwk;
}

/** Every layer, for the spec's worked examples and for tests that tamper with one layer. */
export interface EncodedLayers {
  claims: Uint8Array;
  protectedHeader: Uint8Array;
  sigStructure: Uint8Array;
  signature: Uint8Array;
  cose: Uint8Array;
  zlib: Uint8Array;
  base45: string;
  text: string;
}

/**
 * A signed code, read back as a verifier reads it before it is handed out: content the format
 * refuses (a birth date that is no calendar date, dose 3 of 2, an ID tail of other characters,
 * a validity past the format's longest) throws, naming why, instead of making a code every gate
 * would reject as MALFORMED_CLAIMS. Tests that need such codes sign claim bytes with encodeLayers.
 */
export async function encodeCnCode(input: CnCodeInput, key: SigningKey): Promise<EncodedLayers> {
  const code = await encodeLayers(encodeClaims(input), key);
  const read = cnHealthCode.decode(code.text);
  const credential = read.ok ? cnHealthCode.normalise(read.value, { valueSets: {} }) : read;
  if (!credential.ok) throw new Error(`a verifier would refuse this code (${credential.reason.code}): ${credential.reason.detail ?? 'see docs/formats/cn-health-code.md'}`);
  return code;
}

/** Sign arbitrary claim bytes: tests use it to build well-signed codes with broken content. */
export async function encodeLayers(claims: Uint8Array, key: SigningKey, coseAlg = coseIdOf(key.alg)): Promise<EncodedLayers> {
  const protectedHeader = encodeProtectedHeader(coseAlg, fromBase64Url(key.kid));
  const toSign = sigStructure(protectedHeader, claims);
  const signature = await sign(key.alg, key.privateJwk, toSign);
  const cose = encodeCoseSign1(protectedHeader, claims, signature);
  return packLayers({ claims, protectedHeader, sigStructure: toSign, signature, cose });
}

export function packLayers(l: Pick<EncodedLayers, 'claims' | 'protectedHeader' | 'sigStructure' | 'signature' | 'cose'>): EncodedLayers {
  const zlib = deflateZlib(l.cose);
  const base45 = encodeBase45(zlib);
  return { ...l, zlib, base45, text: PREFIX + base45 };
}
