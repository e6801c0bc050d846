/**
 * eu-dcc: seeds are the EU suite's vectors that pass as they are (third-party encoders, signed by
 * their own DSCs) and the same payloads re-signed by our own trusted test key, so that malformed
 * content can be signed by a key the gate trusts. Each seed's bundle also trusts two own keys,
 * for kid swaps.
 */
import { int } from '../../cbor-writer.ts';
import { coseIdOf } from '../../../../src/core/crypto/algorithms.ts';
import { sign } from '../../../../src/core/crypto/verify-signature.ts';
import { encodeBase45 } from '../../../../src/core/encoding/base45.ts';
import { fromBase64Url } from '../../../../src/core/encoding/bytes.ts';
import { sigStructure } from '../../../../src/core/encoding/cose-sign1.ts';
import { deflateZlib } from '../../../../src/core/encoding/zlib.ts';
import { CLAIM_HCERT, FORMAT_ID, PREFIX } from '../../../../src/core/formats/eu-dcc/constants.ts';
import { generateKeyPair } from '../../../../src/issuer/keys.ts';
import { coseSeed } from '../../cose-seed.ts';
import { loadEuVectors, vectorTrust } from './vectors.ts';
import { Genuine, type FormatFuzzer } from '../../harness.ts';
import { coseBytes, coseMutators, protectedHeader, type CoseSeed } from '../../mutators/cose.ts';
import { textMutators } from '../../mutators/text.ts';

const DAY = 86400_000;

export const euDcc: FormatFuzzer<CoseSeed> = {
  id: FORMAT_ID,
  async setup() {
    const [a, b] = [await generateKeyPair('ES256'), await generateKeyPair('ES256')];
    const untrusted = [await generateKeyPair('ES256'), await generateKeyPair('SM2-SM3')];
    const genuine = new Genuine();
    const seeds: CoseSeed[] = [];
    const skipped: string[] = [];
    for (const v of await loadEuVectors()) {
      const own = [a, b].map((k) => ({ issuer: v.country, jwk: k.publicJwk, validFrom: new Date(v.now.getTime() - 30 * DAY), validUntil: new Date(v.now.getTime() + 365 * DAY), kinds: ['vaccination', 'test', 'recovery'] as const, formats: [FORMAT_ID] }));
      const ctx = { trust: vectorTrust(v, own.map((o) => ({ ...o, kinds: [...o.kinds] }))), now: v.now };
      const base = { prefix: PREFIX, ctx, mainClaim: CLAIM_HCERT, untrusted, genuine };
      const asIs = await coseSeed({ ...base, text: v.text, otherTrusted: [a, b] });
      if (typeof asIs === 'string') {
        skipped.push(`${v.file}: ${asIs}`);
        continue;
      }
      seeds.push(asIs);
      // The same payload bytes, signed by own key A.
      const p = protectedHeader(int(coseIdOf(a.alg)), fromBase64Url(a.kid));
      const sig = await sign(a.alg, a.privateJwk, sigStructure(p, asIs.payload));
      const text = PREFIX + encodeBase45(deflateZlib(coseBytes(p, { t: 'map', v: [] }, asIs.payload, sig)));
      const mine = await coseSeed({ ...base, text, signer: a, otherTrusted: [b] });
      if (typeof mine === 'string') skipped.push(`${v.file} re-signed: ${mine}`);
      else seeds.push(mine);
    }
    if (seeds.length < 20) throw new Error(`only ${seeds.length} eu-dcc seeds; skipped: ${skipped.slice(0, 5).join('; ')}`);
    return { format: FORMAT_ID, seeds, mutators: [...textMutators<CoseSeed>(), ...coseMutators()], genuine };
  },
};
