/**
 * Resolves once the page has the trust it will have: a stored bundle, or the first fetch done
 * (landed or failed). A code read in the first moments waits for this instead of failing
 * NO_TRUST_BUNDLE on a fresh visit. Apart from the trust service so the first paint need not load it.
 */
let markReady: () => void = () => {};
export const trustSettled: Promise<void> = new Promise((r) => (markReady = r));
export const markTrustSettled = (): void => markReady();

/**
 * On the scan screen the trust service starts once the camera plays (use-trust.ts); a code to be
 * judged before then asks for it at once through this.
 */
let markWanted: () => void = () => {};
export const trustWanted: Promise<void> = new Promise((r) => (markWanted = r));
export const wantTrust = (): void => markWanted();
