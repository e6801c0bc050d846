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
import { warmResultScreen } from './warm-screen.tsx';

/** Runs: one compiles each function the path needs; a second gives V8 a hint of the hot ones. */
const RUNS = 2;
/** A camera that does not start (refused, none) must not keep the warm-up from running. */
const CAMERA_WAIT_MS = 3000;

/** Verifies the self-test code RUNS times; resolves to the last verdict (a PASS when all is well). */
export async function warmUp(p: Pick<Pipeline, 'verifyCode' | 'selfTest'>): Promise<Verdict> {
  const { code, trust, now } = p.selfTest();
  let v: Verdict | undefined;
  for (let i = 0; i < RUNS; i++) v = await p.verifyCode(code, { trust, now });
  return v!;
}

/** Once the chunk has loaded and the camera plays, when the page is idle (bounded, so a busy page still gets it). */
export function scheduleWarmUp(p: Pipeline): void {
  const run = async () => {
    try {
      const v = await warmUp(p);
      warmResultScreen(v);
      performance.mark('gatecheck:warm', { detail: { outcome: v.outcome } });
    } catch {
      // A warm-up that fails costs only speed: the first scan runs cold.
    }
  };
  void cameraPlaying(CAMERA_WAIT_MS).then(() => whenIdle(() => void run(), 300));
}
