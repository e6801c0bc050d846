/** The normalised credential: one shape whatever format the code came in. No format fields leak in. */

export type HealthStatus = 'green' | 'yellow' | 'red';

/** What a signing key may sign; the bundle restricts keys to some of these. */
export type CredentialKind = 'health-status' | 'test' | 'vaccination' | 'recovery';

export interface IssuerRef {
  /** GB/T 2260 region code (e.g. "440000"), ISO 3166 alpha-2 country, or issuer URL. */
  id: string;
  kind: 'province' | 'country' | 'url';
}

export interface Holder {
  name?: string;
  /** ISO date, possibly partial ("1990", "1990-05") as some issuers print it. */
  birthDate?: string;
  /** Last characters of the national ID number: enough to match an ID card, not to identify. */
  idTail?: string;
}

export interface TestRecord {
  type: 'NAT' | 'RAT';
  result: 'negative' | 'positive';
  /** ISO 8601 instant. */
  sampledAt: string;
}

export interface VaccinationRecord {
  dose: number;
  of: number;
  /** ISO date. */
  date: string;
  product: string;
}

export interface RecoveryRecord {
  validFrom: string;
  validUntil: string;
}

export interface Credential {
  format: string;
  issuer: IssuerRef;
  /** base64url key id the code named. */
  keyId: string;
  /** Code identifier (hex) for revocation and anti-passback. */
  codeId?: string;
  issuedAt: string;
  /** Start of validity when the issuer set one apart from issuedAt. */
  notBefore?: string;
  expiresAt?: string;
  holder: Holder;
  healthStatus?: HealthStatus;
  tests: TestRecord[];
  vaccinations: VaccinationRecord[];
  recoveries: RecoveryRecord[];
  /** Kinds of statement the credential makes; the signing key must be allowed all of them. */
  kinds: CredentialKind[];
}
