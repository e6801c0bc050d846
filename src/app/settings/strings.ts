/** The settings screen's strings, zh-CN and en. */
import { defineStrings } from '../i18n/strings.ts';

export const s = defineStrings({
  title: { 'zh-CN': '设置', en: 'Settings' },
  close: { 'zh-CN': '返回', en: 'Back' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  save: { 'zh-CN': '保存', en: 'Save' },
  saving: { 'zh-CN': '正在保存…', en: 'Saving…' },
  saved: { 'zh-CN': '已保存', en: 'Saved' },
  saveFailed: { 'zh-CN': '保存失败，请重试', en: 'Could not save — try again' },
  fixErrors: { 'zh-CN': '请先修正标出的项目', en: 'Please fix the marked fields first' },

  sectionGeneral: { 'zh-CN': '常规', en: 'General' },
  lang: { 'zh-CN': '界面语言', en: 'Language' },
  langAuto: { 'zh-CN': '跟随设备', en: 'Same as device' },
  langZh: { 'zh-CN': '中文', en: '中文 (Chinese)' },
  langEn: { 'zh-CN': 'English（英文）', en: 'English' },
  policy: { 'zh-CN': '通行规则', en: 'Checkpoint policy' },
  policyUnavailable: { 'zh-CN': '（当前名单中没有此规则）', en: '(not in the current trust list)' },
  sounds: { 'zh-CN': '提示音', en: 'Sounds' },
  vibration: { 'zh-CN': '振动', en: 'Vibration' },

  sectionResult: { 'zh-CN': '结果显示', en: 'Result screen' },
  passSeconds: { 'zh-CN': '“通过”显示时长（秒）', en: 'Show PASS for (seconds)' },
  failSeconds: { 'zh-CN': '“不通过”显示时长（秒）', en: 'Show FAIL for (seconds)' },
  secondsHint: { 'zh-CN': '0 = 一直显示，直到点击', en: '0 = stay until tapped' },

  sectionCamera: { 'zh-CN': '摄像头', en: 'Camera' },
  facing: { 'zh-CN': '使用摄像头', en: 'Camera to use' },
  facingEnvironment: { 'zh-CN': '后置', en: 'Rear' },
  facingUser: { 'zh-CN': '前置（自助扫码）', en: 'Front (self-scan)' },
  device: { 'zh-CN': '指定摄像头', en: 'Specific camera' },
  deviceAuto: { 'zh-CN': '自动选择', en: 'Automatic' },
  deviceUnnamed: { 'zh-CN': '摄像头', en: 'Camera' },

  sectionKiosk: { 'zh-CN': '自助模式', en: 'Kiosk mode' },
  kioskEnabled: { 'zh-CN': '启用自助模式', en: 'Kiosk mode on' },
  debounce: { 'zh-CN': '同一码重复扫描忽略（秒）', en: 'Ignore the same code again for (seconds)' },
  antiPassback: { 'zh-CN': '防重复通行（分钟）', en: 'Anti-passback (minutes)' },
  antiPassbackHint: { 'zh-CN': '通过后同一码在此时间内再次出示将被拒绝；0 = 关闭', en: 'A code that passed is refused again within this time; 0 = off' },
  largeType: { 'zh-CN': '大字显示', en: 'Large type' },
  newPin: { 'zh-CN': '设置新 PIN（4–12 位数字）', en: 'New PIN (4–12 digits)' },
  newPinKeep: { 'zh-CN': '留空则保持不变', en: 'Leave empty to keep the current one' },
  newPinNone: { 'zh-CN': '设置后，进入设置需先输入 PIN；自助模式下打开统计、演示码也需要', en: 'Once set, Settings asks for it first — in kiosk mode Stats and Demo too' },
  kioskPinRequired: {
    'zh-CN': '自助模式需要 PIN：请在下方设置 PIN，或明确选择“不设 PIN”。',
    en: 'Kiosk mode needs a PIN: set one below, or choose “no PIN” explicitly.',
  },
  noPin: { 'zh-CN': '不设 PIN（任何人都可打开设置、统计和演示码，并退出自助模式）', en: 'No PIN (anyone can open Settings, Stats and Demo, and leave kiosk mode)' },
  newPinConfirm: { 'zh-CN': '再次输入新 PIN', en: 'New PIN again' },
  removePin: { 'zh-CN': '取消 PIN', en: 'Remove the PIN' },
  pinIsSet: { 'zh-CN': '已设置 PIN', en: 'A PIN is set' },

  sectionTrust: { 'zh-CN': '可信名单', en: 'Trust list' },
  bundleUrl: { 'zh-CN': '可信名单地址', en: 'Trust list URL' },
  bundleUrlHint: { 'zh-CN': '本站路径（如 /trust/bundle.json），或构建时允许的名单站点上的 https 地址', en: 'A path on this site (e.g. /trust/bundle.json), or an https URL on a trust-list host allowed at build time' },

  errRange: { 'zh-CN': '请输入 {min}–{max} 之间的整数', en: 'Enter a whole number from {min} to {max}' },
  errPinFormat: { 'zh-CN': 'PIN 须为 4–12 位数字', en: 'The PIN must be 4–12 digits' },
  errPinMismatch: { 'zh-CN': '两次输入的 PIN 不一致', en: 'The two PINs differ' },
  errUrl: { 'zh-CN': '须为本站路径或 https 地址', en: 'Must be a path on this site or an https URL' },
  errKioskPin: { 'zh-CN': '请设置 PIN，或勾选“不设 PIN”', en: 'Set a PIN, or tick “No PIN”' },

  pinTitle: { 'zh-CN': '输入 PIN 以打开设置', en: 'Enter the PIN to open Settings' },
  pinTitleStats: { 'zh-CN': '输入 PIN 以打开统计', en: 'Enter the PIN to open Stats' },
  pinTitleDemo: { 'zh-CN': '输入 PIN 以打开演示码', en: 'Enter the PIN to open the demo codes' },
  pinKioskNote: { 'zh-CN': '本设备处于自助模式，仅限工作人员。', en: 'This device is in kiosk mode: staff only.' },
  pinLabel: { 'zh-CN': 'PIN', en: 'PIN' },
  pinSubmit: { 'zh-CN': '确定', en: 'Unlock' },
  pinChecking: { 'zh-CN': '正在核对…', en: 'Checking…' },
  pinWrong: { 'zh-CN': 'PIN 错误，还可尝试 {left} 次', en: 'Wrong PIN — tries left: {left}' },
  pinLocked: { 'zh-CN': '错误次数过多，请 {seconds} 秒后再试', en: 'Too many wrong tries — try again in {seconds} s' },
});

/** `fill('{a}–{b}', { a: 1, b: 2 })`. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
