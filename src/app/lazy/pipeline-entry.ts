/** What the page uses of the core pipeline, as one lazily loaded chunk (see pipeline.ts). */
import { indexBundle } from '../../core/trust/trust-index.ts';
import { SELF_TEST_AT, SELF_TEST_BUNDLE, SELF_TEST_CODE } from './self-test-data.ts';

export { readFailed, verifyCode } from '../../core/pipeline/run.ts';
export { FORMATS } from '../../core/formats/registry.ts';
export { ChunkAssembler } from '../../core/pipeline/assemble.ts';
export { pickCandidate, scannerCandidates } from '../../core/pipeline/scanner-text.ts';
export { prepareTrust } from '../../core/pipeline/prepare.ts';

/** The start-up self-test (warm-up.ts): a code, a trust of its own, and the time it is valid at. */
// With an (empty) revocation set, so the warm-up also runs the code-id hashing a real list's scans do.
export const selfTest = () => ({ code: SELF_TEST_CODE, trust: indexBundle(SELF_TEST_BUNDLE, [{ has: () => false }]), now: new Date(SELF_TEST_AT) });
