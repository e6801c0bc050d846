/**
 * Sections 1 and 2: codes/s of the full pipeline (verifyCode: detect, decode, verify, normalise,
 * decide) against the raw signature check of the same signatures, and against published DCC
 * libraries on the same HC1 vectors — all in interleaved rounds of one run.
 */
import { sm2, sm3 } from 'sm-crypto-v2';
import { encodeCnCode } from '../../src/issuer/formats/cn-hc/encode.ts';
import { euDcc } from '../../src/core/formats/eu-dcc/index.ts';
import { cnHealthCode } from '../../src/core/formats/cn-hc/index.ts';
import { concatBytes, fromBase64Url, toHex } from '../../src/core/encoding/bytes.ts';
import { importPublic } from '../../src/core/crypto/webcrypto.ts';
import type { EcPublicJwk } from '../../src/core/crypto/jwk.ts';
import { verifyCode, type VerifyContext } from '../../src/core/pipeline/run.ts';
import { indexBundle } from '../../src/core/trust/trust-index.ts';
import { generateKeyPair, type KeyPair } from '../../src/issuer/keys.ts';
import { PROVINCES } from '../../src/issuer/regions.ts';
import { buildBundle } from '../../src/issuer/sign-bundle.ts';
import type { TrustBundle } from '../../src/core/trust/bundle.ts';
import { vectorTrust, type EuVector } from '../../test/fuzz/formats/eu-dcc/vectors.ts';
import { loadPeers, offline } from './peers.ts';
import { ES256, pipelineContestant, webCryptoContestant, type Item } from './contestants.ts';
import { fmt, interleave, ratio, type Contestant } from './timing.ts';

export interface Row {
  section: string;
  what: string;
  value: string;
  ratio: string;
}

/** CN codes of one key (Guangdong, a green code with a negative NAT), with the one-key bundle that trusts them, valid at `now`. */
export async function cnCodes(alg: 'ES256' | 'SM2-SM3', n: number): Promise<{ texts: string[]; bundle: TrustBundle; key: KeyPair; now: Date }> {
  const key = await generateKeyPair(alg);
  const now = new Date(Date.UTC(2025, 5, 1, 8));
  const at = (h: number) => new Date(now.getTime() + h * 3600_000);
  const bundle = buildBundle({ version: 1, issuedAt: at(-1), expiresAt: at(720), issuers: [{ id: '440000', kind: 'province', names: PROVINCES['440000']! }], keys: [{ issuer: '440000', jwk: key.publicJwk, validFrom: at(-720), validUntil: at(8760) }] });
  const texts: string[] = [];
  for (let i = 0; i < n; i++)
    texts.push(
      (
        await encodeCnCode(
          { issuer: '440000', codeId: Uint8Array.from({ length: 16 }, (_, j) => i + j), issuedAt: at(-0.2), expiresAt: at(24), status: 'green', holder: { name: '测试', birthDate: '1990-01-01', idTail: '123X' }, tests: [{ type: 'NAT', result: 'negative', sampledAt: at(-20) }] },
          key,
        )
      ).text,
    );
  return { texts, bundle, key, now };
}

async function cnItems(alg: 'ES256' | 'SM2-SM3', n: number): Promise<{ items: Item[]; key: KeyPair }> {
  const { texts, bundle, key, now } = await cnCodes(alg, n);
  const ctx: VerifyContext = { now, trust: indexBundle(bundle) };
  const items: Item[] = [];
  for (const text of texts) {
    const d = cnHealthCode.decode(text);
    if (!d.ok) throw new Error('bench CN code does not decode');
    items.push({ text, ctx, signedBytes: d.value.signedBytes, signature: d.value.signature });
  }
  return { items, key };
}

export async function benchVerify(vectors: EuVector[], quick: boolean): Promise<Row[]> {
  const rounds = quick ? 3 : 9;
  const rows: Row[] = [];

  // EU suite, valid ES256 vectors, each with the conformance runner's trust at its own clock.
  const eu = vectors.filter((v) => v.alg === 'ES256');
  const euItems: Item[] = [];
  const euKeys: CryptoKey[] = [];
  for (const v of eu) {
    const d = euDcc.decode(v.text);
    if (!d.ok) continue;
    euItems.push({ text: v.text, ctx: { trust: vectorTrust(v), now: v.now }, signedBytes: d.value.signedBytes, signature: d.value.signature });
    euKeys.push(await importPublic('ES256', v.cert.jwk));
  }
  let passes = 0;
  let sigOk = 0;
  for (const it of euItems) {
    const r = await verifyCode(it.text, it.ctx);
    if (r.outcome === 'PASS') passes++;
    if (r.signatureVerified) sigOk++;
  }
  let rawOk = 0;
  for (const [i, it] of euItems.entries()) if (await crypto.subtle.verify(ES256, euKeys[i]!, it.signature as Uint8Array<ArrayBuffer>, it.signedBytes as Uint8Array<ArrayBuffer>)) rawOk++;

  // CN codes, ES256 and SM2.
  const n = quick ? 40 : 100;
  const cnEs = await cnItems('ES256', n);
  const cnSm = await cnItems('SM2-SM3', n);
  const esKey = await importPublic('ES256', cnEs.key.publicJwk);
  const smPub = '04' + toHex(fromBase64Url((cnSm.key.publicJwk as EcPublicJwk).x)) + toHex(fromBase64Url((cnSm.key.publicJwk as EcPublicJwk).y));
  const smPoint = sm2.precomputePublicKey(smPub);
  const smZ = sm2.getZ(smPub);
  const rawSm2: Contestant = {
    name: 'raw SM2 (sm-crypto-v2)',
    async batch() {
      for (const it of cnSm.items) sm2.doVerifySignature(sm3(concatBytes(smZ, it.signedBytes)), toHex(it.signature), smPoint);
      return cnSm.items.length;
    },
  };

  // Section 1 first, in a process that has not loaded the peer libraries: the app never holds
  // them, and the garbage they leave (they allocate far more per code) would be collected during
  // whichever batch runs next.
  const cold = new Map<string, number>();
  const warmupMs = quick ? 400 : 2000;
  const rates = await interleave(
    [
      pipelineContestant('ours eu', euItems),
      webCryptoContestant('raw eu', euItems, euKeys),
      pipelineContestant('ours cn-es', cnEs.items),
      webCryptoContestant('raw cn-es', cnEs.items, cnEs.items.map(() => esKey)),
      pipelineContestant('ours cn-sm', cnSm.items),
      rawSm2,
    ],
    rounds,
    { warmupMs, cold },
  );

  // Section 2: the peers and ours, side by side in their own rounds.
  offline();
  const peers = await loadPeers(eu);
  const accepts = new Map<string, number>();
  for (const p of peers) {
    let ok = 0;
    for (const v of eu) if (await p.verify(v)) ok++;
    accepts.set(p.name, ok);
  }
  const peerContestants: Contestant[] = peers.map((p) => ({
    name: p.name,
    async batch() {
      for (const v of eu) await p.verify(v);
      return eu.length;
    },
  }));
  const peerCold = new Map<string, number>();
  const peerRates = await interleave([pipelineContestant('ours eu', euItems), ...peerContestants], rounds, { warmupMs, cold: peerCold });
  const r = (k: string) => rates.get(k)!;
  const pr = (k: string) => peerRates.get(k)!;
  // The first, unwarmed batch, as a hint of a freshly started gate: one sample, so not the measure.
  const coldRatio = (ours: string, other: string, firsts = cold) => ` (first batch before warm-up: ${ratio(firsts.get(ours)!, firsts.get(other)!)})`;
  rows.push({ section: '1 limit', what: `EU suite ES256 vectors (${euItems.length}; ${passes} PASS, ${sigOk} signature verified; raw: ${rawOk}) — verifyCode vs WebCrypto verify`, value: `${fmt(r('ours eu'))} vs ${fmt(r('raw eu'))} codes/s` + coldRatio('ours eu', 'raw eu'), ratio: ratio(r('ours eu'), r('raw eu')) });
  rows.push({ section: '1 limit', what: `CN codes ES256 (${n}) — verifyCode vs WebCrypto verify`, value: `${fmt(r('ours cn-es'))} vs ${fmt(r('raw cn-es'))} codes/s` + coldRatio('ours cn-es', 'raw cn-es'), ratio: ratio(r('ours cn-es'), r('raw cn-es')) });
  rows.push({ section: '1 limit', what: `CN codes SM2 (${n}) — verifyCode vs sm-crypto-v2 SM3+verify`, value: `${fmt(r('ours cn-sm'))} vs ${fmt(r('raw SM2 (sm-crypto-v2)'))} codes/s` + coldRatio('ours cn-sm', 'raw SM2 (sm-crypto-v2)'), ratio: ratio(r('ours cn-sm'), r('raw SM2 (sm-crypto-v2)')) });
  for (const p of peers)
    rows.push({
      section: '2 peers',
      what: `vs ${p.name} on the same ${eu.length} ES256 vectors (accepts ${accepts.get(p.name)}; ours verifies ${sigOk})`,
      value: `${fmt(pr('ours eu'))} vs ${fmt(pr(p.name))} codes/s` + coldRatio('ours eu', p.name, peerCold),
      ratio: ratio(pr('ours eu'), pr(p.name)),
    });
  return rows;
}
