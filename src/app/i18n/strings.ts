/** Every visible UI string, zh-CN and en. Components never hard-code text. */
import type { Lang } from '../../core/i18n/reason-texts.ts';
import type { UpdateErrorCode } from '../../core/trust/update/update-error.ts';

export type { Lang };

const STRINGS = {
  appName: { 'zh-CN': '通行核验', en: 'gatecheck' },
  pass: { 'zh-CN': '通过', en: 'PASS' },
  fail: { 'zh-CN': '不通过', en: 'FAIL' },
  notRead: { 'zh-CN': '未识别', en: 'NOT READ' },
  scanAgain: { 'zh-CN': '请重新扫码（这不是不通过）', en: 'Scan again — this is not a FAIL' },
  scanHint: { 'zh-CN': '将健康码对准取景框', en: 'Hold the health code in the frame' },
  heldPass: { 'zh-CN': '已核验，请通行', en: 'Already checked — please go through' },
  heldFail: { 'zh-CN': '已核验：不通过，请联系工作人员', en: 'Already checked — not passed, please see staff' },
  heldNotRead: { 'zh-CN': '未能识别，请出示健康码', en: 'Not read — please show your health code' },
  heldAgain: { 'zh-CN': '移开后再出示可重新核验', en: 'Take the code away and show it again to check it again' },
  cameraStarting: { 'zh-CN': '正在打开摄像头…', en: 'Starting camera…' },
  cameraUnavailable: { 'zh-CN': '无法使用摄像头，请粘贴码内容', en: 'Camera unavailable — paste the code instead' },
  camDeniedTitle: { 'zh-CN': '摄像头权限未开启', en: 'Camera access is blocked' },
  camDeniedAndroid: {
    'zh-CN': '安卓手机 Chrome：点地址栏左侧的图标（ⓘ 或锁形）→“权限”→“摄像头”→“允许”，再点“重试”。',
    en: 'Android Chrome: tap the icon left of the address (ⓘ or the lock) → Permissions → Camera → Allow, then tap Retry.',
  },
  camDeniedDesktop: {
    'zh-CN': '电脑浏览器：点地址栏中的摄像头或锁形图标 →“摄像头”→“允许”，再点“重试”。',
    en: 'Desktop browser: click the camera or lock icon in the address bar → Camera → Allow, then click Retry.',
  },
  camMissingTitle: { 'zh-CN': '未找到摄像头', en: 'No camera found' },
  camMissingHow: { 'zh-CN': '请连接摄像头（或检查摄像头开关），再点“重试”。', en: 'Connect a camera (or check its switch), then tap Retry.' },
  camBusyTitle: { 'zh-CN': '摄像头被其他应用占用', en: 'The camera is in use by another app' },
  camBusyHow: { 'zh-CN': '请关闭正在使用摄像头的应用（视频通话、相机等），再点“重试”。', en: 'Close the app that uses it (a video call, the camera app), then tap Retry.' },
  camInsecureTitle: { 'zh-CN': '此网址不能使用摄像头', en: 'This address cannot use the camera' },
  camInsecureHow: { 'zh-CN': '浏览器只允许 https:// 网址或本机使用摄像头，请用 https 地址打开本应用。', en: 'Browsers allow the camera only on https:// addresses or on this device: open the app at its https address.' },
  camFailedTitle: { 'zh-CN': '摄像头未能启动', en: 'The camera did not start' },
  camFailedHow: { 'zh-CN': '请点“重试”；仍不行时重启浏览器。', en: 'Tap Retry; if it keeps failing, restart the browser.' },
  camRetry: { 'zh-CN': '重试', en: 'Retry' },
  camMeanwhile: { 'zh-CN': '暂时可以：', en: 'Meanwhile:' },
  camUseImage: { 'zh-CN': '从图片读取', en: 'Read from an image' },
  camUsePaste: { 'zh-CN': '粘贴码内容', en: 'Paste the code text' },
  camScannerWorks: { 'zh-CN': 'USB 或蓝牙扫码枪可直接使用。', en: 'A USB or Bluetooth code scanner works as it is.' },
  camAskStaff: { 'zh-CN': '请联系工作人员。', en: 'Please ask staff for help.' },
  pasteLabel: { 'zh-CN': '粘贴码内容', en: 'Paste code text' },
  pastePlaceholder: { 'zh-CN': 'CNHC1:…', en: 'CNHC1:…' },
  verify: { 'zh-CN': '核验', en: 'Verify' },
  cameraPick: { 'zh-CN': '摄像头', en: 'Camera' },
  torchOn: { 'zh-CN': '打开手电', en: 'Torch on' },
  torchOff: { 'zh-CN': '关闭手电', en: 'Torch off' },
  holder: { 'zh-CN': '持码人', en: 'Holder' },
  born: { 'zh-CN': '出生年份', en: 'Born' },
  idTail: { 'zh-CN': '证件尾号', en: 'ID ends' },
  passRecord: { 'zh-CN': '通行证', en: 'Pass' },
  validUntil: { 'zh-CN': '有效至', en: 'valid until' },
  issuer: { 'zh-CN': '签发地', en: 'Issuer' },
  issued: { 'zh-CN': '签发于', en: 'Issued' },
  policy: { 'zh-CN': '通行规则', en: 'Policy' },
  otherReasons: { 'zh-CN': '其他原因', en: 'Also' },
  notVerifiedHolder: { 'zh-CN': '签发方未经验证，不显示码内信息', en: 'Issuer not verified — nothing in the code is shown' },
  unverified: { 'zh-CN': '未验证', en: 'unverified' },
  tapToContinue: { 'zh-CN': '点击继续扫码', en: 'Tap to scan next' },
  returningIn: { 'zh-CN': '秒后返回', en: 's to next scan' },
  trustLoading: { 'zh-CN': '正在加载可信名单…', en: 'Loading trust list…' },
  trustMissing: { 'zh-CN': '无可信名单', en: 'No trust list' },
  trustVersion: { 'zh-CN': '可信名单版本', en: 'Trust list v' },
  trustIssued: { 'zh-CN': '可信名单', en: 'Trust list' },
  trustVersionNumber: { 'zh-CN': '可信名单版本号', en: 'Trust list version' },
  updated: { 'zh-CN': '确认于', en: 'confirmed' },
  viaNetwork: { 'zh-CN': '来自网络', en: 'from network' },
  viaStorage: { 'zh-CN': '来自本机', en: 'from this device' },
  updating: { 'zh-CN': '正在更新…', en: 'updating…' },
  updateFailed: { 'zh-CN': '上次更新失败', en: 'last update failed' },
  refreshTrust: { 'zh-CN': '立即更新可信名单', en: 'Update trust list now' },
  trustWarnAge: { 'zh-CN': '可信名单较旧，请尽快联网', en: 'Trust list getting old — go online soon' },
  trustStale: { 'zh-CN': '可信名单过旧', en: 'Trust list out of date' },
  trustExpired: { 'zh-CN': '可信名单已过期', en: 'Trust list expired' },
  clockSuspect: { 'zh-CN': '设备时间可疑', en: 'Device clock suspect' },
  warnings: { 'zh-CN': '注意', en: 'Note' },
  unknownContent: { 'zh-CN': '未能识别的内容（不计入通行依据）', en: 'Not recognised (not counted as evidence)' },
  demoBadge: { 'zh-CN': '演示', en: 'DEMO' },
  demoResult: { 'zh-CN': '演示可信名单，结果不作数', en: 'demo trust list — not a real result' },
  demoTitle: { 'zh-CN': '演示码', en: 'Demo codes' },
  demoIntro: {
    'zh-CN': '用另一台设备扫描以下演示码。演示密钥仅供演示，切勿用于真实场景。',
    en: 'Scan these demo codes with another device. Demo keys are for the demo only — never for real codes.',
  },
  expected: { 'zh-CN': '预期结果', en: 'Expected' },
  holderDemoLink: { 'zh-CN': '持码人演示：在本机显示动态码', en: 'Holder demo: show a live code on this phone' },
  liveCodeVerified: { 'zh-CN': '动态码已核验', en: 'live code verified' },
  liveCodeAt: { 'zh-CN': '出示时间', en: 'shown at' },
  demoUnavailable: {
    'zh-CN': '本机尚未保存演示码：请联网打开一次本页，之后离线也能显示。（可信名单不受影响，见顶部状态。）',
    en: 'The demo codes are not saved on this device yet: open this page once while online, and it works offline after that. (The trust list is not affected — see the status at the top.)',
  },
  demoSaved: { 'zh-CN': '演示码已保存在本机，离线也可打开。', en: 'The demo codes are saved on this device and open offline too.' },
  demoNotSaved: { 'zh-CN': '演示码未能保存在本机（离线时将无法显示）。', en: 'The demo codes could not be saved on this device (they will not show offline).' },
  demoFromDevice: { 'zh-CN': '离线：显示本机保存的演示码。', en: 'Offline: showing the demo codes saved on this device.' },
  backToScan: { 'zh-CN': '返回扫码', en: 'Back to scanning' },
  demoLink: { 'zh-CN': '演示码', en: 'Demo codes' },
  statsLink: { 'zh-CN': '统计', en: 'Stats' },
  settingsLink: { 'zh-CN': '设置', en: 'Settings' },
  fullscreen: { 'zh-CN': '全屏', en: 'Full screen' },
  install: { 'zh-CN': '安装到桌面', en: 'Install' },
  updateReady: { 'zh-CN': '新版本已就绪', en: 'A new version is ready' },
  updateApply: { 'zh-CN': '重新加载', en: 'Reload' },
  // The status line's ⚠ in an iOS browser tab (src/app/platform): here, as the status line is in the first paint and the guide is not.
  evictLabel: {
    'zh-CN': '浏览器标签页：7 天内未打开本应用，离线数据可能被清除。点此查看如何添加到主屏幕',
    en: 'Browser tab: offline data may be deleted after 7 days without a visit. Tap to see how to add to the Home Screen',
  },
  storagePersisted: { 'zh-CN': '本机存储已持久化：可信名单和设置不会被浏览器清除', en: 'Storage is persistent: the browser will not evict the trust list or settings' },
  storageNotPersisted: {
    'zh-CN': '本机存储未持久化：空间不足时浏览器可能清除可信名单（安装本应用可改善）',
    en: 'Storage is not persistent: the browser may evict the trust list when space runs low (installing the app helps)',
  },
  storageUnknown: {
    'zh-CN': '此浏览器无法告知本机存储是否持久：可信名单可能被清除，请时常联网打开本应用确认',
    en: 'This browser cannot tell whether storage is persistent: the trust list may be evicted — open the app online now and then to check',
  },
  language: { 'zh-CN': 'English', en: '中文' },
  justNow: { 'zh-CN': '刚刚', en: 'just now' },
  inFuture: { 'zh-CN': '将来', en: 'in the future' },
  minutesAgo: { 'zh-CN': '分钟前', en: 'min ago' },
  hoursAgo: { 'zh-CN': '小时前', en: 'h ago' },
  daysAgo: { 'zh-CN': '天前', en: 'd ago' },
} satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof STRINGS;

/** Why a trust update did not land (the previous bundle stays in use). */
export const UPDATE_ERROR_TEXT = {
  BUNDLE_MALFORMED: { 'zh-CN': '下载内容不完整或格式错误', en: 'download incomplete or malformed' },
  BUNDLE_UNKNOWN_ROOT: { 'zh-CN': '未由可信根密钥签名', en: 'not signed by a trusted root' },
  BUNDLE_SIGNATURE_INVALID: { 'zh-CN': '签名无效', en: 'signature invalid' },
  BUNDLE_CONTENT_INVALID: { 'zh-CN': '内容无效', en: 'content invalid' },
  REVOCATION_UNAVAILABLE: { 'zh-CN': '撤销名单无法下载', en: 'revocation list unavailable' },
  REVOCATION_MALFORMED: { 'zh-CN': '撤销名单已损坏', en: 'revocation list damaged' },
  BUNDLE_ROLLBACK: { 'zh-CN': '收到旧版本，已拒绝', en: 'older version refused' },
  BUNDLE_VERSION_CONFLICT: { 'zh-CN': '同一版本内容不同，已拒绝', en: 'same version, different content — refused' },
  BUNDLE_ROOT_ROLLOVER: { 'zh-CN': '根密钥轮换无效', en: 'invalid root rollover' },
  FETCH_OFFLINE: { 'zh-CN': '无网络', en: 'offline' },
  FETCH_TIMEOUT: { 'zh-CN': '连接超时', en: 'timed out' },
  FETCH_HTTP: { 'zh-CN': '服务器错误', en: 'server error' },
  FETCH_INCOMPLETE: { 'zh-CN': '下载中断', en: 'download cut off' },
  STORAGE_FAILED: { 'zh-CN': '本机存储失败', en: 'could not store on this device' },
  STORED_BUNDLE_INVALID: { 'zh-CN': '本机保存的名单无效', en: 'stored trust list invalid' },
} satisfies Record<UpdateErrorCode, Record<Lang, string>>;

export const t = (key: StringKey, lang: Lang): string => STRINGS[key][lang];

/**
 * A feature's own strings (kept beside the feature, e.g. `settings/strings.ts`): every key in both
 * languages, checked by the type. `const s = defineStrings({...}); s('title', lang)`.
 */
export function defineStrings<K extends string>(table: Record<K, Record<Lang, string>>): (key: K, lang: Lang) => string {
  return (key, lang) => table[key][lang];
}

export function initialLang(): Lang {
  const pref = typeof navigator !== 'undefined' ? navigator.language : 'zh-CN';
  return pref.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** `YYYY-MM-DD HH:MM` in the device's local time (the same in both languages; sorts and reads plainly). */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** "12 min ago" style age, compact enough for a result screen. */
export function ago(fromIso: string, now: number, lang: Lang): string {
  const s = Math.round((now - Date.parse(fromIso)) / 1000);
  if (s < -60) return t('inFuture', lang);
  if (s < 60) return t('justNow', lang);
  const join = (n: number, k: StringKey) => (lang === 'zh-CN' ? `${n} ${t(k, lang)}` : `${n} ${t(k, lang)}`);
  if (s < 3600) return join(Math.floor(s / 60), 'minutesAgo');
  if (s < 86400) return join(Math.floor(s / 3600), 'hoursAgo');
  return join(Math.floor(s / 86400), 'daysAgo');
}
