/** What the page uses of the core pipeline, as one lazily loaded chunk (see pipeline.ts). */
import { indexBundle } from '../../core/trust/trust-index.ts';
import { SELF_TEST_AT, SELF_TEST_BUNDLE, SELF_TEST_CODE } from './self-test-data.ts';

export { readFailed, verifyCode } from '../../core/pipeline/run.ts';
export { FORMATS } from '../../core/formats/registry.ts';
export { ChunkAssembler } from '../../core/pipeline/assemble.ts';
export { pickCandidate, scannerCandidates } from '../../core/pipeline/scanner-text.ts';

/** The start-up self-test (warm-up.ts): a code, a trust of its own, and the time it is valid at. */
export const selfTest = () => ({ code: SELF_TEST_CODE, trust: indexBundle(SELF_TEST_BUNDLE), now: new Date(SELF_TEST_AT) });
