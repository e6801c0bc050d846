/**
 * The first code a gate checks with a new trust list should not pay for importing its issuer's
 * key or compiling the checkpoint's policy: once the camera plays and the verifier has loaded,
 * both are prepared at idle (core/pipeline/prepare.ts), again whenever the list or policy changes.
 */
import { useEffect } from 'preact/hooks';
import type { Policy } from '../../core/policy/policy.ts';
import type { Trust } from '../../core/trust/trust-index.ts';
import { cameraPlaying, whenIdle, START_WAIT_MS } from '../scan/camera-playing.ts';
import { loadPipeline } from './pipeline.ts';

export function usePreparedTrust(trust: Trust | null, policy: Policy): void {
  useEffect(() => {
    if (!trust) return;
    let live = true;
    void cameraPlaying(START_WAIT_MS)
      .then(loadPipeline)
      .then((p) => whenIdle(() => live && void p.prepareTrust(trust, policy), 1000));
    return () => {
      live = false;
    };
  }, [trust, policy.id]);
}
