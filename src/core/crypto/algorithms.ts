/** Signature algorithms by name, with their COSE ids. */
export type AlgName = 'ES256' | 'SM2-SM3';

/**
 * SM2 has no IANA COSE id (draft-dang-webauthn-sm2 expired in 2022 without one), so gatecheck
 * uses the first value of the COSE Algorithms private-use range (< -65536). See
 * docs/formats/cn-health-code.md §Algorithms.
 */
export const COSE_ALG_SM2_SM3 = -65537;

const BY_COSE_ID = new Map<number, AlgName>([
  [-7, 'ES256'],
  [COSE_ALG_SM2_SM3, 'SM2-SM3'],
]);

export const algFromCoseId = (id: number): AlgName | undefined => BY_COSE_ID.get(id);

export function coseIdOf(alg: AlgName): number {
  for (const [id, name] of BY_COSE_ID) if (name === alg) return id;
  throw new Error(`no COSE id for ${alg}`);
}

export const isAlgName = (s: unknown): s is AlgName => s === 'ES256' || s === 'SM2-SM3';
