/** Takes a valid COSE-based code apart into the layers the COSE mutators rebuild. */
import { decodeBase45 } from '../../src/core/encoding/base45.ts';
import { decodeCbor, Tagged } from '../../src/core/encoding/cbor.ts';
import { inflateZlib } from '../../src/core/encoding/zlib.ts';
import type { SigningKey } from '../../src/issuer/formats/cn-hc/encode.ts';
import { detectFormat } from '../../src/core/formats/registry.ts';
import { verifyCode, type VerifyContext } from '../../src/core/pipeline/run.ts';
import { toNode, type Node } from './cbor-writer.ts';
import type { Genuine } from './harness.ts';
import type { CoseSeed } from './mutators/cose.ts';

export interface SeedInput {
  text: string;
  prefix: string;
  ctx: VerifyContext;
  mainClaim: number;
  signer?: SigningKey;
  otherTrusted: SigningKey[];
  untrusted: SigningKey[];
  genuine: Genuine;
}

/** The seed, or why it cannot serve (it must PASS as it is, or mutations would prove nothing). */
export async function coseSeed(i: SeedInput): Promise<CoseSeed | string> {
  const verdict = await verifyCode(i.text, i.ctx);
  if (verdict.outcome !== 'PASS') return `seed does not pass: ${verdict.reasons.map((r) => r.code).join(',')}`;
  const b45 = decodeBase45(i.text.slice(i.prefix.length));
  if (!b45.ok) return 'base45';
  // The DCC allows an uncompressed COSE message; such seeds are skipped (zlib mutators need a stream).
  const cose = inflateZlib(b45.value);
  if (!cose.ok) return 'not zlib';
  const item = decodeCbor(cose.value, { tags: [61, 18] });
  if (!item.ok) return 'cbor';
  let v = item.value;
  while (v instanceof Tagged) v = v.value;
  const [protectedBytes, unprotected, payload, signature] = v as [Uint8Array, Map<unknown, unknown>, Uint8Array, Uint8Array];
  const claims = decodeCbor(payload, { tags: [0] });
  if (!claims.ok) return 'claims';
  const decoded = detectFormat(i.text)!.decode(i.text);
  if (!decoded.ok) return 'decode';
  const credentialJson = JSON.stringify(verdict.credential);
  i.genuine.add(decoded.value.signedBytes, credentialJson);
  return {
    ...i,
    compressed: b45.value,
    cose: cose.value,
    protectedBytes,
    unprotected: toNode(unprotected) as Node & { t: 'map' },
    payload,
    signature,
    claims: toNode(claims.value) as Node & { t: 'map' },
    credentialJson,
  };
}
