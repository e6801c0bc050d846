/** The normalised credential: one shape whatever format the code came in. No format fields leak in. */

export type HealthStatus = 'green' | 'yellow' | 'red';

/** What a signing key may sign; the bundle restricts keys to some of these. */
/** 'pass': the issuer asserts the holder meets its rules while the pass is valid (NZ COVID Pass). */
export type CredentialKind = 'health-status' | 'test' | 'vaccination' | 'recovery' | 'pass';

export interface IssuerRef {
  /** GB/T 2260 region code (e.g. "440000"), ISO 3166 alpha-2 country, issuer URL, or a DID (did:web:…). */
  id: string;
  /** 'unknown': the code names its issuer in a form we do not recognise (id holds it as written). */
  kind: 'province' | 'country' | 'url' | 'did' | 'unknown';
}

export interface Holder {
  name?: string;
  /** ISO date, possibly partial ("1990", "1990-05") as some issuers print it. */
  birthDate?: string;
  /** Last characters of the national ID number: enough to match an ID card, not to identify. */
  idTail?: string;
}

/*
 * Event records hold what the code says as far as we understand it. A field we could not read is
 * 'unknown' or absent, and its raw value is listed in Credential.unknown; such a record is shown
 * but never counts as evidence (understood.ts decides what a policy sees).
 */
export interface TestRecord {
  type: 'NAT' | 'RAT' | 'unknown';
  result: 'negative' | 'positive' | 'unknown';
  /** ISO 8601 instant; absent when the code's value could not be read as one. */
  sampledAt?: string;
}

export interface VaccinationRecord {
  /** Absent when not a whole number. */
  dose?: number;
  of?: number;
  /** ISO date; absent when unreadable. */
  date?: string;
  product: string;
}

export interface RecoveryRecord {
  validFrom?: string;
  validUntil?: string;
}

/**
 * A pass: the issuer's statement that the holder meets its own rules (vaccination, recovery, …)
 * while the pass is valid, without the events themselves. Policies accept it explicitly or not.
 */
export interface PassRecord {
  /** The issuer's pass type as the code names it, e.g. "PublicCovidPass". */
  type: string;
  /** ISO 8601 instant the pass stops asserting it (the code's expiry). */
  validUntil?: string;
}

/** Signed content we do not recognise, as written (trimmed and cut short), for staff to see. */
export interface UnknownValue {
  /** Where in the code, in the format's own terms (e.g. "t[0].tt", "iss"). */
  field: string;
  value: string;
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
  /** Passes (kind 'pass'); absent for formats that carry events instead. */
  passes?: PassRecord[];
  /**
   * The code names its holder's device key (CN v1.1 `cnf`): only a live presentation signed by that
   * device may pass. `presentedAt`: the start of the presentation's time slot, set only when the
   * code came as a presentation whose device signature verified.
   */
  deviceBound?: { presentedAt?: string };
  /** Kinds of statement the credential makes; the signing key must be allowed all of them. */
  kinds: CredentialKind[];
  /** Content that was signed but not understood; absent or empty when everything was. */
  unknown?: UnknownValue[];
}
