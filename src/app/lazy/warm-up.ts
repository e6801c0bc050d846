/**
 * The first code a gate checks after the app starts would otherwise run cold: V8 compiles each
 * function of the verifier chunk on its first call, WebCrypto sets up its import and verify paths
 * on first use, and the result screen is laid out for the first time (warm-screen.tsx). On a slow
 * phone that made the first scan twice as slow as the next ones. So once the chunk has loaded and
 * the camera plays, the page verifies a built-in self-test code through the same verifyCode —
 * decode, signature, normalise, policy — against a one-key bundle of its own (self-test-data.ts),
 * and lays its verdict out hidden. It touches none of the page's state: no verdict is shown or
 * counted, and the real trust list is not used.
 */
import type { Verdict } from '../../core/model/verdict.ts';
import type { Pipeline } from './pipeline.ts';
import { cameraPlaying, whenIdle } from '../scan/camera-playing.ts';
import { trustSettled } from '../trust/trust-settled.ts';
import { warmResultScreen } from './warm-screen.tsx';

/**
 * Rounds of verify-and-lay-out. One compiles each function the path needs; V8 optimises only what
 * has run several times, and a trace at 6× CPU showed the first real showings still paying for
 * that (tier-up interrupts, a result render of 28–31 ms against 8 ms once hot). Each round has an
 * idle slot of its own, so a code shown meanwhile waits for one round at most.
 */
const ROUNDS = 5;
/** A camera that does not start (refused, none) must not keep the warm-up from running. */
const CAMERA_WAIT_MS = 3000;

/** Verifies the self-test code once; resolves to its verdict (a PASS when all is well). */
export async function warmUp(p: Pick<Pipeline, 'verifyCode' | 'selfTest'>): Promise<Verdict> {
  const { code, trust, now } = p.selfTest();
  return p.verifyCode(code, { trust, now });
}

/**
 * Once the chunk has loaded, the camera plays and the trust data has settled, when the page is
 * idle (bounded, so a busy page still gets it). A first visit fetches and checks its trust list
 * after the camera plays (use-trust.ts); a code held up meanwhile waits for that, and a warm-up
 * round on the page's thread would hold up the fetch's and the check's steps.
 */
export function scheduleWarmUp(p: Pipeline): void {
  const round = async (left: number) => {
    try {
      const v = await warmUp(p);
      warmResultScreen(v);
      if (left > 1) return whenIdle(() => void round(left - 1), 300);
      performance.mark('gatecheck:warm', { detail: { outcome: v.outcome } });
    } catch {
      // A warm-up that fails costs only speed: the first scan runs cold.
    }
  };
  void Promise.all([cameraPlaying(CAMERA_WAIT_MS), trustSettled]).then(() => whenIdle(() => void round(ROUNDS), 300));
}
