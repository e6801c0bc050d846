/**
 * nzcp: seeds are passes of two trusted did:web issuers of our own (issuer A with key-1 and key-2,
 * issuer B with key-3: relative key names unique across the world, so a kid swap never lands on
 * the signer's own key by accident) and the spec's worked example (the Ministry's key from its
 * did.json; we hold no private key for it), valid at NOW.
 *
 * The shared COSE mutators write prefix + base45(zlib(COSE)); `asNzcp` re-wraps their COSE bytes as
 * `NZCP:/1/` + base32, so every COSE-level mutation reaches the NZCP decoder unchanged. The zlib
 * ones have no NZCP counterpart and are left out; the base32 layer has its own (mutators.ts).
 */
import { inflateSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { generateEs256 } from '../../../../src/core/crypto/webcrypto.ts';
import { decodeBase45 } from '../../../../src/core/encoding/base45.ts';
import { fromHex, toBase64Url, utf8 } from '../../../../src/core/encoding/bytes.ts';
import { decodeCbor, Tagged } from '../../../../src/core/encoding/cbor.ts';
import { sigStructure } from '../../../../src/core/encoding/cose-sign1.ts';
import { FORMAT_ID } from '../../../../src/core/formats/nzcp/constants.ts';
import { verifyCode, type VerifyContext } from '../../../../src/core/pipeline/run.ts';
import { indexBundle } from '../../../../src/core/trust/trust-index.ts';
import type { SigningKey } from '../../../../src/issuer/formats/cn-hc/encode.ts';
import { encodeNzcpPass, nzcpText, type NzcpPassInput } from '../../../../src/issuer/formats/nzcp/encode.ts';
import { buildBundle, type BundleKeyInput } from '../../../../src/issuer/sign-bundle.ts';
import { requireShared } from '../../../support/shared.ts';
import { toNode, type Node } from '../../cbor-writer.ts';
import { Genuine, type FormatFuzzer, type FuzzCase, type Mutator } from '../../harness.ts';
import { coseMutators, type CoseSeed } from '../../mutators/cose.ts';
import { textMutators } from '../../mutators/text.ts';
import { base32Mutators, specMutators } from './mutators.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
export const NOW = new Date(Date.UTC(2025, 5, 1, 8, 0, 0));
const at = (ms: number) => new Date(NOW.getTime() + ms);
/** The text before the base32 body: the shared text mutators damage it as a prefix. */
export const NZCP_PREFIX = 'NZCP:/1/';
const MINISTRY = 'did:web:nzcp.covid19.health.nz';

/** A signer as the shared COSE mutators use it: `kid` is the relative key name (base64url of its UTF-8), as the COSE header carries it. */
interface Signer {
  iss: string;
  ref: string;
  key: SigningKey;
}
const signer = async (iss: string, ref: string): Promise<Signer> => ({ iss, ref, key: { alg: 'ES256', kid: toBase64Url(utf8(ref)), privateJwk: await generateEs256() } });
const bundleKey = (iss: string, ref: string, jwk: { x: string; y: string }, validFrom = at(-30 * DAY)): BundleKeyInput => ({
  issuer: iss,
  jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: toBase64Url(utf8(`${iss}#${ref}`)), alg: 'ES256' },
  validFrom,
  validUntil: at(365 * DAY),
  kinds: ['pass'],
  formats: [FORMAT_ID],
});

/** Shared COSE mutators that damage the zlib layer, which NZCP does not have. */
const ZLIB_ONLY = new Set(['zlib bit flip', 'zlib truncate/extend', 'zlib trailing data', 'recompressed (identity)', 'uncompressed COSE', 'zlib bomb']);

/** `prefix + base45(zlib(COSE))` from a shared mutator -> the same COSE bytes as an NZCP code. */
export function asNzcp(s: CoseSeed, c: FuzzCase): FuzzCase {
  if (c.text === s.text || !c.text.startsWith(s.prefix)) return c;
  const b45 = decodeBase45(c.text.slice(s.prefix.length));
  if (!b45.ok) throw new Error(`${c.mutator}: not a packed COSE message`);
  return { ...c, text: nzcpText(new Uint8Array(inflateSync(b45.value))) };
}
const adapted = (m: Mutator<CoseSeed>): Mutator<CoseSeed> => ({ ...m, make: async (s, r) => asNzcp(s, await m.make(s, r)) });

export const nzcp: FormatFuzzer<CoseSeed> = {
  id: FORMAT_ID,
  async setup() {
    const A = 'did:web:a.nzcp.fuzz.invalid';
    const B = 'did:web:b.nzcp.fuzz.invalid';
    const signers = [await signer(A, 'key-1'), await signer(A, 'key-2'), await signer(B, 'key-3')];
    const ministry = JSON.parse(await readFile(requireShared('vectors/nzcp/examples/valid/jwk.json', "the NZCP spec's worked example key"), 'utf8'));
    const names = (n: string) => ({ 'zh-CN': n, en: n });
    const bundle = buildBundle({
      version: 1,
      issuedAt: at(-HOUR),
      expiresAt: at(30 * DAY),
      issuers: [A, B, MINISTRY].map((id) => ({ id, kind: 'did' as const, names: names(id.slice('did:web:'.length)) })),
      keys: [...signers.map((s) => bundleKey(s.iss, s.ref, s.key.privateJwk)), bundleKey(MINISTRY, 'key-1', ministry, new Date('2021-01-01T00:00:00Z'))],
    });
    const ctx: VerifyContext = { trust: indexBundle(bundle), now: NOW };
    const genuine = new Genuine();
    const untrusted = [(await signer(A, 'rogue-1')).key, (await signer(B, 'key-9')).key];
    const seeds: CoseSeed[] = [];
    const add = async (cose: Uint8Array, own: Signer | undefined, label: string) => {
      const others = signers.filter((o) => o !== own).map((o) => o.key);
      const seed = await nzcpSeed({ text: nzcpText(cose), cose, ctx, signer: own?.key, otherTrusted: others, untrusted, genuine });
      if (typeof seed === 'string') throw new Error(`nzcp seed ${label}: ${seed}`);
      seeds.push(seed);
    };
    for (const [n, s] of signers.entries())
      for (const variant of [0, 1]) {
        const input: NzcpPassInput = {
          iss: s.iss,
          kid: s.ref,
          nbf: at(-(n + 1) * DAY),
          exp: at((30 + variant) * DAY),
          cti: `urn:uuid:${n}${variant}a4f54d-4e30-4332-be33-ad78b1eafa4b`,
          subject: variant ? { givenName: 'Te Ātaahua Mere', dob: '2001-12-31' } : { givenName: 'Jack', familyName: 'Sparrow', dob: '1960-04-16' },
        };
        // The kid as the spec says (text) and as its worked example has it (bytes): both are accepted.
        await add((await encodeNzcpPass(input, s.key, variant ? 'bytes' : 'text')).cose, s, `${s.ref}/${variant}`);
      }
    const example = (await readFile(requireShared('vectors/nzcp/examples/valid/nzcp-cwt-hex.txt', "the NZCP spec's worked example"), 'utf8')).trim();
    await add(fromHex(example), undefined, 'worked example');
    const mutators = [
      ...textMutators<CoseSeed>(),
      ...coseMutators().filter((m) => !ZLIB_ONLY.has(m.name)).map(adapted),
      ...base32Mutators,
      ...specMutators,
    ];
    return { format: FORMAT_ID, seeds, mutators, genuine };
  },
};

interface SeedInput {
  text: string;
  cose: Uint8Array;
  ctx: VerifyContext;
  signer?: SigningKey;
  otherTrusted: SigningKey[];
  untrusted: SigningKey[];
  genuine: Genuine;
}

/** The seed as the shared COSE mutators see it, or why it cannot serve (it must PASS as it is). */
async function nzcpSeed(i: SeedInput): Promise<CoseSeed | string> {
  const verdict = await verifyCode(i.text, i.ctx);
  if (verdict.outcome !== 'PASS') return `seed does not pass: ${verdict.reasons.map((r) => `${r.code} ${r.detail ?? ''}`).join(',')}`;
  const item = decodeCbor(i.cose, { tags: [18] });
  if (!item.ok || !(item.value instanceof Tagged)) return 'not a tagged COSE_Sign1';
  const [protectedBytes, unprotected, payload, signature] = item.value.value as [Uint8Array, Map<unknown, unknown>, Uint8Array, Uint8Array];
  const claims = decodeCbor(payload);
  if (!claims.ok) return 'claims';
  const credentialJson = JSON.stringify(verdict.credential);
  i.genuine.add(sigStructure(protectedBytes, payload), credentialJson);
  return {
    ...i,
    prefix: NZCP_PREFIX,
    mainClaim: 'vc',
    // No zlib layer: the mutators that would use it are left out (ZLIB_ONLY).
    compressed: new Uint8Array(0),
    protectedBytes,
    unprotected: toNode(unprotected) as Node & { t: 'map' },
    payload,
    signature,
    claims: toNode(claims.value) as Node & { t: 'map' },
    credentialJson,
  };
}
