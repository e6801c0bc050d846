/**
 * The public EU DCC test suite (dgc-testdata, beside the checkout in ../shared/vectors/eu-dcc) as
 * the judge of the decoding layers and the schema check. Every raw vector, at whatever depth
 * (some countries nest one folder deeper), is read as it is; for each flag below that a vector
 * sets, our layer functions must agree with the expected value, except where tests/known_issues.csv
 * excuses the pair.
 *
 * What each flag means here (README of the suite; same inputs as its reference runner):
 *   EXPECTEDUNPREFIX          PREFIX loses its HC1: context identifier, leaving BASE45
 *   EXPECTEDB45DECODE         BASE45 decodes (strict base45) to COMPRESSED
 *   EXPECTEDCOMPRESSION       COMPRESSED is a zlib stream that inflates to COSE
 *   EXPECTEDDECODE            the DCC inside COSE (or, without COSE, the CBOR field) equals JSON
 *   EXPECTEDVALIDJSON         the whole chain from PREFIX yields a DCC equal to JSON
 *   EXPECTEDSCHEMAVALIDATION  the DCC (from COSE, else PREFIX, else CBOR) passes the schema of its ver
 * Signature, key usage and expiry flags need X.509 trust and are judged by the conformance runner.
 *
 * Equality of DCCs is JSON equality with date-times compared as instants: issuers write the same
 * instant as "…Z", "….000Z" or with an offset, and the suite's JSON does not always use the form
 * in the CBOR (its reference runner normalises the same way).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBase45 } from '../../encoding/base45.ts';
import { bytesEqual, fromHex } from '../../encoding/bytes.ts';
import { decodeCbor } from '../../encoding/cbor.ts';
import type { Result } from '../../result.ts';
import { parseDateTime } from '../../encoding/rfc3339.ts';
import { decode, decodeCose, decompress, PAYLOAD_TAGS, unprefix } from './decode.ts';
import { hcertFromClaims, type JsonObject } from './hcert.ts';
import { validateDcc } from './schema/validate.ts';

const SUITE = resolve('../shared/vectors/eu-dcc');

const FLAGS = [
  'EXPECTEDUNPREFIX',
  'EXPECTEDB45DECODE',
  'EXPECTEDCOMPRESSION',
  'EXPECTEDDECODE',
  'EXPECTEDVALIDJSON',
  'EXPECTEDSCHEMAVALIDATION',
] as const;
type Flag = (typeof FLAGS)[number];

/** known_issues.csv names the reference runner's test functions; these are the flags each one judges. */
const KNOWN_ISSUE_TESTS: Record<string, string[]> = {
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

/**
 * Expected values in the suite that contradict its own data or the spec, beyond known_issues.csv.
 * All sit in PL/<version>/…, one folder deeper than the reference runner's glob
 * (<country>/<dir>/<dir>/<file>.json) reaches, so they were never run upstream. Judged like known issues
 * (reported, not counted), and the test fails if one of them starts to agree, so the list cannot
 * go stale.
 */
const SUITE_DEFECTS: { id: RegExp; flags: Flag[]; reason: string }[] = [
  {
    id: /^PL\/1\.3\.0\/2DCode\/raw\/[15]\.json$/,
    flags: ['EXPECTEDDECODE', 'EXPECTEDVALIDJSON'],
    reason: 'the JSON field holds other names than the signed payload (edited after signing)',
  },
  {
    id: /^PL\/[^/]+\/2DCode\/raw\/[789]\.json$/,
    flags: ['EXPECTEDSCHEMAVALIDATION'],
    reason:
      'codes outside their value sets (test device 9999, country XY, manufacturer ORG-99999999): value-set membership is no JSON Schema constraint (valueset-uri is an annotation) but a business rule',
  },
];

interface KnownIssue {
  /** Empty: every test of the country/set, as the reference runner's ":country:set" keys. */
  test: string;
  country: string;
  /** Empty: every vector of the country. Otherwise the vector's file name without .json. */
  set: string;
  reason: string;
}

interface Vector {
  /** Path below the suite root, with forward slashes. */
  id: string;
  /** First folder: the country (or "common"), also for vectors nested one level deeper. */
  country: string;
  set: string;
  data: Record<string, unknown>;
}

/** Skip: the vector lacks an input the step needs, as the reference runner skips. */
type Outcome = { pass: boolean; why?: string } | 'skip';

function readKnownIssues(): KnownIssue[] {
  const file = join(SUITE, 'tests', 'known_issues.csv');
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',').map((h) => h.trim());
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`known_issues.csv has no ${name} column`);
    return i;
  };
  const [t, c, s, r] = [col('test_name'), col('country'), col('test_set'), col('reason')];
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((x) => x.trim());
    return { test: cells[t] ?? '', country: cells[c] ?? '', set: cells[s] ?? '', reason: cells[r] ?? '' };
  });
}

function readVectors(): { vectors: Vector[]; unreadable: string[] } {
  const vectors: Vector[] = [];
  const unreadable: string[] = [];
  const files = (readdirSync(SUITE, { recursive: true }) as string[])
    .filter((p) => p.endsWith('.json') && p.split(sep).includes('raw'))
    .sort();
  for (const rel of files) {
    const id = rel.split(sep).join('/');
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(SUITE, rel), 'utf8'));
    } catch {
      unreadable.push(id);
      continue;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      unreadable.push(id);
      continue;
    }
    vectors.push({ id, country: id.split('/')[0]!, set: basename(rel, '.json'), data: data as Record<string, unknown> });
  }
  return { vectors, unreadable };
}

function knownIssue(issues: KnownIssue[], flag: string, v: Vector): KnownIssue | undefined {
  return issues.find(
    (k) =>
      k.country === v.country &&
      (k.set === '' || k.set === v.set) &&
      (k.test === '' || (KNOWN_ISSUE_TESTS[k.test] ?? []).includes(flag)),
  );
}

const hex = (v: unknown): Uint8Array | undefined => {
  if (typeof v !== 'string') return undefined;
  try {
    return fromHex(v);
  } catch {
    return undefined;
  }
};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** JSON equality; strings that are both date-times compare as instants. */
function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return true;
    const [ta, tb] = [parseDateTime(a), parseDateTime(b)];
    return ta !== undefined && ta === tb;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameJson((a as never)[k], (b as never)[k]));
  }
  return a === b;
}

const why = (r: { ok: false; reason: { code: string; detail?: string } }) => `${r.reason.code}${r.reason.detail ? ` ${r.reason.detail}` : ''}`;

/** The DCC of a COSE message, through our layers. */
function dccFromCose(bytes: Uint8Array): Result<JsonObject> {
  const d = decodeCose(bytes);
  return d.ok ? hcertFromClaims(d.value.claims) : d;
}

/** The DCC of the whole chain from the QR text. */
function dccFromText(text: string): Result<JsonObject> {
  const d = decode(text);
  return d.ok ? hcertFromClaims(d.value.claims) : d;
}

/** The DCC of the suite's CBOR field, which some countries give as the CWT claims and others as the DCC itself. */
function dccFromCborField(bytes: Uint8Array): Result<JsonObject> {
  const c = decodeCbor(bytes, { tags: PAYLOAD_TAGS });
  if (!c.ok) return c;
  if (c.value instanceof Map && c.value.has(-260)) return hcertFromClaims(c.value);
  return hcertFromClaims(new Map([[-260, new Map([[1, c.value]])]]));
}

function compareTo(json: unknown, dcc: Result<JsonObject>): Outcome {
  if (!dcc.ok) return { pass: false, why: why(dcc) };
  return sameJson(dcc.value, json) ? { pass: true } : { pass: false, why: 'DCC differs from JSON' };
}

function judge(flag: Flag, d: Record<string, unknown>): Outcome {
  switch (flag) {
    case 'EXPECTEDUNPREFIX': {
      const prefixed = str(d.PREFIX);
      const b45 = str(d.BASE45);
      if (prefixed === undefined || b45 === undefined) return 'skip';
      const r = unprefix(prefixed);
      if (!r.ok) return { pass: false, why: why(r) };
      return r.value === b45 ? { pass: true } : { pass: false, why: 'differs from BASE45' };
    }
    case 'EXPECTEDB45DECODE': {
      const b45 = str(d.BASE45);
      const compressed = hex(d.COMPRESSED);
      if (b45 === undefined || !compressed) return 'skip';
      const r = decodeBase45(b45);
      if (!r.ok) return { pass: false, why: why(r) };
      return bytesEqual(r.value, compressed) ? { pass: true } : { pass: false, why: 'differs from COMPRESSED' };
    }
    case 'EXPECTEDCOMPRESSION': {
      const compressed = hex(d.COMPRESSED);
      const cose = hex(d.COSE);
      if (!compressed || !cose) return 'skip';
      const r = decompress(compressed);
      if (!r.ok) return { pass: false, why: why(r) };
      if (!r.value.compressed) return { pass: false, why: 'not a zlib stream' };
      return bytesEqual(r.value.bytes, cose) ? { pass: true } : { pass: false, why: 'inflates to something other than COSE' };
    }
    case 'EXPECTEDDECODE': {
      const cose = hex(d.COSE);
      const cbor = hex(d.CBOR);
      if (!cose && !cbor) return 'skip';
      const dcc = cose ? dccFromCose(cose) : dccFromCborField(cbor!);
      if (d.JSON === undefined) return dcc.ok ? { pass: true } : { pass: false, why: why(dcc) };
      return compareTo(d.JSON, dcc);
    }
    case 'EXPECTEDVALIDJSON': {
      const text = str(d.PREFIX);
      if (text === undefined || d.JSON === undefined) return 'skip';
      return compareTo(d.JSON, dccFromText(text));
    }
    case 'EXPECTEDSCHEMAVALIDATION': {
      const cose = hex(d.COSE);
      const text = str(d.PREFIX);
      const cbor = hex(d.CBOR);
      const dcc = cose ? dccFromCose(cose) : text !== undefined ? dccFromText(text) : cbor ? dccFromCborField(cbor) : undefined;
      if (!dcc) return 'skip';
      if (!dcc.ok) return { pass: false, why: why(dcc) };
      const s = validateDcc(dcc.value);
      return s.ok ? { pass: true } : { pass: false, why: why(s) };
    }
  }
}

const suitePresent = existsSync(SUITE);

describe('EU DCC test suite (dgc-testdata): decoding and schema flags', () => {
  it(`finds the suite at ${SUITE}`, () => {
    expect(suitePresent, 'the EU DCC test suite must be checked out beside the repository (../shared/vectors/eu-dcc)').toBe(true);
  });
  if (!suitePresent) return;

  const issues = readKnownIssues();
  const { vectors, unreadable } = readVectors();

  it('reads the raw vectors, nested ones included', () => {
    expect(vectors.length).toBeGreaterThan(100);
    expect(vectors.some((v) => v.id.split('/').length > 4), 'vectors one folder deeper').toBe(true);
    // Vectors that are not JSON objects are reported, not judged.
    if (unreadable.length) console.warn(`EU DCC suite: not JSON, skipped: ${unreadable.join(', ')}`);
  });

  it('reads known_issues.csv and every test name in it is one the reference runner has', () => {
    expect(issues.length).toBeGreaterThan(0);
    for (const k of issues) if (k.test) expect(Object.keys(KNOWN_ISSUE_TESTS), k.test).toContain(k.test);
  });

  for (const flag of FLAGS) {
    it(`${flag}: every vector that sets it agrees, known issues aside`, () => {
      let total = 0;
      let matched = 0;
      let skipped = 0;
      const known: string[] = [];
      const defects: string[] = [];
      const staleDefects: string[] = [];
      const mismatches: string[] = [];
      for (const v of vectors) {
        const results = v.data.EXPECTEDRESULTS;
        if (typeof results !== 'object' || results === null) continue;
        const expected = (results as Record<string, unknown>)[flag];
        if (typeof expected !== 'boolean') continue;
        const issue = knownIssue(issues, flag, v);
        let got: Outcome;
        try {
          got = judge(flag, v.data);
        } catch (e) {
          got = { pass: false, why: `THREW ${e instanceof Error ? e.message : String(e)}` };
        }
        if (got === 'skip') {
          skipped++;
          continue;
        }
        if (issue) {
          known.push(`${v.id} (expected ${expected}, got ${got.pass}; ${issue.reason})`);
          continue;
        }
        const defect = SUITE_DEFECTS.find((x) => x.id.test(v.id) && x.flags.includes(flag));
        if (defect) {
          defects.push(`${v.id} (expected ${expected}, got ${got.pass}: ${defect.reason})`);
          if (got.pass === expected) staleDefects.push(v.id);
          continue;
        }
        total++;
        if (got.pass === expected) matched++;
        else mismatches.push(`${v.id}: expected ${expected}, got ${got.pass}${got.why ? ` — ${got.why}` : ''}`);
        expect(got.why ?? '', `${v.id} must not throw`).not.toMatch(/^THREW/);
      }
      console.log(
        `${flag}: ${matched}/${total} matched; ${skipped} skipped (input missing)` +
          `; known issues: ${known.length ? known.join('; ') : 'none'}` +
          `; suite defects: ${defects.length ? defects.join('; ') : 'none'}`,
      );
      expect(mismatches).toEqual([]);
      expect(staleDefects, 'listed as suite defects but now agree: remove them from SUITE_DEFECTS').toEqual([]);
      expect(total).toBeGreaterThan(0);
    });
  }
});
