import type { AlgName } from '../../crypto/algorithms.ts';

/** Numbers of the EU Digital COVID Certificate (eHealth Network, "hcert" specification v1.x). */
export const FORMAT_ID = 'eu-dcc';
/** Context identifier of the current version; HC2:, HL0: … are other, unsupported contexts. */
export const PREFIX = 'HC1:';

/**
 * Signature algorithms a DCC may use: the spec names ES256 (primary) and PS256 (secondary); the
 * test data also has ES384. SM2 is a CN-format algorithm and is refused here.
 */
export const ALGORITHMS: readonly AlgName[] = ['ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512'];

/** CWT claim keys (RFC 8392) and the hcert claim. */
export const CLAIM = { iss: 1, exp: 4, iat: 6 } as const;
export const CLAIM_HCERT = -260;
/** Key of the EU DCC inside the hcert claim map. */
export const HCERT_EU_DCC = 1;

/** Value set whose display names are the vaccine product names (e.g. EU/1/20/1528 -> Comirnaty). */
export const VALUE_SET_VACCINE_PRODUCTS = 'vaccines-covid-19-names';

/** Test types (value set covid-19-lab-test-type) and results (covid-19-lab-result). */
export const TEST_TYPES = new Map<unknown, 'NAT' | 'RAT'>([
  ['LP6464-4', 'NAT'], // Nucleic acid amplification with probe detection
  ['LP217198-3', 'RAT'], // Rapid immunoassay
]);
export const TEST_RESULTS = new Map<unknown, 'negative' | 'positive'>([
  ['260415000', 'negative'], // Not detected
  ['260373001', 'positive'], // Detected
]);

/**
 * CWT times are seconds since the epoch (NumericDate; fractions allowed). Bounded to years
 * 2000..2200, so a value in milliseconds, a negative one or a 64-bit extreme is refused instead of
 * becoming an unrepresentable date.
 */
export const MIN_TIME_S = 946684800; // 2000-01-01T00:00:00Z
export const MAX_TIME_S = 7258118400; // 2200-01-01T00:00:00Z

/** Longest text field the schemas allow (names, issuer, identifiers). */
export const MAX_TEXT = 80;
/** Dose numbers: the schemas say "positive integer"; anything beyond this is not a dose count. */
export const MAX_DOSE = 99;
/** Entries per group: schemas 1.3.0+ allow one; older ones set no limit, so one is set here. */
export const MAX_ENTRIES = 16;
/** Nesting depth of the DCC JSON object (the deepest real path is 3: v/0/dn). */
export const MAX_DEPTH = 8;
