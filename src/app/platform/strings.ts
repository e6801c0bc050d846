/** The platform notices' strings (iPhone Home Screen guide, in-app browsers), zh-CN and en. */
import { defineStrings, type Lang } from '../i18n/strings.ts';
import type { InAppBrowser } from './detect.ts';

export const p = defineStrings({
  guideTitle: { 'zh-CN': '添加到主屏幕，离线也能用', en: 'Add to Home Screen to work offline' },
  guideWhy: {
    'zh-CN': '在浏览器标签页中，若 7 天未打开本应用，iPhone 和 iPad 可能删除本机保存的可信名单和离线页面，断网时将无法核验。从主屏幕打开的应用不受此限。',
    en: 'In a browser tab, an iPhone or iPad may delete the stored trust list and offline pages after 7 days of browsing without a visit, and the gate cannot verify offline. An app opened from the Home Screen keeps them.',
  },
  guideStored: { 'zh-CN': '本机可信名单：', en: 'Stored trust list: ' },
  guideNoneStored: { 'zh-CN': '本机尚无可信名单', en: 'No trust list stored yet' },
  guideSafari1: { 'zh-CN': '点 Safari 的“分享”按钮（屏幕底部，iPad 在顶部）', en: 'Tap Safari’s Share button (bottom of the screen; top on iPad)' },
  guideSafariMenu: { 'zh-CN': '看不到“分享”按钮时，先点 ···', en: 'No Share button in sight? Tap ··· first' },
  guideSafari2: { 'zh-CN': '向下滑动，点“添加到主屏幕”', en: 'Scroll down and tap “Add to Home Screen”' },
  guideSafari3: { 'zh-CN': '点“添加”，以后从主屏幕图标打开本应用', en: 'Tap “Add”, then open the app from its Home Screen icon' },
  guideOther1: { 'zh-CN': '点本浏览器的“分享”按钮（地址栏旁或菜单中）', en: 'Tap this browser’s Share button (by the address bar or in its menu)' },
  guideOtherNoAdd: {
    'zh-CN': '菜单中没有“添加到主屏幕”时，请复制本页网址，在 Safari 中打开，再按 Safari 的步骤添加。',
    en: 'No “Add to Home Screen” in the menu? Copy this page’s address, open it in Safari and add it from there.',
  },
  guideOtherOld: {
    'zh-CN': '此 iOS 版本只能用 Safari 添加到主屏幕：请复制本页网址，在 Safari 中打开，再点“分享”→“添加到主屏幕”。',
    en: 'On this iOS version only Safari can add to the Home Screen: copy this page’s address, open it in Safari, then tap Share → Add to Home Screen.',
  },
  guideFirstOpen: {
    'zh-CN': '主屏幕上的应用有自己的存储：第一次从主屏幕打开时请联网，以便下载可信名单。',
    en: 'The Home Screen app has storage of its own: open it online the first time, so it can download the trust list.',
  },
  guideClose: { 'zh-CN': '知道了', en: 'Got it' },
  guideOpen: { 'zh-CN': '如何添加到主屏幕', en: 'How to add to the Home Screen' },
  inAppTitle: { 'zh-CN': '正在{app}内打开：', en: 'Opened inside {app}: ' },
  inAppWhy: { 'zh-CN': '这里不能可靠地离线使用，联网核验不受影响。', en: 'offline use is not reliable here; online checks work.' },
  inAppOffline: { 'zh-CN': '离线使用请在手机浏览器中打开：', en: 'For offline use, open it in the phone’s browser: ' },
  inAppMenuCn: { 'zh-CN': '点右上角 ··· →“在浏览器打开”', en: 'tap ··· at the top right → “Open in Browser”' },
  inAppMenuWeChatIos: { 'zh-CN': '点右上角 ··· →“在 Safari 中打开”', en: 'tap ··· at the top right → “Open in Safari”' },
  inAppMenuIntl: {
    'zh-CN': '点 ··· 或 ⋮ 菜单 →“在浏览器中打开”（各应用叫法略有不同）',
    en: 'tap the ··· or ⋮ menu → “Open in browser” (the wording varies by app)',
  },
  inAppMenuWebView: { 'zh-CN': '复制网址 {url}，在 Chrome、Safari 或手机自带浏览器中打开', en: 'copy the address {url} and open it in Chrome, Safari or the phone’s own browser' },
  inAppDismiss: { 'zh-CN': '关闭提示', en: 'Dismiss' },
});

const APP_NAMES: Record<InAppBrowser, Record<Lang, string>> = {
  wechat: { 'zh-CN': '微信', en: 'WeChat' },
  wecom: { 'zh-CN': '企业微信', en: 'WeCom' },
  alipay: { 'zh-CN': '支付宝', en: 'Alipay' },
  qq: { 'zh-CN': 'QQ', en: 'QQ' },
  dingtalk: { 'zh-CN': '钉钉', en: 'DingTalk' },
  weibo: { 'zh-CN': '微博', en: 'Weibo' },
  douyin: { 'zh-CN': '抖音', en: 'Douyin' },
  tiktok: { 'zh-CN': 'TikTok', en: 'TikTok' },
  facebook: { 'zh-CN': 'Facebook', en: 'Facebook' },
  instagram: { 'zh-CN': 'Instagram', en: 'Instagram' },
  line: { 'zh-CN': 'LINE', en: 'LINE' },
  webview: { 'zh-CN': '应用', en: 'an app' },
};

export const appName = (app: InAppBrowser, lang: Lang): string => APP_NAMES[app][lang];

/**
 * How to leave this in-app browser. The Chinese apps put "open in browser" behind ··· at the top
 * right; WeChat on iOS names Safari there. Others vary by app and version, so they get the general
 * wording; an unnamed WebView has no such menu, so the address itself.
 */
export function leaveHow(app: InAppBrowser, ios: boolean, lang: Lang, url: string): string {
  if (app === 'webview') return p('inAppMenuWebView', lang).replace('{url}', url);
  if (app === 'wechat' && ios) return p('inAppMenuWeChatIos', lang);
  if (['wechat', 'wecom', 'alipay', 'qq', 'dingtalk', 'weibo', 'douyin'].includes(app)) return p('inAppMenuCn', lang);
  return p('inAppMenuIntl', lang);
}
