/**
 * The EU DCC test suite (dgc-testdata layout) as data: its raw vectors at whatever depth, the
 * suite's tests/known_issues.csv, and our errata file (vectors whose own layers contradict each
 * other, each with its evidence). Read by the one conformance harness (harness.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';

/** The flags a verifier's chain can be judged on (the suite README's EXPECTEDRESULTS). */
export const FLAGS = [
  'EXPECTEDPICTUREDECODE',
  'EXPECTEDUNPREFIX',
  'EXPECTEDB45DECODE',
  'EXPECTEDCOMPRESSION',
  'EXPECTEDDECODE',
  'EXPECTEDVALIDJSON',
  'EXPECTEDVERIFY',
  'EXPECTEDKEYUSAGE',
  'EXPECTEDEXPIRATIONCHECK',
  'EXPECTEDSCHEMAVALIDATION',
] as const;
export type Flag = (typeof FLAGS)[number];

/**
 * Keys as some vectors spell them. EXPTECTEDEXPIRED (ES 201-203, BG 3) is the expiration check
 * misspelled: in every such vector the validation clock lies well inside the code's validity.
 */
export const ALIASES: Record<string, Flag> = { EXPTECTEDEXPIRED: 'EXPECTEDEXPIRATIONCHECK' };
/** Issuer-side steps (building JSON/CBOR), not a verifier's: counted, not judged. */
export const ISSUER_SIDE = new Set(['EXPECTEDENCODE', 'EXPECTEDVALIDOBJECT', 'EXPECTEDRESULTS']);

/** known_issues.csv names the reference runner's test functions; these are the flags each judges. */
const KNOWN_ISSUE_TESTS: Record<string, Flag[]> = {
  test_un_prefix: ['EXPECTEDUNPREFIX'],
  test_b45decode: ['EXPECTEDB45DECODE'],
  test_compression: ['EXPECTEDCOMPRESSION'],
  test_picture_decode: ['EXPECTEDPICTUREDECODE'],
  test_cose_json: ['EXPECTEDDECODE'],
  test_cose_cbor: ['EXPECTEDDECODE'],
  test_cbor_json: ['EXPECTEDVALIDJSON'],
  test_cose_schema: ['EXPECTEDSCHEMAVALIDATION'],
  test_verification_check: ['EXPECTEDVERIFY'],
  test_expiration_check: ['EXPECTEDEXPIRATIONCHECK'],
  test_expected_key_usage: ['EXPECTEDKEYUSAGE'],
};

export interface Vector {
  /** Path below the suite root, with forward slashes. */
  id: string;
  /** First folder: the country (or "common"), also for vectors nested one level deeper. */
  country: string;
  /** The file name without .json, as known_issues.csv names a test set. */
  set: string;
  data: Record<string, unknown>;
}

export function readVectors(dir: string): { vectors: Vector[]; unreadable: string[] } {
  const vectors: Vector[] = [];
  const unreadable: string[] = [];
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((p) => p.endsWith('.json') && p.split(sep).includes('raw')).sort();
  for (const rel of files) {
    const id = rel.split(sep).join('/');
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(dir, rel), 'utf8'));
    } catch {
      unreadable.push(id);
      continue;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) unreadable.push(id);
    else vectors.push({ id, country: id.split('/')[0]!, set: basename(rel, '.json'), data: data as Record<string, unknown> });
  }
  return { vectors, unreadable };
}

/** Result-screen screenshots (JPEG/PNG under a Validation folder): no QR code in them. */
export function readScreenshots(dir: string): { id: string; bytes: Uint8Array }[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((p) => p.split(sep).includes('Validation') && /\.(jpe?g|png)$/i.test(p))
    .sort()
    .map((rel) => ({ id: rel.split(sep).join('/'), bytes: new Uint8Array(readFileSync(join(dir, rel))) }));
}

export interface KnownIssue {
  /** Empty: every test of the country/set, as the reference runner's ":country:set" keys. */
  test: string;
  country: string;
  /** Empty: every vector of the country. */
  set: string;
  reason: string;
}

/** The suite's own list; a suite without one has none. Unknown test names throw: the list must mean something. */
export function readKnownIssues(dir: string): KnownIssue[] {
  let text: string;
  try {
    text = readFileSync(join(dir, 'tests', 'known_issues.csv'), 'utf8');
  } catch {
    return [];
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',').map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const [t, c, s, r] = [col('test_name'), col('country'), col('test_set'), col('reason')];
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((x) => x.trim());
    const issue = { test: cells[t] ?? '', country: cells[c] ?? '', set: cells[s] ?? '', reason: cells[r] ?? '' };
    if (issue.test && !KNOWN_ISSUE_TESTS[issue.test]) throw new Error(`known_issues.csv names an unknown test: ${issue.test}`);
    return issue;
  });
}

export function knownIssue(issues: KnownIssue[], flag: Flag, v: Vector): KnownIssue | undefined {
  return issues.find((k) => k.country === v.country && (k.set === '' || k.set === v.set) && (k.test === '' || KNOWN_ISSUE_TESTS[k.test]!.includes(flag)));
}

export interface Erratum {
  id: string;
  flags: Flag[];
  evidence: string;
}

export const ERRATA_FILE = resolve(import.meta.dirname, '../eu-dcc-errata.csv');

/** path,flags,"evidence" per line; flags separated by spaces. */
export function readErrata(file = ERRATA_FILE): Erratum[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map((line) => {
      const m = /^([^,]+),([^,]+),"?(.*?)"?$/.exec(line);
      if (!m) throw new Error(`errata line not understood: ${line}`);
      const flags = m[2]!.split(' ') as Flag[];
      for (const f of flags) if (!FLAGS.includes(f)) throw new Error(`errata: unknown flag ${f}`);
      return { id: m[1]!, flags, evidence: m[3]! };
    });
}
