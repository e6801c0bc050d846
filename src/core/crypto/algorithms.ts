/** Signature algorithms by name, with their COSE ids. */
export type AlgName = 'ES256' | 'ES384' | 'ES512' | 'PS256' | 'PS384' | 'PS512' | 'SM2-SM3';

/**
 * SM2 has no IANA COSE id (draft-dang-webauthn-sm2 expired in 2022 without one), so gatecheck
 * uses the first value of the COSE Algorithms private-use range (< -65536). See
 * docs/formats/cn-health-code.md §Algorithms.
 */
export const COSE_ALG_SM2_SM3 = -65537;

// RFC 9053 §2.1 (ECDSA) and RFC 8230 §2 (RSASSA-PSS).
const BY_COSE_ID = new Map<number, AlgName>([
  [-7, 'ES256'],
  [-35, 'ES384'],
  [-36, 'ES512'],
  [-37, 'PS256'],
  [-38, 'PS384'],
  [-39, 'PS512'],
  [COSE_ALG_SM2_SM3, 'SM2-SM3'],
]);

export const algFromCoseId = (id: number): AlgName | undefined => BY_COSE_ID.get(id);

export function coseIdOf(alg: AlgName): number {
  for (const [id, name] of BY_COSE_ID) if (name === alg) return id;
  throw new Error(`no COSE id for ${alg}`);
}

export const isAlgName = (s: unknown): s is AlgName => [...BY_COSE_ID.values()].includes(s as AlgName);
