/**
 * The public EU DCC test suite (../shared/vectors/eu-dcc, beside the checkout) as the judge of the
 * whole chain, through the same harness as `npm run conformance`: every flag a vector sets must
 * match, except the suite's own known issues and our errata (vectors whose layers contradict each
 * other), and an excuse that stops being needed fails the test, so neither list can go stale.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { judged, mismatches, runConformance, staleExcuses, type Conformance } from './eu-dcc/harness.ts';
import { FLAGS, readErrata } from './eu-dcc/vectors.ts';
import { requireShared, sharedDir } from '../support/shared.ts';

const SUITE = sharedDir('vectors', 'eu-dcc');

describe('EU DCC test suite (dgc-testdata), every layer and flag', () => {
  it(`finds the suite at ${SUITE} and the value sets beside it`, () => {
    expect(requireShared(SUITE, 'the EU DCC test suite (dgc-testdata)')).toBe(SUITE);
    requireShared('vectors/eu-dcc-valuesets', 'the EU DCC value sets, read beside the suite');
  });

  let result: Conformance;
  beforeAll(async () => {
    // Missing data fails every test below with the path and what it is, never a bare ENOENT.
    result = await runConformance(requireShared(SUITE, 'the EU DCC test suite (dgc-testdata)'));
  }, 300_000);

  it('reads the raw vectors, nested ones included, and the screenshots', () => {
    const vectors = new Set(result.rows.map((r) => r.vector));
    expect(vectors.size).toBeGreaterThan(200);
    expect([...vectors].some((id) => id.split('/').length > 4), 'vectors one folder deeper').toBe(true);
    expect(result.rows.filter((r) => r.flag === 'SCREENSHOT_NO_CODE').length).toBeGreaterThan(0);
  });

  for (const flag of [...FLAGS, 'SCREENSHOT_NO_CODE'] as const) {
    it(`${flag}: every judged vector agrees`, () => {
      const rows = result.rows.filter((r) => r.flag === flag);
      expect(judged(rows).length, 'judged at least one vector').toBeGreaterThan(0);
      expect(mismatches(rows).map((r) => `${r.vector}: expected ${r.expected}, got ${r.got.ok} (${r.got.why})`)).toEqual([]);
      expect(rows.filter((r) => r.got.why.startsWith('THREW')).map((r) => r.vector)).toEqual([]);
    });
  }

  it('every erratum still names a vector flag that disagrees (no stale errata), and there are at most 13', () => {
    expect(staleExcuses(result.rows, 'erratum').map((r) => `${r.vector} ${r.flag}`)).toEqual([]);
    expect(result.unusedErrata).toEqual([]);
    expect(readErrata().reduce((n, e) => n + e.flags.length, 0)).toBeLessThanOrEqual(13);
  });
});
