/**
 * Which phone browser the app runs in, from the user-agent string and a few flags: pure, so it is
 * tested over real user-agent strings. Two realities it serves (issue 24):
 * - On iOS/iPadOS every browser is WebKit. In a browser tab, script-written storage (IndexedDB,
 *   the service worker and its caches) is deleted after 7 days of browser use without a visit;
 *   an app added to the Home Screen keeps its data. `beforeinstallprompt` never fires there.
 * - In-app browsers (WeChat, Alipay, …) are WebViews: on iOS they give service workers only to
 *   domains the app itself names (App-Bound Domains), and on Android their storage belongs to the
 *   host app — offline use there cannot be relied on.
 */

export type InAppBrowser =
  | 'wechat'
  | 'wecom'
  | 'alipay'
  | 'qq'
  | 'dingtalk'
  | 'weibo'
  | 'douyin'
  | 'tiktok'
  | 'facebook'
  | 'instagram'
  | 'line'
  /** An unnamed WebView: Android's "; wv)" marker, or iOS WebKit without a browser's Safari token. */
  | 'webview';

export interface PlatformInput {
  ua: string;
  /** navigator.maxTouchPoints: iPadOS 13+ asks for desktop sites as a Mac, and only its touch screen tells them apart. */
  maxTouchPoints: number;
  /** navigator.standalone === true (iOS Home Screen app) or display-mode standalone/fullscreen. */
  standalone: boolean;
}

export interface Platform {
  os: 'ios' | 'android' | 'other';
  /** iOS version from the user agent ([major, minor]); null when it does not say (iPad in desktop mode). */
  iosVersion: readonly [number, number] | null;
  /** Opened from the Home Screen / as an installed app. */
  standalone: boolean;
  inApp: InAppBrowser | null;
  /**
   * A browser tab on iOS/iPadOS (not installed, not in-app): Safari, or another browser app
   * (Chrome, Firefox, Edge… — WebKit too). Null elsewhere.
   */
  iosTab: 'safari' | 'other' | null;
  /**
   * Another iOS browser can add to the Home Screen from its own share menu: since iOS 16.4 Apple
   * lets them (Chrome, Edge and Firefox offer it); before that only Safari could. Null: the iOS
   * version is unknown, so the guide gives both ways.
   */
  otherBrowserCanAdd: boolean | null;
}

/** Ordered: WeCom before WeChat (it carries MicroMessenger too), named apps before the generic WebView. */
const IN_APP: readonly (readonly [InAppBrowser, RegExp])[] = [
  ['wecom', /\bwxwork\//i],
  ['wechat', /\bMicroMessenger\//i],
  ['alipay', /\bAlipayClient\//i],
  ['dingtalk', /\bDingTalk\//i],
  // The QQ app's WebView says "QQ/8.9…"; Tencent's QQ Browser ("MQQBrowser/", "QQBrowser/") is a real browser.
  ['qq', /\bQQ\/\d/],
  ['weibo', /\bWeibo\b|__weibo__/i],
  ['douyin', /\baweme\b|aweme_/i],
  ['tiktok', /\bmusical_ly|\btrill_/i],
  ['douyin', /\bBytedanceWebview\//i],
  ['instagram', /\bInstagram\s/],
  ['facebook', /\bFBAN\/|\bFBAV\/|\bFB_IAB\//],
  ['line', /\bLine\/\d/],
];

/** Other iOS browsers name themselves; Safari does not (it is the one with only Version/ and Safari/). */
const IOS_OTHER_BROWSER = /\b(CriOS|FxiOS|EdgiOS|OPiOS|OPT|YaBrowser|DuckDuckGo|Ddg|GSA|MQQBrowser|QQBrowser|UCBrowser|Quark|baiduboxapp|SogouMobileBrowser)\//;

export function detectPlatform({ ua, maxTouchPoints, standalone }: PlatformInput): Platform {
  const iDevice = /\b(iPhone|iPad|iPod)\b/.test(ua);
  // iPadOS Safari's default "desktop website" mode: a Mac user agent on a touch screen (Macs report 0 touch points).
  const iPadAsMac = !iDevice && /\bMacintosh\b/.test(ua) && maxTouchPoints > 1;
  const os = iDevice || iPadAsMac ? 'ios' : /\bAndroid\b/.test(ua) ? 'android' : 'other';
  const v = iDevice ? /\bOS (\d+)_(\d+)/.exec(ua) : null;
  const iosVersion = v ? ([Number(v[1]), Number(v[2])] as const) : null;

  let inApp: InAppBrowser | null = IN_APP.find(([, re]) => re.test(ua))?.[0] ?? null;
  // An Android WebView marks itself "; wv)"; an iOS WebView lacks the "Safari/" token every iOS browser app sends.
  if (!inApp && !standalone && ((os === 'android' && /;\s*wv\)/.test(ua)) || (os === 'ios' && !/\bSafari\//.test(ua)))) inApp = 'webview';

  const iosTab = os === 'ios' && !standalone && !inApp ? (IOS_OTHER_BROWSER.test(ua) ? 'other' : 'safari') : null;
  const otherBrowserCanAdd = iosTab === 'other' && iosVersion ? iosVersion[0] > 16 || (iosVersion[0] === 16 && iosVersion[1] >= 4) : null;
  return { os, iosVersion, standalone, inApp, iosTab, otherBrowserCanAdd };
}

/** The platform this page runs on. */
export function currentPlatform(): Platform {
  const nav = navigator as Navigator & { standalone?: boolean };
  const mode = (q: string) => typeof matchMedia === 'function' && matchMedia(q).matches;
  return detectPlatform({
    ua: nav.userAgent,
    maxTouchPoints: nav.maxTouchPoints ?? 0,
    standalone: nav.standalone === true || mode('(display-mode: standalone)') || mode('(display-mode: fullscreen)'),
  });
}
