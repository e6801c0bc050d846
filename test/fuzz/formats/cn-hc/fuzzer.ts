/**
 * cn-hc: seeds are fresh codes of four trusted provincial keys (ES256 and SM2), valid at NOW, each
 * with a device-bound twin presented live at NOW (v1.1; presentations.ts judges those).
 */
import { encodeCnCode, type CnCodeInput } from '../../../../src/issuer/formats/cn-hc/encode.ts';
import { CLAIM_HEALTH_CODE, FORMAT_ID, PREFIX } from '../../../../src/core/formats/cn-hc/constants.ts';
import { indexBundle } from '../../../../src/core/trust/trust-index.ts';
import { generateKeyPair, type KeyPair } from '../../../../src/issuer/keys.ts';
import { PROVINCES } from '../../../../src/issuer/regions.ts';
import { buildBundle } from '../../../../src/issuer/sign-bundle.ts';
import { coseSeed } from '../../cose-seed.ts';
import { Genuine, type FormatFuzzer, type Mutator } from '../../harness.ts';
import { coseBytes, coseMutators, pack, protectedHeader, type CoseSeed } from '../../mutators/cose.ts';
import { int, text, writeCbor, type Node } from '../../cbor-writer.ts';
import { coseIdOf } from '../../../../src/core/crypto/algorithms.ts';
import { sign } from '../../../../src/core/crypto/verify-signature.ts';
import { sigStructure } from '../../../../src/core/encoding/cose-sign1.ts';
import { textMutators } from '../../mutators/text.ts';
import { boundTwin, presentationMutators, type BoundTwin, type CnSeed } from './presentations.ts';

const HOUR = 3600_000;
export const NOW = new Date(Date.UTC(2025, 5, 1, 8, 0, 0));
const at = (ms: number) => new Date(NOW.getTime() + ms);

export const cnHc: FormatFuzzer<CnSeed> = {
  id: FORMAT_ID,
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
    const seeds: CnSeed[] = [];
    const twins: BoundTwin[] = [];
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
        const bound = await boundTwin(input, key, NOW);
        twins.push(bound);
        seeds.push({ ...seed, bound, twins });
      }
    return { format: FORMAT_ID, seeds, mutators: [...textMutators<CnSeed>(), ...coseMutators(), ...specMutators, ...presentationMutators], genuine };
  },
};

/**
 * Rules of the format's own spec (docs/formats/cn-health-code.md revision 2; issue 17, item 8),
 * each broken in claims that the seed's trusted key signs: no such code may pass.
 */
type Entry = [Node, Node];
const isInt = (n: Node, v: number) => n.t === 'int' && n.v === BigInt(v);
const entries = (n: Node | undefined): Entry[] => (n?.t === 'map' ? n.v : []);
const hcOf = (s: CoseSeed) => s.claims.v.find(([k]) => isInt(k, CLAIM_HEALTH_CODE))?.[1];

/** The seed's claims with one map changed by `edit` (maps found by `pick`), re-signed by its own key. */
async function resigned(s: CoseSeed, claims: Node, kid = s.signer!.kid): Promise<string> {
  const key = s.signer!;
  const p = protectedHeader(int(coseIdOf(key.alg)), Buffer.from(kid, 'base64url'));
  const payload = writeCbor(claims);
  const sig = await sign(key.alg, key.privateJwk, sigStructure(p, payload));
  return pack(s, coseBytes(p, { t: 'map', v: [] }, payload, sig));
}

/** Deep copy of the claims with the entries of the map at `path` (keys of nested maps) replaced. */
function withMap(claims: Node, path: number[], edit: (e: Entry[]) => Entry[]): Node {
  const copy = structuredClone(claims) as Node;
  let m: Node = copy;
  for (const k of path) {
    const next: Node | undefined = entries(m).find(([key]) => isInt(key, k))?.[1];
    if (!next) return copy;
    m = next.t === 'array' ? next.v[0]! : next;
  }
  if (m.t === 'map') m.v = edit(m.v);
  return copy;
}

const IMPOSSIBLE_DATES = ['2021-02-30', '2023-02-29', '0000-01-01', '0000', '1990-13-01', '1990-00', '1899-12-31', '2200-01-01', '2021-04-31'];
const NON_INT_KEYS: Node[] = [text('x'), text('1'), { t: 'bytes', v: Uint8Array.of(1) }, { t: 'simple', v: 'true' }, { t: 'simple', v: 'null' }, { t: 'float', v: 1.5 }];

const specMutators: Mutator<CoseSeed>[] = [
  {
    name: 'cn-hc: impossible date, re-signed',
    make: async (s, r) => {
      const vacc = entries(hcOf(s)).some(([k]) => isInt(k, 5));
      // holder birth date (-65537/3/2), or the vaccination date (-65537/5/[0]/3) where the seed has one
      const [path, key] = vacc && r.chance(0.5) ? [[CLAIM_HEALTH_CODE, 5], 3] : [[CLAIM_HEALTH_CODE, 3], 2];
      const claims = withMap(s.claims, path, (e) => [...e.filter(([k]) => !isInt(k, key)), [int(key), text(r.pick(IMPOSSIBLE_DATES))] as Entry].sort(byKey));
      return { mutator: 'cn-hc: impossible date, re-signed', text: await resigned(s, claims), ctx: s.ctx, expect: 'fail' };
    },
  },
  {
    name: 'cn-hc: dose above its series, re-signed',
    make: async (s, r) => {
      const of = 1 + r.int(19);
      const dose = of + 1 + r.int(20 - of);
      const vacc: Node = { t: 'map', v: [[int(1), int(dose)], [int(2), int(of)], [int(3), text('2022-01-10')], [int(4), text('BBIBP-CorV')]] };
      const claims = withMap(s.claims, [CLAIM_HEALTH_CODE], (e) => [...e.filter(([k]) => !isInt(k, 5)), [int(5), { t: 'array', v: [vacc] }] as Entry].sort(byKey));
      return { mutator: 'cn-hc: dose above its series, re-signed', text: await resigned(s, claims), ctx: s.ctx, expect: 'fail' };
    },
  },
  {
    name: 'cn-hc: map key not an integer, re-signed',
    make: async (s, r) => {
      // maps the seed has: the claims, the health code claim, its holder, and its first test or vaccination
      const present = [4, 5].filter((k) => entries(hcOf(s)).some(([key]) => isInt(key, k)));
      const path = r.pick([[], [CLAIM_HEALTH_CODE], [CLAIM_HEALTH_CODE, 3], ...present.map((k) => [CLAIM_HEALTH_CODE, k])]);
      const claims = withMap(s.claims, path, (e) => [...e, [r.pick(NON_INT_KEYS), text('x')] as Entry]);
      return { mutator: 'cn-hc: map key not an integer, re-signed', text: await resigned(s, claims), ctx: s.ctx, expect: 'fail' };
    },
  },
  {
    name: 'cn-hc: kid not 8 bytes, re-signed',
    make: async (s, r) => {
      const kid = Buffer.from(s.signer!.kid, 'base64url');
      const n = r.pick([0, 1, 7, 9, 16, 32]);
      const other = Uint8Array.from({ length: n }, (_, i) => kid[i % kid.length]!);
      return { mutator: 'cn-hc: kid not 8 bytes, re-signed', text: await resigned(s, s.claims, Buffer.from(other).toString('base64url')), ctx: s.ctx, expect: 'fail' };
    },
  },
];

/** Deterministic order of integer keys (RFC 8949 §4.2.1): non-negative ascending, then negative by magnitude. */
function byKey([a]: Entry, [b]: Entry): number {
  if (a.t !== 'int' || b.t !== 'int') return 0;
  const rank = (v: bigint) => (v >= 0n ? [0, v] : [1, -v]) as [number, bigint];
  const [ra, va] = rank(a.v);
  const [rb, vb] = rank(b.v);
  return ra - rb || (va < vb ? -1 : va > vb ? 1 : 0);
}
