/**
 * The verifier — formats, COSE/JWS, SM2, the EU DCC schema, the policy engine — is not needed to
 * paint the scan screen. The page loads it right after the first paint; a judgement awaits it.
 */
export type Pipeline = typeof import('./pipeline-entry.ts');

let pending: Promise<Pipeline> | null = null;

export const loadPipeline = (): Promise<Pipeline> => (pending ??= import('./pipeline-entry.ts'));
