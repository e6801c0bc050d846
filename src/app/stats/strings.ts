/** The stats screen's strings, zh-CN and en. */
import { defineStrings } from '../i18n/strings.ts';

export const s = defineStrings({
  title: { 'zh-CN': '通行统计', en: 'Checkpoint statistics' },
  privacyNote: {
    'zh-CN': '仅按小时统计次数，不保存姓名、证件号或码内容。',
    en: 'Hourly counts only — no names, ID numbers or code contents are kept.',
  },
  range: { 'zh-CN': '时间范围', en: 'Period' },
  range24h: { 'zh-CN': '近 24 小时', en: 'Last 24 hours' },
  range7d: { 'zh-CN': '近 7 天', en: 'Last 7 days' },
  range90d: { 'zh-CN': '近 90 天', en: 'Last 90 days' },
  totalPass: { 'zh-CN': '通过', en: 'PASS' },
  totalFail: { 'zh-CN': '不通过', en: 'FAIL' },
  totalNotRead: { 'zh-CN': '未识别（重扫）', en: 'NOT READ (rescanned)' },
  total: { 'zh-CN': '合计', en: 'Total' },
  passRate: { 'zh-CN': '通过率', en: 'Pass rate' },
  noData: { 'zh-CN': '此时间段内没有核验记录', en: 'No checks in this period' },
  loading: { 'zh-CN': '正在读取…', en: 'Loading…' },
  loadFailed: { 'zh-CN': '无法读取统计数据', en: 'Could not read the statistics' },
  chartTitle: { 'zh-CN': '每小时核验次数', en: 'Checks per hour' },
  chartTitleDaily: { 'zh-CN': '每日核验次数', en: 'Checks per day' },
  chartSummary: {
    'zh-CN': '{period}：通过 {pass} 次，不通过 {fail} 次。最多的是 {peak}（{peakCount} 次）。',
    en: '{period}: {pass} PASS, {fail} FAIL. Busiest: {peak} ({peakCount}).',
  },
  chartSummaryEmpty: { 'zh-CN': '{period}：没有核验记录。', en: '{period}: no checks.' },
  colHour: { 'zh-CN': '时间', en: 'Time' },
  colDay: { 'zh-CN': '日期', en: 'Date' },
  reasonsTitle: { 'zh-CN': '不通过原因', en: 'Reasons for FAIL' },
  noFails: { 'zh-CN': '没有不通过记录', en: 'No FAIL results' },
  count: { 'zh-CN': '次数', en: 'Count' },
  reason: { 'zh-CN': '原因', en: 'Reason' },
  downloadCsv: { 'zh-CN': '下载 CSV', en: 'Download CSV' },
  clear: { 'zh-CN': '清除统计', en: 'Clear statistics' },
  clearConfirm: { 'zh-CN': '确定删除本机全部统计数据？此操作无法撤销。', en: 'Delete all statistics on this device? This cannot be undone.' },
  clearYes: { 'zh-CN': '确定删除', en: 'Delete' },
  clearNo: { 'zh-CN': '取消', en: 'Cancel' },
  clearFailed: { 'zh-CN': '清除失败', en: 'Could not clear' },
  close: { 'zh-CN': '返回', en: 'Back' },
  csvHour: { 'zh-CN': '时间（本地）', en: 'Hour (local)' },
  csvOffset: { 'zh-CN': 'UTC 时差', en: 'UTC offset' },
  csvOutcome: { 'zh-CN': '结果', en: 'Outcome' },
  csvReasonCode: { 'zh-CN': '原因代码', en: 'Reason code' },
  csvReason: { 'zh-CN': '原因', en: 'Reason' },
  csvFormat: { 'zh-CN': '码类型', en: 'Format' },
  csvCount: { 'zh-CN': '次数', en: 'Count' },
});

/** `fill('{a} and {b}', { a: 1, b: 2 })`: the word order stays each language's own. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
