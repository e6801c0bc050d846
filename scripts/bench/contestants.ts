/**
 * Section 1's two contestants, the same in Node (verify.ts) and in the page (page-pipeline.ts):
 * the whole pipeline, and WebCrypto verify of the same signatures, each awaited in turn.
 */
import { verifyCode, type VerifyContext } from '../../src/core/pipeline/run.ts';
import type { Contestant } from './timing.ts';

export interface Item {
  text: string;
  ctx: VerifyContext;
  signedBytes: Uint8Array;
  signature: Uint8Array;
}

export const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export function pipelineContestant(name: string, items: Item[]): Contestant {
  return {
    name,
    async batch() {
      for (const it of items) await verifyCode(it.text, it.ctx);
      return items.length;
    },
  };
}

/** `keys[i]` verifies `items[i]` (imported beforehand, as a gate caches them). */
export function webCryptoContestant(name: string, items: Item[], keys: CryptoKey[]): Contestant {
  return {
    name,
    async batch() {
      for (const [i, it] of items.entries()) await crypto.subtle.verify(ES256, keys[i]!, it.signature as Uint8Array<ArrayBuffer>, it.signedBytes as Uint8Array<ArrayBuffer>);
      return items.length;
    },
  };
}
