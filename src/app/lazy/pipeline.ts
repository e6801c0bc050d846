/**
 * The verifier — formats, COSE/JWS, SM2, the EU DCC schema, the policy engine — is not needed to
 * paint the scan screen. The page loads it right after the first paint; a judgement awaits it.
 * Once loaded, it is warmed on a self-test code (warm-up.ts), so the first scan runs as fast as
 * the later ones.
 */
import { scheduleWarmUp } from './warm-up.ts';

export type Pipeline = typeof import('./pipeline-entry.ts');

let pending: Promise<Pipeline> | null = null;

export const loadPipeline = (): Promise<Pipeline> =>
  (pending ??= import('./pipeline-entry.ts').then((p) => {
    scheduleWarmUp(p);
    return p;
  }));
