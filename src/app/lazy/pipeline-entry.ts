/** What the page uses of the core pipeline, as one lazily loaded chunk (see pipeline.ts). */
export { readFailed, verifyCode } from '../../core/pipeline/run.ts';
export { FORMATS } from '../../core/formats/registry.ts';
export { ChunkAssembler } from '../../core/pipeline/assemble.ts';
export { pickCandidate, scannerCandidates } from '../../core/pipeline/scanner-text.ts';
