/**
 * Display names for the codes health cards carry (facts from the CDC CVX table, SNOMED CT and
 * LOINC; only codes the gate can name with confidence). An unknown code is shown as "CVX 999".
 * `doses`: the primary series length, where the product has one fixed series.
 */
import { SYSTEM } from './constants.ts';

interface Product {
  name: string;
  doses?: number;
}
export interface NamedProduct extends Product {
  /** Whether the gate knows the code (a name from its tables, not the raw code). */
  known: boolean;
}

const CVX: Record<string, Product> = {
  '207': { name: 'Moderna COVID-19 (Spikevax)', doses: 2 },
  '208': { name: 'Pfizer-BioNTech COVID-19 (Comirnaty)', doses: 2 },
  '210': { name: 'AstraZeneca COVID-19 (Vaxzevria)', doses: 2 },
  '211': { name: 'Novavax COVID-19 (Nuvaxovid)', doses: 2 },
  '212': { name: 'Janssen COVID-19 (Jcovden)', doses: 1 },
  '213': { name: 'COVID-19 vaccine, unspecified' },
  '217': { name: 'Pfizer-BioNTech COVID-19 (Comirnaty), 12+ years', doses: 2 },
  '218': { name: 'Pfizer-BioNTech COVID-19, 5–11 years', doses: 2 },
  '219': { name: 'Pfizer-BioNTech COVID-19, 6 months–4 years', doses: 3 },
  '229': { name: 'Moderna COVID-19 bivalent booster' },
  '300': { name: 'Pfizer-BioNTech COVID-19 bivalent booster, 12+ years' },
  '301': { name: 'Pfizer-BioNTech COVID-19 bivalent booster, 5–11 years' },
  '500': { name: 'COVID-19 vaccine (non-US), product unknown' },
  '502': { name: 'Bharat Biotech COVAXIN', doses: 2 },
  '505': { name: 'Gamaleya Sputnik V', doses: 2 },
  '506': { name: 'CanSino Convidecia', doses: 1 },
  '510': { name: 'Sinopharm BIBP COVID-19', doses: 2 },
  '511': { name: 'Sinovac CoronaVac', doses: 2 },
};

// SNOMED CT vaccine concepts name a kind of vaccine, not a product: no series length.
const SNOMED: Record<string, Product> = {
  '1119349007': { name: 'SARS-CoV-2 mRNA vaccine' },
  '1119305005': { name: 'SARS-CoV-2 antigen vaccine' },
};

/** LOINC SARS-CoV-2 tests: nucleic acid amplification (NAT) or rapid antigen (RAT). */
const LOINC_TESTS: Record<string, 'NAT' | 'RAT'> = {
  '94309-2': 'NAT',
  '94306-8': 'NAT',
  '94500-6': 'NAT',
  '94502-2': 'NAT',
  '94531-1': 'NAT',
  '94533-7': 'NAT',
  '94534-5': 'NAT',
  '94565-9': 'NAT',
  '94640-0': 'NAT',
  '94756-4': 'NAT',
  '94757-2': 'NAT',
  '94759-8': 'NAT',
  '94760-6': 'NAT',
  '94845-5': 'NAT',
  '95406-5': 'NAT',
  '95409-9': 'NAT',
  '94558-4': 'RAT',
  '95209-3': 'RAT',
  '96119-3': 'RAT',
  '97097-0': 'RAT',
};

/** SNOMED CT qualifier values for a test result. */
const RESULTS: Record<string, 'negative' | 'positive'> = {
  '260385009': 'negative', // Negative
  '260415000': 'negative', // Not detected
  '10828004': 'positive', // Positive
  '260373001': 'positive', // Detected
};

export interface Coding {
  system: string;
  code: string;
}

const own = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** The product a vaccine coding names: a known product, or the raw code under its system's short name. */
export function vaccineProduct(c: Coding): NamedProduct {
  const known = c.system === SYSTEM.cvx ? own(CVX, c.code) : c.system === SYSTEM.snomed ? own(SNOMED, c.code) : undefined;
  if (known) return { ...known, known: true };
  const short = c.system === SYSTEM.cvx ? 'CVX' : c.system === SYSTEM.snomed ? 'SNOMED' : 'code';
  return { name: `${short} ${c.code}`, known: false };
}

export const testType = (c: Coding): 'NAT' | 'RAT' | undefined => (c.system === SYSTEM.loinc ? own(LOINC_TESTS, c.code) : undefined);

export const testResult = (c: Coding): 'negative' | 'positive' | undefined => (c.system === SYSTEM.snomed ? own(RESULTS, c.code) : undefined);
