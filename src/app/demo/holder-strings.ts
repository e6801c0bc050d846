/** The demo holder page's words, zh-CN and en. */
import { defineStrings } from '../i18n/strings.ts';

export const hs = defineStrings({
  title: { 'zh-CN': '持码人演示：动态健康码', en: 'Holder demo: live health code' },
  intro: {
    'zh-CN': '本页扮演持码人的手机：在本机生成一把不可导出的设备密钥，演示服务器签发一张与之绑定的码。屏幕上的二维码每 10 秒重新签名；截图在一分钟后即不能通过。',
    en: 'This page plays the holder’s phone: it makes a non-extractable device key here, and the demo server issues a code bound to it. The QR code below is re-signed every 10 s; a screenshot stops passing within a minute.',
  },
  keyMemory: {
    'zh-CN': '密钥和码只在本页内存中，刷新页面即换新（演示持码人为虚构）。',
    en: 'The key and the code live in this page’s memory only; a reload makes new ones (the demo holder is made up).',
  },
  waitingTrust: { 'zh-CN': '正在确认这是演示环境…', en: 'Checking that this is the demo world…' },
  notDemo: { 'zh-CN': '持码人演示页只在演示环境中提供。', en: 'The holder demo exists in the demo world only.' },
  makingKey: { 'zh-CN': '正在生成设备密钥并申领演示码…', en: 'Making a device key and fetching a demo code…' },
  NO_WEBCRYPTO: { 'zh-CN': '此浏览器不能生成设备密钥（需要 https 或本机地址）。', en: 'This browser cannot make a device key here (it needs https or localhost).' },
  ISSUE_UNREACHABLE: { 'zh-CN': '无法连接演示服务器，请联网后刷新。', en: 'The demo server cannot be reached — go online and reload.' },
  ISSUE_REFUSED: { 'zh-CN': '演示服务器拒绝签发。', en: 'The demo server refused to issue a code.' },
  ISSUE_MALFORMED: { 'zh-CN': '演示服务器的应答无效。', en: 'The demo server’s answer was not a code.' },
  NOT_A_CODE: { 'zh-CN': '收到的不是健康码。', en: 'What came back is not a health code.' },
  retry: { 'zh-CN': '重试', en: 'Retry' },
  boundTo: { 'zh-CN': '已绑定本机', en: 'Bound to this device' },
  issuer: { 'zh-CN': '签发地（演示）', en: 'Issuer (demo)' },
  slot: { 'zh-CN': '本码时间', en: 'Code time' },
  nextIn: { 'zh-CN': '秒后刷新', en: 's to next code' },
  qrAlt: { 'zh-CN': '动态健康码二维码（每 10 秒更新）', en: 'Live health code QR (changes every 10 s)' },
  showToGate: { 'zh-CN': '请向核验设备出示此码，不要截图转发。', en: 'Show this to the gate’s scanner — a screenshot will not pass.' },
});
export type HolderStringKey = Parameters<typeof hs>[0];
