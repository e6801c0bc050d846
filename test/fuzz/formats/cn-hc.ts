/** cn-hc: seeds are fresh codes of four trusted provincial keys (ES256 and SM2), valid at NOW. */
import { encodeCnCode, type CnCodeInput } from '../../../src/core/formats/cn-hc/encode.ts';
import { CLAIM_HEALTH_CODE, PREFIX } from '../../../src/core/formats/cn-hc/constants.ts';
import { indexBundle } from '../../../src/core/trust/trust-index.ts';
import { generateKeyPair, type KeyPair } from '../../../src/issuer/keys.ts';
import { PROVINCES } from '../../../src/issuer/regions.ts';
import { buildBundle } from '../../../src/issuer/sign-bundle.ts';
import { coseSeed } from '../cose-seed.ts';
import { Genuine, type FormatFuzzer } from '../harness.ts';
import { coseMutators, type CoseSeed } from '../mutators/cose.ts';
import { textMutators } from '../mutators/text.ts';

const HOUR = 3600_000;
export const NOW = new Date(Date.UTC(2025, 5, 1, 8, 0, 0));
const at = (ms: number) => new Date(NOW.getTime() + ms);

export const cnHc: FormatFuzzer<CoseSeed> = {
  id: 'cn-hc',
  async setup() {
    const signers: [string, KeyPair][] = [
      ['440000', await generateKeyPair('ES256')],
      ['440000', await generateKeyPair('ES256')],
      ['310000', await generateKeyPair('SM2-SM3')],
      ['510000', await generateKeyPair('SM2-SM3')],
    ];
    const untrusted = [await generateKeyPair('ES256'), await generateKeyPair('SM2-SM3')];
    const bundle = buildBundle({
      version: 1,
      issuedAt: at(-HOUR),
      expiresAt: at(30 * 24 * HOUR),
      issuers: [...new Set(signers.map(([r]) => r))].map((id) => ({ id, kind: 'province' as const, names: PROVINCES[id]! })),
      keys: signers.map(([issuer, k]) => ({ issuer, jwk: k.publicJwk, validFrom: at(-30 * 24 * HOUR), validUntil: at(365 * 24 * HOUR) })),
    });
    const ctx = { trust: indexBundle(bundle), now: NOW };
    const genuine = new Genuine();
    const seeds: CoseSeed[] = [];
    for (const [n, [issuer, key]] of signers.entries())
      for (const variant of [0, 1]) {
        const input: CnCodeInput = {
          issuer,
          codeId: Uint8Array.from({ length: 16 }, (_, i) => n * 31 + variant * 7 + i),
          issuedAt: at(-10 * 60_000),
          expiresAt: at(24 * HOUR),
          status: 'green',
          holder: { name: variant ? '王五' : '张小三', birthDate: '1990-05-17', idTail: '123X' },
          ...(variant
            ? { vaccinations: [{ dose: 3, of: 3, date: '2022-01-10', product: 'BBIBP-CorV' }] }
            : { tests: [{ type: 'NAT' as const, result: 'negative' as const, sampledAt: at(-20 * HOUR) }] }),
        };
        const text = (await encodeCnCode(input, key)).text;
        const others = signers.filter(([, k]) => k !== key).map(([, k]) => k);
        const seed = await coseSeed({ text, prefix: PREFIX, ctx, mainClaim: CLAIM_HEALTH_CODE, signer: key, otherTrusted: others, untrusted, genuine });
        if (typeof seed === 'string') throw new Error(`cn-hc seed ${n}/${variant}: ${seed}`);
        seeds.push(seed);
      }
    return { format: 'cn-hc', seeds, mutators: [...textMutators<CoseSeed>(), ...coseMutators()], genuine };
  },
};
