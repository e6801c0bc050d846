/**
 * The one EU DCC conformance harness: `npm run conformance` (scripts/conformance.ts) and the unit
 * suite (eu-dcc-suite.test.ts) both run this. For every raw vector, each flag its EXPECTEDRESULTS
 * sets is judged by steps.ts and compared; a flag excused by the suite's known_issues.csv or by our
 * errata file is reported apart. Screenshots of result screens must read as "no code".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fromBase64 } from '../../../src/core/encoding/bytes.ts';
import { valueSetsFromFiles } from '../../../src/core/formats/eu-dcc/index.ts';
import type { ValueSets } from '../../../src/core/formats/format.ts';
import { verifyCode } from '../../../src/core/pipeline/run.ts';
import { indexBundle, type Trust } from '../../../src/core/trust/trust-index.ts';
import { keyFromCertificate } from '../../../src/core/trust/x509.ts';
import { buildBundle } from '../../../src/issuer/sign-bundle.ts';
import { readQrFromImageBytes } from '../../../src/read/image-file.node.ts';
import { chainTextOf, runStep, type Outcome, type VectorLayers } from './steps.ts';
import { ALIASES, FLAGS, ISSUER_SIDE, knownIssue, readErrata, readKnownIssues, readScreenshots, readVectors, type Erratum, type Flag } from './vectors.ts';

export interface Row {
  vector: string;
  flag: Flag | 'SCREENSHOT_NO_CODE';
  expected: boolean;
  got: Outcome;
  /** Why the row is not judged: the suite's known issue, or our erratum's evidence. */
  excused?: { by: 'known-issue' | 'erratum'; why: string };
}

export interface Conformance {
  rows: Row[];
  unreadable: string[];
  ignoredKeys: Map<string, number>;
  /** Errata that name a vector/flag the suite does not have: the file must not go stale. */
  unusedErrata: string[];
}

/** The value sets beside the suite (../eu-dcc-valuesets), as a trust bundle carries them. */
export function valueSetsBeside(dir: string): ValueSets {
  const vs = resolve(dir, '../eu-dcc-valuesets');
  if (!existsSync(vs)) return {};
  return valueSetsFromFiles(readdirSync(vs).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(vs, f), 'utf8'))));
}

async function layersOf(data: Record<string, unknown>, valueSets: ValueSets): Promise<VectorLayers> {
  const l: VectorLayers = { data, valueSets };
  if (typeof data['2DCODE'] === 'string') {
    const r = await readQrFromImageBytes(fromBase64(data['2DCODE']));
    l.picture = r.ok ? { ok: true, text: r.value } : { ok: false, why: `${r.reason.code} ${r.reason.detail}` };
  }
  l.chainText = chainTextOf(data, l.picture);
  const ctx = (data.TESTCTX ?? {}) as Record<string, unknown>;
  const clock = typeof ctx.VALIDATIONCLOCK === 'string' ? Date.parse(ctx.VALIDATIONCLOCK) : NaN;
  const now = Number.isNaN(clock) ? new Date() : new Date(clock);
  let trust: Trust | null = null;
  if (typeof ctx.CERTIFICATE === 'string') {
    const k = await keyFromCertificate(ctx.CERTIFICATE);
    if (k.ok) {
      l.cert = k.value;
      const country = k.value.country ?? 'XX';
      trust = indexBundle(
        buildBundle({
          version: 1,
          issuedAt: new Date(Math.min(now.getTime(), Date.parse(k.value.validFrom))),
          expiresAt: new Date(Math.max(now.getTime(), Date.parse(k.value.validUntil)) + 86400_000),
          issuers: [{ id: country, kind: 'country', names: { 'zh-CN': country, en: country } }],
          keys: [{ issuer: country, cert: k.value }],
          valueSets,
        }),
      );
    }
  }
  if (l.chainText !== undefined) l.verdict = await verifyCode(l.chainText, { trust, now });
  return l;
}

export async function runConformance(dir: string, opts: { errata?: Erratum[]; valueSets?: ValueSets } = {}): Promise<Conformance> {
  const errata = opts.errata ?? readErrata();
  const valueSets = opts.valueSets ?? valueSetsBeside(dir);
  const issues = readKnownIssues(dir);
  const { vectors, unreadable } = readVectors(dir);
  const rows: Row[] = [];
  const ignoredKeys = new Map<string, number>();
  const usedErrata = new Set<string>();
  for (const v of vectors) {
    const expected = v.data.EXPECTEDRESULTS;
    if (typeof expected !== 'object' || expected === null) continue;
    const wanted: [Flag, boolean][] = [];
    for (const [key, value] of Object.entries(expected)) {
      const flag = ALIASES[key] ?? (FLAGS.includes(key as Flag) ? (key as Flag) : undefined);
      if (!flag || typeof value !== 'boolean') ignoredKeys.set(key, (ignoredKeys.get(key) ?? 0) + 1);
      else wanted.push([flag, value]);
    }
    if (!wanted.length) continue;
    const layers = await layersOf(v.data, valueSets);
    for (const [flag, want] of wanted) {
      let got: Outcome;
      try {
        got = runStep(flag, layers);
      } catch (e) {
        got = { ok: false, why: `THREW ${e instanceof Error ? e.message : String(e)}` };
      }
      const issue = knownIssue(issues, flag, v);
      const erratum = errata.find((e) => e.id === v.id && e.flags.includes(flag));
      if (erratum) usedErrata.add(`${erratum.id} ${flag}`);
      const excused = issue ? { by: 'known-issue' as const, why: issue.reason } : erratum ? { by: 'erratum' as const, why: erratum.evidence } : undefined;
      rows.push({ vector: v.id, flag, expected: want, got, ...(excused ? { excused } : {}) });
    }
  }
  for (const shot of readScreenshots(dir)) {
    const r = await readQrFromImageBytes(shot.bytes);
    const got: Outcome = r.ok ? { ok: false, why: `reader claims a code: ${r.value.slice(0, 24)}…` } : r.reason.code === 'NO_CODE_FOUND' ? { ok: true, why: '' } : { ok: false, why: r.reason.detail ?? r.reason.code };
    rows.push({ vector: shot.id, flag: 'SCREENSHOT_NO_CODE', expected: true, got });
  }
  const unusedErrata = errata.flatMap((e) => e.flags.map((f) => `${e.id} ${f}`)).filter((k) => !usedErrata.has(k));
  return { rows, unreadable, ignoredKeys, unusedErrata };
}

export const judged = (rows: Row[]) => rows.filter((r) => !r.excused && !r.got.notRunnable);
export const mismatches = (rows: Row[]) => judged(rows).filter((r) => r.got.ok !== r.expected);
/** Excused rows that now agree: their excuse no longer holds. */
export const staleExcuses = (rows: Row[], by: 'known-issue' | 'erratum') => rows.filter((r) => r.excused?.by === by && !r.got.notRunnable && r.got.ok === r.expected);

export function report(c: Conformance, label: string, verbose = false): string {
  const out: string[] = [`# EU DCC conformance — ${label}`, '', '| flag | matched | judged | known issues | errata | not runnable |', '|---|---:|---:|---:|---:|---:|'];
  for (const f of [...FLAGS, 'SCREENSHOT_NO_CODE'] as const) {
    const all = c.rows.filter((r) => r.flag === f);
    if (!all.length) continue;
    const j = judged(all);
    const count = (by: string) => all.filter((r) => r.excused?.by === by).length;
    out.push(`| ${f} | ${j.filter((r) => r.got.ok === r.expected).length} | ${j.length} | ${count('known-issue')} | ${count('erratum')} | ${all.filter((r) => !r.excused && r.got.notRunnable).length} |`);
  }
  const line = (r: Row) => `- ${r.vector} ${r.flag}: expected ${r.expected}, got ${r.got.ok}${r.got.why ? ` (${r.got.why})` : ''}${r.excused ? ` — ${r.excused.why}` : ''}`;
  const miss = mismatches(c.rows);
  if (miss.length) out.push('', 'Mismatches:', ...miss.map(line));
  const stale = staleExcuses(c.rows, 'erratum');
  if (stale.length) out.push('', 'Errata that no longer hold (remove them from test/conformance/eu-dcc-errata.csv):', ...stale.map(line));
  if (c.unusedErrata.length) out.push('', `Errata naming no vector flag: ${c.unusedErrata.join(', ')}`);
  if (verbose) out.push('', 'Excused (not judged):', ...c.rows.filter((r) => r.excused).map(line));
  const nr = c.rows.filter((r) => !r.excused && r.got.notRunnable);
  if (nr.length) out.push('', `Not runnable (the vector has no layer the step can start from): ${nr.map((r) => `${r.vector} ${r.flag}`).join(', ')}`);
  if (c.unreadable.length) out.push('', `Vectors that are not JSON objects (skipped): ${c.unreadable.join(', ')}`);
  const label2 = (k: string) => (ISSUER_SIDE.has(k) ? 'issuer-side' : 'unknown');
  if (c.ignoredKeys.size) out.push(`Keys not judged: ${[...c.ignoredKeys].map(([k, n]) => `${k}×${n} (${label2(k)})`).join(', ')}`);
  const j = judged(c.rows);
  const errata = c.rows.filter((r) => r.excused?.by === 'erratum').length;
  const known = c.rows.filter((r) => r.excused?.by === 'known-issue').length;
  out.push('', `conformance: ${j.filter((r) => r.got.ok === r.expected).length}/${j.length} flags matched, ${known} known issues, ${errata} errata`);
  return out.join('\n');
}
