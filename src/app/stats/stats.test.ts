import { describe, expect, it } from 'vitest';
import { REASON_TEXTS } from '../../core/i18n/reason-texts.ts';
import { aggregateByDay, aggregateByHour, localDay, reasonBreakdown, totals } from './aggregate.ts';
import { chartLayout, niceStep, peakBin, yScale } from './chart.ts';
import { csvField, csvFilename, encodeCsv, formatOffset, localTimeLabel, toCsv, UTF8_BOM } from './csv.ts';
import type { Verdict } from '../../core/model/verdict.ts';
import { bucketFor, hourOf, hourRange, parseRow, pruneCutoff, rowKey, type StatsRow, type VerdictFacts } from './stats-model.ts';

// Compile-time: a whole Verdict can be passed to recordVerdict as it is.
const _verdictFits = (v: Verdict): VerdictFacts => v;
void _verdictFits;

const CST = () => 480; // China Standard Time, UTC+8, no DST
const row = (hour: string, outcome: 'PASS' | 'FAIL' | 'NOT_READ', count: number, reason: StatsRow['reason'] = '', format = 'cn-hc'): StatsRow => ({
  hour,
  outcome,
  reason: outcome === 'PASS' ? '' : reason,
  format,
  count,
});

describe('bucketFor: what a verdict leaves behind', () => {
  const personal = {
    outcome: 'FAIL',
    reasons: [{ code: 'CODE_EXPIRED', detail: 'exp 2024-01-01 for 张三 110101199003071234' }, { code: 'REVOKED' }],
    warnings: [],
    format: 'cn-hc',
    credential: { holder: { name: '张三', idTail: '1234' }, id: 'code-abc' },
    checkedAt: '2024-05-01T06:42:10.123Z',
  };
  it('keeps only hour, outcome, deciding reason and format', () => {
    const b = bucketFor(personal);
    expect(b).toEqual({ hour: '2024-05-01T06:00Z', outcome: 'FAIL', reason: 'CODE_EXPIRED', format: 'cn-hc' });
    const text = JSON.stringify(b);
    for (const leak of ['张三', '1234', 'code-abc', 'exp', 'REVOKED', '42']) expect(text).not.toContain(leak);
  });
  it("stores '' as the reason of a PASS, whatever else the verdict says", () => {
    expect(bucketFor({ outcome: 'PASS', reasons: [{ code: 'TRUST_STALE' }], format: 'eu-dcc', checkedAt: '2024-05-01T23:59:59Z' })).toEqual({
      hour: '2024-05-01T23:00Z',
      outcome: 'PASS',
      reason: '',
      format: 'eu-dcc',
    });
  });
  it('lets no free text through reason or format', () => {
    const b = bucketFor({ outcome: 'FAIL', reasons: [{ code: '张三 110101…' }], format: 'Name: 张三', checkedAt: '2024-05-01T00:00:00Z' });
    expect(b).toMatchObject({ reason: 'INTERNAL_ERROR', format: 'other' });
    expect(bucketFor({ outcome: 'FAIL', reasons: [], checkedAt: '2024-05-01T00:00:00Z' })).toMatchObject({ reason: 'INTERNAL_ERROR', format: '' });
  });
  it('counts an unparsable time at now, refuses a non-verdict', () => {
    expect(bucketFor({ outcome: 'PASS', reasons: [], checkedAt: 'yesterday' }, Date.parse('2024-05-02T10:30:00Z'))?.hour).toBe('2024-05-02T10:00Z');
    expect(bucketFor({ outcome: 'MAYBE', reasons: [], checkedAt: '2024-05-01T00:00:00Z' })).toBeNull();
  });
  it('keys counters by hour first', () => {
    expect(rowKey(bucketFor(personal)!)).toEqual(['2024-05-01T06:00Z', 'FAIL', 'CODE_EXPIRED', 'cn-hc']);
  });
});

describe('hours, ranges, pruning', () => {
  it('floors to the UTC hour', () => {
    expect(hourOf(Date.parse('2024-12-31T23:59:59.999Z'))).toBe('2024-12-31T23:00Z');
    expect(hourOf(Date.parse('2024-05-01T08:00:00+08:00'))).toBe('2024-05-01T00:00Z');
  });
  it('brackets whole hours, either way round', () => {
    const from = Date.parse('2024-05-01T06:30:00Z');
    const to = Date.parse('2024-05-01T09:10:00Z');
    expect(hourRange(from, to)).toEqual({ lower: '2024-05-01T06:00Z', upperExclusive: '2024-05-01T10:00Z' });
    expect(hourRange(to, from)).toEqual(hourRange(from, to));
  });
  it('prunes rows older than 90 days, keeping the cutoff hour', () => {
    const now = Date.parse('2024-05-01T12:34:00Z');
    const cutoff = pruneCutoff(now);
    expect(cutoff).toBe('2024-02-01T12:00Z');
    // The store deletes keys below [cutoff]; the same string order decides here.
    const kept = ['2024-02-01T11:00Z', '2024-02-01T12:00Z', '2024-04-30T00:00Z'].filter((h) => !(h < cutoff));
    expect(kept).toEqual(['2024-02-01T12:00Z', '2024-04-30T00:00Z']);
    expect(pruneCutoff(now, 1)).toBe('2024-04-30T12:00Z');
  });
});

describe('parseRow', () => {
  it('keeps good rows, drops damaged ones', () => {
    const good = row('2024-05-01T06:00Z', 'FAIL', 3, 'REVOKED');
    expect(parseRow({ ...good, extra: 'x' })).toEqual(good);
    for (const bad of [
      null,
      'row',
      { ...good, hour: '2024-05-01 06:00' },
      { ...good, hour: '2024-13-45T99:00Z' },
      { ...good, outcome: 'OK' },
      { ...good, reason: 'NOT_A_CODE' },
      { ...good, outcome: 'PASS' }, // a PASS with a reason
      { ...good, format: 'Name: X' },
      { ...good, count: 0 },
      { ...good, count: 1.5 },
      { ...good, count: '3' },
    ])
      expect(parseRow(bad)).toBeNull();
  });
});

const ROWS = [
  row('2024-05-01T01:00Z', 'PASS', 10),
  row('2024-05-01T01:00Z', 'FAIL', 2, 'CODE_EXPIRED'),
  row('2024-05-01T01:00Z', 'FAIL', 1, 'REVOKED', 'eu-dcc'),
  row('2024-05-01T03:00Z', 'PASS', 5, '', 'eu-dcc'),
  row('2024-05-01T03:00Z', 'PASS', 1),
  row('2024-05-01T17:00Z', 'FAIL', 4, 'CODE_EXPIRED'), // 01:00 on 2 May in China
];

describe('aggregation', () => {
  it('sums per hour across formats and reasons', () => {
    const bins = aggregateByHour(ROWS);
    expect(bins.map((b) => [b.key, b.pass, b.fail])).toEqual([
      ['2024-05-01T01:00Z', 10, 3],
      ['2024-05-01T03:00Z', 6, 0],
      ['2024-05-01T17:00Z', 0, 4],
    ]);
    expect(bins[0]!.reasons).toEqual({ CODE_EXPIRED: 2, REVOKED: 1 });
  });
  it('fills every hour of a range and leaves out rows beyond it', () => {
    const bins = aggregateByHour(ROWS, { from: Date.parse('2024-05-01T00:10:00Z'), to: Date.parse('2024-05-01T03:59:00Z') });
    expect(bins.map((b) => [b.key.slice(11, 13), b.pass + b.fail])).toEqual([
      ['00', 0],
      ['01', 13],
      ['02', 0],
      ['03', 6],
    ]);
  });
  it('groups by local day', () => {
    expect(localDay(Date.parse('2024-05-01T17:00:00Z'), CST)).toBe('2024-05-02');
    expect(localDay(Date.parse('2024-05-01T15:59:00Z'), CST)).toBe('2024-05-01');
    const days = aggregateByDay(ROWS, undefined, CST);
    expect(days.map((d) => [d.key, d.pass, d.fail])).toEqual([
      ['2024-05-01', 16, 3],
      ['2024-05-02', 0, 4],
    ]);
    const range = aggregateByDay(ROWS, { from: Date.parse('2024-04-29T00:00:00Z'), to: Date.parse('2024-05-01T12:00:00Z') }, CST);
    expect(range.map((d) => [d.key, d.pass + d.fail])).toEqual([
      ['2024-04-29', 0],
      ['2024-04-30', 0],
      ['2024-05-01', 19],
    ]);
  });
  it('totals and pass rate', () => {
    expect(totals(ROWS)).toEqual({ pass: 16, fail: 7, notRead: 0, total: 23, passRate: 16 / 23 });
    expect(totals([])).toEqual({ pass: 0, fail: 0, notRead: 0, total: 0, passRate: null });
  });
  it('misreads (NOT_READ) count on their own line, in no verdict total, no pass rate and no FAIL reason', () => {
    const misread = row('2024-05-01T01:00Z', 'NOT_READ', 5, 'NO_CODE_FOUND');
    expect(totals([...ROWS, misread])).toEqual({ pass: 16, fail: 7, notRead: 5, total: 23, passRate: 16 / 23 });
    expect(reasonBreakdown([...ROWS, misread]).map((r) => r.code)).not.toContain('NO_CODE_FOUND');
    expect(aggregateByHour([misread])[0]).toMatchObject({ pass: 0, fail: 0, notRead: 5 });
    expect(bucketFor({ outcome: 'NOT_READ', reasons: [{ code: 'UNSUPPORTED_FORMAT' }], checkedAt: '2024-05-01T00:00:00Z' })).toEqual({ hour: '2024-05-01T00:00Z', outcome: 'NOT_READ', reason: 'UNSUPPORTED_FORMAT', format: '' });
    expect(parseRow(misread)).toEqual(misread);
  });
  it('ranks deciding reasons by count, ties in reason order', () => {
    expect(reasonBreakdown(ROWS)).toEqual([
      { code: 'CODE_EXPIRED', count: 6 },
      { code: 'REVOKED', count: 1 },
    ]);
    const tie = [row('2024-05-01T01:00Z', 'FAIL', 1, 'STATUS_RED'), row('2024-05-01T01:00Z', 'FAIL', 1, 'SIGNATURE_INVALID')];
    expect(reasonBreakdown(tie).map((r) => r.code)).toEqual(['SIGNATURE_INVALID', 'STATUS_RED']);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField(42)).toBe('42');
    expect(encodeCsv([['a', 'b,c'], [1, '"']])).toBe('a,"b,c"\r\n1,""""\r\n');
  });
  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-1)).toBe('-1');
  });
  it('writes Chinese reason texts as UTF-8 text, quoting the ones with a comma', () => {
    const withComma = Object.entries(REASON_TEXTS).filter(([, t]) => t['zh-CN'].includes('，'));
    expect(withComma.length).toBeGreaterThan(0); // full-width commas: no quoting needed
    expect(csvField(REASON_TEXTS.SIGNATURE_INVALID['zh-CN'])).toBe('签名无效，码可能被篡改');
    expect(csvField('红码, "黄码"')).toBe('"红码, ""黄码"""');
    const en = toCsv([row('2024-05-01T01:00Z', 'FAIL', 2, 'SIGNATURE_INVALID')], 'en', { bom: false, offset: CST });
    expect(en).toContain(',SIGNATURE_INVALID,Invalid signature — code may be forged,cn-hc,2\r\n');
  });
  it('exports a header and one record per counter in local time, with a BOM', () => {
    const csv = toCsv(ROWS, 'zh-CN', { offset: CST });
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe(''); // every record ends with CRLF
    expect(lines[0]).toBe('时间（本地）,UTC 时差,结果,原因代码,原因,码类型,次数');
    expect(lines.slice(1, -1)).toEqual([
      '2024-05-01 09:00,UTC+08:00,PASS,,,cn-hc,10',
      '2024-05-01 09:00,UTC+08:00,FAIL,REVOKED,此码已被签发方撤销,eu-dcc,1', // reasons in REASON_CODES order
      '2024-05-01 09:00,UTC+08:00,FAIL,CODE_EXPIRED,健康码已过期，请刷新,cn-hc,2',
      '2024-05-01 11:00,UTC+08:00,PASS,,,cn-hc,1',
      '2024-05-01 11:00,UTC+08:00,PASS,,,eu-dcc,5',
      '2024-05-02 01:00,UTC+08:00,FAIL,CODE_EXPIRED,健康码已过期，请刷新,cn-hc,4',
    ]);
    expect(toCsv([], 'en', { bom: false })).toBe('Hour (local),UTC offset,Outcome,Reason code,Reason,Format,Count\r\n');
  });
  it('quotes an English reason text holding a comma', () => {
    // No reason text has an ASCII comma today; a made-up row through the same path proves the quoting.
    expect(encodeCsv([['2024-05-01 09:00', 'Code expired, ask again']])).toBe('2024-05-01 09:00,"Code expired, ask again"\r\n');
  });
  it('labels times and offsets', () => {
    expect(formatOffset(480)).toBe('UTC+08:00');
    expect(formatOffset(-210)).toBe('UTC-03:30');
    expect(formatOffset(0)).toBe('UTC+00:00');
    expect(localTimeLabel(Date.parse('2024-05-01T17:00:00Z'), CST)).toBe('2024-05-02 01:00');
    expect(csvFilename(Date.parse('2024-05-01T17:00:00Z'), CST)).toBe('gatecheck-stats-20240502.csv');
  });
});

describe('chart layout', () => {
  it('picks whole, round steps', () => {
    expect([0, 0.3, 1, 1.5, 3, 7, 11, 40, 260].map(niceStep)).toEqual([1, 1, 1, 2, 5, 10, 20, 50, 500]);
    expect(yScale(0)).toEqual({ yMax: 1, ticks: [0, 1] });
    expect(yScale(7)).toEqual({ yMax: 8, ticks: [0, 2, 4, 6, 8] });
    expect(yScale(30)).toEqual({ yMax: 30, ticks: [0, 10, 20, 30] });
  });
  it('stacks FAIL on PASS inside the plot', () => {
    const bins = aggregateByHour(ROWS, { from: Date.parse('2024-05-01T00:00:00Z'), to: Date.parse('2024-05-01T03:00:00Z') });
    const l = chartLayout(bins, { width: 400, height: 200, label: (b) => b.key.slice(11, 13), margin: { left: 40, top: 0, right: 0, bottom: 40 } });
    expect(l.yMax).toBe(15);
    expect(l.bars).toHaveLength(4);
    const b = l.bars[1]!; // 10 PASS + 3 FAIL of 15, plot 160 high
    expect(b.passH).toBeCloseTo((10 / 15) * 160);
    expect(b.passY + b.passH).toBeCloseTo(160);
    expect(b.failY + b.failH).toBeCloseTo(b.passY);
    expect(b.failH).toBeCloseTo((3 / 15) * 160);
    for (const bar of l.bars) {
      expect(bar.x).toBeGreaterThanOrEqual(40);
      expect(bar.x + bar.width).toBeLessThanOrEqual(400 + 1e-9);
    }
    expect(l.bars[0]!.passH + l.bars[0]!.failH).toBe(0);
  });
  it('labels only as many bars as labels fit, none cut off at the edges', () => {
    const bins = aggregateByHour([], { from: 0, to: 167 * 3_600_000 });
    expect(bins).toHaveLength(168);
    const l = chartLayout(bins, { width: 360, height: 200, label: (b) => b.key, labelWidth: 110 });
    expect(l.xLabels.length).toBeLessThanOrEqual(Math.floor(316 / 110));
    expect(l.xLabels[0]!.text).toBe(bins[0]!.key);
    for (const x of l.xLabels) {
      const [lo, hi] = x.anchor === 'start' ? [x.x, x.x + 110] : x.anchor === 'end' ? [x.x - 110, x.x] : [x.x - 55, x.x + 55];
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(360);
    }
    // 81 bars edge to edge, 17 labels fit: every 5th bar, the first and the last bar among them.
    const edge = chartLayout(bins.slice(0, 81), { width: 1000, height: 200, label: () => '11-24', labelWidth: 56, margin: { left: 0, top: 8, right: 0, bottom: 24 } });
    expect(edge.xLabels).toHaveLength(17);
    expect(edge.xLabels[0]).toMatchObject({ anchor: 'start', x: 1 });
    expect(edge.xLabels.at(-1)).toMatchObject({ anchor: 'end', x: 999 });
    expect(edge.xLabels[8]!.anchor).toBe('middle');
  });
  it('finds the busiest bin', () => {
    expect(peakBin(aggregateByHour(ROWS))?.key).toBe('2024-05-01T01:00Z');
    expect(peakBin(aggregateByHour([], { from: 0, to: 0 }))).toBeNull();
  });
});
