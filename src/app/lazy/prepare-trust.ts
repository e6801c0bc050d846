/**
 * The first code a gate checks with a new trust list should not pay for importing its issuer's
 * key or compiling the checkpoint's policy: once the camera plays and the verifier has loaded,
 * both are prepared at idle (core/pipeline/prepare.ts), again whenever the list or policy changes.
 */
import { useEffect } from 'preact/hooks';
import type { Policy } from '../../core/policy/policy.ts';
import type { Trust } from '../../core/trust/trust-index.ts';
import { cameraPlaying } from '../scan/camera-playing.ts';
import { loadPipeline } from './pipeline.ts';

const idle = (f: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 1000 }) : setTimeout(f, 0));

export function usePreparedTrust(trust: Trust | null, policy: Policy): void {
  useEffect(() => {
    if (!trust) return;
    let live = true;
    void cameraPlaying(1500)
      .then(loadPipeline)
      .then((p) => idle(() => live && void p.prepareTrust(trust, policy)));
    return () => {
      live = false;
    };
  }, [trust, policy.id]);
}
