import { describe, expect, it } from 'vitest';
import { detectPlatform, type PlatformInput } from './detect.ts';

// Real user-agent strings, as these browsers send them.
const UA = {
  iPhoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
  iPhoneHomeScreen: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  iPadDesktopSafari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  iPadMobileSafari:
    'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  iPhoneChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
  iPhoneChromeOld:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 15_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/109.0.5414.112 Mobile/15E148 Safari/604.1',
  iPhoneFirefox:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15',
  iPhoneEdge:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/120.0.2210.116 Mobile/15E148 Safari/605.1.15',
  weChatIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.42(0x18002a2f) NetType/WIFI Language/zh_CN',
  weChatAndroid:
    'Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/1110017 MMWEBSDK/20230805 MMWEBID/2589 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
  weComAndroid:
    'Mozilla/5.0 (Linux; Android 12; M2102J2SC Build/SKQ1.211006.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/98.0.4758.102 MQQBrowser/6.2 TBS/046613 Mobile Safari/537.36 wxwork/4.1.16 MicroMessenger/7.0.1 NetType/WIFI Language/zh ColorScheme/Light',
  alipayAndroid:
    'Mozilla/5.0 (Linux; U; Android 12; zh-CN; PFDM00 Build/SP1A.210812.016) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.59 Mobile Safari/537.36 UCBS/3.22.2.59_230817174437 ChannelId(1) NebulaSDK/1.8.100112 Nebula AlipayDefined(nt:WIFI,ws:393|0|2.75) AliApp(AP/10.5.26.8000) AlipayClient/10.5.26.8000 Language/zh-Hans useStatusBar/true isConcaveScreen/true Region/CNAriver/1.0.0',
  alipayIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Ariver/1.1.0 AliApp(AP/10.5.30.6000) Nebula WK RVKType(0) AlipayDefined(nt:WIFI,ws:390|780|3.0) AlipayClient/10.5.30.6000 Language/zh-Hans Region/CN NebulaX/1.0.0',
  qqIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 QQ/8.9.28.635 V1_IPH_SQ_8.9.28_1_APP_A Pixel/1170 MiniAppEnable SimpleUISwitch/0 StudyMode/0 CurrentMode/0 CurrentFontScale/1.000000 QQTheme/1000 AppId/537155547 Core/WKWebView Device/Apple(iPhone 13) NetType/WIFI QBWebViewType/1 WKType/1',
  qqBrowserAndroid:
    'Mozilla/5.0 (Linux; U; Android 10; zh-cn; MI 9 Build/QKQ1.190825.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/87.0.4280.141 Mobile Safari/537.36 MQQBrowser/13.6',
  dingTalkAndroid:
    'Mozilla/5.0 (Linux; U; Android 11; zh-CN; M2007J3SC Build/RKQ1.200826.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.1.233 Mobile Safari/537.36 AliApp(DingTalk/6.5.50) com.alibaba.android.rimet/28173374 Channel/227200 language/zh-CN abi/64 UT4Aplus/0.2.25 colorScheme/light',
  weiboIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Weibo (iPhone14,5__weibo__13.3.2__iphone__os16.3)',
  douyinAndroid:
    'Mozilla/5.0 (Linux; Android 12; ANA-AN00 Build/HUAWEIANA-AN00; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/99.0.4844.88 Mobile Safari/537.36 aweme/26.2.0 AppName/aweme app_version/26.2.0 ByteLocale/zh-CN Region/CN BytedanceWebview/d8a21c6',
  tiktokIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_32.5.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/US RevealType/Dialog isDarkMode/0 WKWebView/1 BytedanceWebview/d8a21c6',
  facebookIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/442.0.0.48.115;FBBV/541604232;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.1.2;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/544037813]',
  facebookAndroid:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/445.0.0.34.118;]',
  instagramAndroid:
    'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.193 Mobile Safari/537.36 Instagram 311.0.0.32.118 Android (33/13; 420dpi; 1080x2400; Google/google; Pixel 7; panther; panther; en_US; 545986883)',
  lineIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/13.21.0',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  androidWebView:
    'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/118.0.0.0 Mobile Safari/537.36',
  desktopChrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  desktopFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  macSafari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
} as const;

const phone = (ua: string, over: Partial<PlatformInput> = {}) => detectPlatform({ ua, maxTouchPoints: 5, standalone: false, ...over });
const desk = (ua: string) => detectPlatform({ ua, maxTouchPoints: 0, standalone: false });

describe('detectPlatform: iOS and iPadOS', () => {
  it('an iPhone Safari tab gets the Home Screen guide', () => {
    expect(phone(UA.iPhoneSafari)).toEqual({ os: 'ios', iosVersion: [17, 4], standalone: false, inApp: null, iosTab: 'safari', otherBrowserCanAdd: null });
  });

  it('the same iPhone opened from the Home Screen does not', () => {
    const p = phone(UA.iPhoneHomeScreen, { standalone: true });
    expect(p.os).toBe('ios');
    expect(p.iosTab).toBeNull();
    expect(p.inApp).toBeNull(); // no Safari token, but standalone: not a WebView
  });

  it('an iPad in desktop mode (a Mac user agent with a touch screen) is iPadOS Safari; a Mac is not', () => {
    expect(phone(UA.iPadDesktopSafari)).toMatchObject({ os: 'ios', iosVersion: null, iosTab: 'safari' });
    expect(desk(UA.macSafari)).toMatchObject({ os: 'other', iosTab: null, inApp: null });
    expect(phone(UA.iPadMobileSafari)).toMatchObject({ os: 'ios', iosVersion: [16, 6], iosTab: 'safari' });
  });

  it('Chrome, Firefox and Edge on iOS are other browsers: they can add to the Home Screen from iOS 16.4', () => {
    expect(phone(UA.iPhoneChrome)).toMatchObject({ os: 'ios', iosTab: 'other', otherBrowserCanAdd: true, inApp: null });
    expect(phone(UA.iPhoneFirefox)).toMatchObject({ iosTab: 'other', iosVersion: [16, 4], otherBrowserCanAdd: true });
    expect(phone(UA.iPhoneEdge)).toMatchObject({ iosTab: 'other', otherBrowserCanAdd: true });
    expect(phone(UA.iPhoneChromeOld)).toMatchObject({ iosTab: 'other', iosVersion: [15, 7], otherBrowserCanAdd: false });
  });
});

describe('detectPlatform: in-app browsers', () => {
  const cases: [keyof typeof UA, string, 'ios' | 'android'][] = [
    ['weChatIos', 'wechat', 'ios'],
    ['weChatAndroid', 'wechat', 'android'],
    ['weComAndroid', 'wecom', 'android'],
    ['alipayAndroid', 'alipay', 'android'],
    ['alipayIos', 'alipay', 'ios'],
    ['qqIos', 'qq', 'ios'],
    ['dingTalkAndroid', 'dingtalk', 'android'],
    ['weiboIos', 'weibo', 'ios'],
    ['douyinAndroid', 'douyin', 'android'],
    ['tiktokIos', 'tiktok', 'ios'],
    ['facebookIos', 'facebook', 'ios'],
    ['facebookAndroid', 'facebook', 'android'],
    ['instagramAndroid', 'instagram', 'android'],
    ['lineIos', 'line', 'ios'],
    ['androidWebView', 'webview', 'android'],
  ];
  for (const [name, app, os] of cases)
    it(`${name} is ${app} on ${os}, and never an iOS tab`, () => {
      const p = phone(UA[name]);
      expect(p.inApp).toBe(app);
      expect(p.os).toBe(os);
      expect(p.iosTab).toBeNull();
    });

  it('QQ Browser (MQQBrowser) is a browser, not the QQ app', () => {
    expect(phone(UA.qqBrowserAndroid)).toMatchObject({ os: 'android', inApp: null });
  });
});

describe('detectPlatform: other browsers get neither notice', () => {
  for (const name of ['androidChrome', 'desktopChrome', 'desktopFirefox'] as const)
    it(name, () => {
      const p = name === 'androidChrome' ? phone(UA[name]) : desk(UA[name]);
      expect(p.inApp).toBeNull();
      expect(p.iosTab).toBeNull();
      expect(p.os).toBe(name === 'androidChrome' ? 'android' : 'other');
    });
});
