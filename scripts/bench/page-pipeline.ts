/**
 * Section 1 in Chromium: the page side. Built by browser-pipeline.ts into one script for a blank
 * page; `run` times verifyCode against WebCrypto verify of the same signatures, in the page's own
 * interleaved rounds (timing.ts), exactly as Node's section 1 does.
 */
import { euDcc } from '../../src/core/formats/eu-dcc/index.ts';
import { cnHealthCode } from '../../src/core/formats/cn-hc/index.ts';
import { importPublic } from '../../src/core/crypto/webcrypto.ts';
import type { PublicJwk } from '../../src/core/crypto/jwk.ts';
import { verifyCode, type VerifyContext } from '../../src/core/pipeline/run.ts';
import type { TrustBundle } from '../../src/core/trust/bundle.ts';
import { indexBundle } from '../../src/core/trust/trust-index.ts';
import { pipelineContestant, webCryptoContestant, type Item } from './contestants.ts';
import { interleave, type Contestant } from './timing.ts';

/** One code as the page gets it: JSON only (its trust is indexed in the page). */
export interface PageCode {
  text: string;
  /** ISO instant the code is judged at. */
  now: string;
  bundle: TrustBundle;
  /** The signer's public key (ES256), for the raw contestant. */
  jwk: PublicJwk;
}

export interface PageSet {
  name: string;
  format: 'eu' | 'cn';
  codes: PageCode[];
}

export interface PageResult {
  name: string;
  n: number;
  pass: number;
  ours: number;
  raw: number;
  coldOurs: number;
  coldRaw: number;
}

export async function run(sets: PageSet[], rounds: number, warmupMs: number): Promise<PageResult[]> {
  const contestants: Contestant[] = [];
  const counts = new Map<string, { n: number; pass: number }>();
  for (const set of sets) {
    const format = set.format === 'eu' ? euDcc : cnHealthCode;
    const items: Item[] = [];
    const keys: CryptoKey[] = [];
    // One trust index per bundle, as a gate holds one.
    const trusts = new Map<string, VerifyContext['trust']>();
    for (const c of set.codes) {
      const d = format.decode(c.text);
      if (!d.ok) throw new Error(`${set.name}: a code does not decode (${d.reason.code})`);
      const id = JSON.stringify(c.bundle);
      if (!trusts.has(id)) trusts.set(id, indexBundle(c.bundle));
      items.push({ text: c.text, ctx: { trust: trusts.get(id)!, now: new Date(c.now) }, signedBytes: d.value.signedBytes, signature: d.value.signature });
      keys.push(await importPublic('ES256', c.jwk));
    }
    let pass = 0;
    for (const it of items) if ((await verifyCode(it.text, it.ctx)).outcome === 'PASS') pass++;
    counts.set(set.name, { n: items.length, pass });
    contestants.push(pipelineContestant(`ours ${set.name}`, items), webCryptoContestant(`raw ${set.name}`, items, keys));
  }
  const cold = new Map<string, number>();
  const rates = await interleave(contestants, rounds, { warmupMs, cold });
  return sets.map((s) => ({ name: s.name, ...counts.get(s.name)!, ours: rates.get(`ours ${s.name}`)!, raw: rates.get(`raw ${s.name}`)!, coldOurs: cold.get(`ours ${s.name}`)!, coldRaw: cold.get(`raw ${s.name}`)! }));
}
