/** Numbers of ICAO's VDS-NC (Visible Digital Seal for non-constrained environments, 2021). */
export const FORMAT_ID = 'vds-nc';

/** Use cases: proof of testing (data defined by CAPSCA) and proof of vaccination (data defined by WHO). */
export const TYPES = ['icao.test', 'icao.vacc'] as const;
export type SealType = (typeof TYPES)[number];
/** Versions of each use case's structure that this plug-in reads. */
export const VERSIONS = [1] as const;

/** The report allows ECDSA with SHA-256/384/512; sigvl is raw r||s, so its length is fixed per curve. */
export const SIG_BYTES = { ES256: 64, ES384: 96, ES512: 132 } as const;
export type SealAlg = keyof typeof SIG_BYTES;

/** Far above any seal that fits a QR code (a real one is 1-2.5 kB), below the pipeline's cap. */
export const MAX_SEAL_CHARS = 8192;
/** A seal is at most five levels deep (data.msg.ve[].vd[]); anything far deeper is hostile. */
export const MAX_DEPTH = 12;
/** Longest text shown from a seal (names are at most 39 characters in the report); longer ones are cut for display. */
export const MAX_TEXT = 200;

/** tr.tc values of icao.test v1 -> gatecheck test types; antibody tests are no NAT/RAT evidence. */
export const TEST_TYPES = new Map<string, 'NAT' | 'RAT' | 'antibody'>([
  ['molecular(PCR)', 'NAT'],
  ['molecular(other)', 'NAT'],
  ['antigen', 'RAT'],
  ['antibody', 'antibody'],
]);
/** tr.r values -> results ("normal"/"abnormal" are the report's words for a clear / a finding). */
export const TEST_RESULTS = new Map<string, 'negative' | 'positive'>([
  ['negative', 'negative'],
  ['normal', 'negative'],
  ['positive', 'positive'],
  ['abnormal', 'positive'],
]);

/**
 * Vaccine products whose primary series is one dose. A VDS-NC proof of vaccination (v1) states no
 * series length — only each dose's number (`seq`) and, optionally, when the next is due (`dvn`) —
 * so a dose completes a series only when its product is known to need one dose. Known by `des`,
 * the ICD-11 code of the vaccine (product-level codes of WHO's ICD-11 COVID-19 list), or by `nam`,
 * the product's name, compared whole (case, spaces and punctuation aside), never by a part of it.
 */
export const SINGLE_DOSE_ICD11 = new Set(['XM6QV1' /* COVID-19 Vaccine Janssen */, 'XM1AG7' /* Convidecia */, 'XM5QM6' /* Sputnik Light */]);
export const SINGLE_DOSE_NAMES = new Set(['covid 19 vaccine janssen', 'janssen covid 19 vaccine', 'jcovden', 'convidecia', 'sputnik light']);
/** A product name as SINGLE_DOSE_NAMES holds it: lower case, runs of anything but a-z and 0-9 as one space. */
export const productKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
