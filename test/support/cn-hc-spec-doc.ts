/**
 * The CN health code's worked examples as the document holds them: its fenced blocks
 * (```<syntax> cn-hc-example-<example>:<item>) parsed into layers, keys and inputs, a collector of
 * mismatches, and the trust bundle each example is verified with. The checks themselves are in
 * src/core/formats/cn-hc/spec-examples.test.ts; this is the reading they share.
 */
import type { AlgName } from '../../src/core/crypto/algorithms.ts';
import { publicPart, type EcPrivateJwk, type EcPublicJwk } from '../../src/core/crypto/jwk.ts';
import { bytesEqual, fromHex, toHex } from '../../src/core/encoding/bytes.ts';
import { indexBundle } from '../../src/core/trust/trust-index.ts';
import { buildBundle } from '../../src/issuer/sign-bundle.ts';
import type { ExampleInput, ExamplePresentation, ExampleVerification } from './cn-hc-spec-examples.ts';

export type Blocks = Map<string, string>;

/** Blocks by example id, then by item, from the document's fenced blocks with a cn-hc-example info string. */
export function readBlocks(markdown: string): Map<string, Blocks> {
  const examples = new Map<string, Blocks>();
  const fence = /^```(\S+) cn-hc-example-([a-z0-9]+):([a-z0-9-]+)\n([\s\S]*?)\n```$/gm;
  for (const m of markdown.matchAll(fence)) {
    const [, , id, item, body] = m as unknown as [string, string, string, string, string];
    const blocks = examples.get(id) ?? new Map<string, string>();
    if (blocks.has(item)) throw new Error(`cn-hc-example-${id}:${item} appears twice`);
    blocks.set(item, body);
    examples.set(id, blocks);
  }
  return examples;
}

export const HEX_ITEMS = ['claims', 'protected', 'sig-structure', 'signature', 'cose', 'zlib'] as const;
export type HexItem = (typeof HEX_ITEMS)[number];
/** The bound example's presentation layers. */
export const DEVICE_HEX_ITEMS = ['device-tbs', 'device-signature', 'presentation-cbor'] as const;
export type DeviceHexItem = (typeof DEVICE_HEX_ITEMS)[number];

export interface DocPresentation {
  devicePrivateJwk: EcPrivateJwk & { kid: string; alg: AlgName };
  at: ExamplePresentation;
  hex: Record<DeviceHexItem, Uint8Array>;
  tbsDiag: string;
  base45: string;
  text: string;
  qr: string;
}

export interface DocExample {
  id: string;
  privateJwk: EcPrivateJwk & { kid: string; alg: AlgName };
  publicJwk: EcPublicJwk & { kid: string; alg: AlgName };
  input: ExampleInput;
  verification: ExampleVerification;
  hex: Record<HexItem, Uint8Array>;
  sm2?: { za: Uint8Array; e: Uint8Array };
  claimsDiag: string;
  protectedDiag: string;
  base45: string;
  code: string;
  qr: string;
  /** Only for a device-bound example. */
  presentation?: DocPresentation;
}

export function parseExample(id: string, blocks: Blocks): DocExample {
  const get = (item: string) => {
    const body = blocks.get(item);
    if (body === undefined) throw new Error(`cn-hc-example-${id}:${item} is missing`);
    return body;
  };
  const line = (item: string) => {
    const body = get(item);
    if (body.includes('\n')) throw new Error(`cn-hc-example-${id}:${item} must be one line`);
    return body;
  };
  const hex = Object.fromEntries(HEX_ITEMS.map((item) => [item, fromHex(get(item))])) as Record<HexItem, Uint8Array>;
  const privateJwk = JSON.parse(get('private-jwk'));
  return {
    id,
    privateJwk,
    publicJwk: JSON.parse(get('public-jwk')),
    input: JSON.parse(get('input')),
    verification: JSON.parse(get('verification')),
    hex,
    ...(privateJwk.alg === 'SM2-SM3' ? { sm2: { za: fromHex(get('sm2-za')), e: fromHex(get('sm2-e')) } } : {}),
    claimsDiag: get('claims-diag'),
    protectedDiag: get('protected-diag'),
    base45: line('base45'),
    code: line('code'),
    qr: get('qr'),
    ...(blocks.has('device-private-jwk')
      ? {
          presentation: {
            devicePrivateJwk: JSON.parse(get('device-private-jwk')),
            at: JSON.parse(get('presentation')),
            hex: Object.fromEntries(DEVICE_HEX_ITEMS.map((item) => [item, fromHex(get(item))])) as Record<DeviceHexItem, Uint8Array>,
            tbsDiag: get('device-tbs-diag'),
            base45: line('presentation-base45'),
            text: line('presentation-text'),
            qr: get('presentation-qr'),
          },
        }
      : {}),
  };
}

/** Collects mismatches instead of throwing, so that one run names every layer that disagrees. */
export class Findings {
  readonly list: string[] = [];
  bytes(what: string, actual: Uint8Array, documented: Uint8Array) {
    if (!bytesEqual(actual, documented)) this.list.push(`${what}: code gives ${toHex(actual)}, document has ${toHex(documented)}`);
  }
  same(what: string, actual: unknown, documented: unknown) {
    if (JSON.stringify(actual) !== JSON.stringify(documented))
      this.list.push(`${what}: code gives ${JSON.stringify(actual)}, document has ${JSON.stringify(documented)}`);
  }
  true(what: string, cond: boolean) {
    if (!cond) this.list.push(what);
  }
}

export const trustFor = (ex: DocExample) => {
  const v = ex.verification;
  const now = Date.parse(v.now);
  const bundle = buildBundle({
    version: 1,
    issuedAt: new Date(now - 86_400_000),
    expiresAt: new Date(now + 30 * 86_400_000),
    issuers: [{ id: v.trustedKey.issuer, kind: 'province', names: { 'zh-CN': '示例', en: 'Example' } }],
    keys: [
      {
        issuer: v.trustedKey.issuer,
        jwk: { ...publicPart(ex.publicJwk), kid: v.trustedKey.kid, alg: v.trustedKey.alg },
        validFrom: new Date(v.trustedKey.validFrom),
        validUntil: new Date(v.trustedKey.validUntil),
        kinds: v.trustedKey.kinds,
      },
    ],
  });
  return indexBundle(bundle);
};

/** A device key as WebCrypto holds it on a phone: private, for signing only. */
export const signingKey = (jwk: EcPrivateJwk) =>
  crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
