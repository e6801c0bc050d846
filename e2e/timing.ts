/**
 * What the timing specs (e2e/*timing*.spec.ts) share: a slowed CPU, a phone-sized page, a fake
 * camera whose code comes and goes, and an in-page probe that times each appearance of the code
 * from the video frame that first showed it to the result element. Measurements only: nothing
 * here asserts a time.
 */
import type { BrowserContext, BrowserContextOptions, CDPSession, Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { encodeCnCode } from '../src/issuer/formats/cn-hc/encode.ts';
import { parsePrivateJwk } from '../src/issuer/keys.ts';
import { qrMatrix } from '../src/issuer/qr-render.node.ts';
import { crispFrame, withQuietZone } from '../test/support/crisp-frame.ts';
import { DEMO_DIR } from './support.ts';

/**
 * CPU slow-downs measured: 1× this VM, 4× and 6× a cheap phone. `npm run bench` sets E2E_CPU_RATES
 * (1,4,6; 1,6 with --quick); the test suite, which asserts no timing, runs the path once at 6× so
 * the throttled route stays tested without costing CI minutes.
 */
export const CPU_RATES = (process.env.E2E_CPU_RATES ?? '6').split(',').map(Number).filter((n) => n >= 1);

/** A mid-range Android phone's page (Pixel 5): the layout and pixel count a gate phone paints. */
export const PHONE: BrowserContextOptions = { viewport: { width: 393, height: 851 }, deviceScaleFactor: 2.75, isMobile: true, hasTouch: true };

/**
 * Slows the page's main thread by `rate` (DevTools' CPU throttling; the setting stays with the page
 * across navigations and reloads). Workers are not slowed: the decode worker runs at full speed,
 * so the QR reading part of a phone's time is under-measured. There is no way round it here:
 * Chromium 156 answers Emulation.setCPUThrottlingRate sent to a dedicated worker's target
 * (Target.setAutoAttach) with "Operation is only supported for pages, not workers".
 */
export async function throttle(page: Page, rate: number, session?: CDPSession): Promise<CDPSession> {
  // One session per page: a rate set through a second session would not replace the first's.
  const cdp = session ?? (await page.context().newCDPSession(page));
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return cdp;
}

/** ms a fixed loop takes in the page: shows that the throttling took (≈ rate × the 1× figure). */
export const calibrate = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const t0 = performance.now();
    let x = 0;
    for (let i = 0; i < 2_000_000; i++) x = (x + i * 7) % 1_000_003;
    return performance.now() - t0 + (x < 0 ? 1 : 0);
  });

const W = 640;
const H = 480;
const BLANK = 235;
export const VIDEO = { blankS: 2, codeS: 1, fps: 30 };

/**
 * A looping 30 fps video: for each text, `blankS` of an empty grey frame, then `codeS` of its QR
 * code. The blank part is longer than the app's GONE_MS (1.5 s), so each showing is judged anew;
 * the video starts blank, so the first showing after a start is a real appearance.
 */
export function appearingQrVideo(name: string, texts: string | string[]): string {
  const blank = new Uint8Array(W * H).fill(BLANK);
  const chroma = new Uint8Array((W / 2) * (H / 2)).fill(128);
  const frame = Buffer.from('FRAME\n', 'ascii');
  const parts: Uint8Array[] = [Buffer.from(`YUV4MPEG2 W${W} H${H} F${VIDEO.fps}:1 Ip A1:1 C420jpeg\n`, 'ascii')];
  for (const text of typeof texts === 'string' ? [texts] : texts) {
    const code = new Uint8Array(crispFrame(withQuietZone(qrMatrix(text)), W, H).data.buffer);
    for (let i = 0; i < VIDEO.blankS * VIDEO.fps; i++) parts.push(frame, blank, chroma, chroma);
    for (let i = 0; i < VIDEO.codeS * VIDEO.fps; i++) parts.push(frame, code, chroma, chroma);
  }
  const dir = resolve('e2e/.fixtures');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.appearing.y4m`);
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

/** People for the showings: a gate checks someone new each time, whose name the result lays out afresh. */
export const HOLDERS = ['张小三', '李海峰', '王芳华', '陈建国', '刘晓燕', '赵子龙'];

/**
 * Guangdong green codes (negative NAT 2 h ago, valid 24 h), one per name, signed with the demo
 * world's Guangdong key: the same kind of code as the demo's pass-guangdong-green, other people.
 */
export async function holderCodes(names: readonly string[]): Promise<string[]> {
  const key = parsePrivateJwk(readFileSync(join(DEMO_DIR, 'keys', '440000-es256.jwk'), 'utf8'), 'the demo Guangdong key');
  const now = Date.now();
  const texts: string[] = [];
  for (const [i, name] of names.entries()) {
    const input = {
      issuer: '440000',
      codeId: new Uint8Array(16).fill(i + 1),
      issuedAt: new Date(now - 10 * 60_000),
      expiresAt: new Date(now + 24 * 3600_000),
      status: 'green' as const,
      holder: { name, idTail: `${1000 + 37 * i}`.slice(-4), birthDate: `19${70 + 4 * i}-0${1 + (i % 9)}-1${i % 10}` },
      tests: [{ type: 'NAT' as const, result: 'negative' as const, sampledAt: new Date(now - 2 * 3600_000) }],
    };
    texts.push((await encodeCnCode(input, { alg: key.alg, kid: key.kid, privateJwk: key })).text);
  }
  return texts;
}

export interface Probe {
  /** presentationTime of each frame that showed the code after one that did not. */
  appear: number[];
  /** When each result element was attached, with its outcome. */
  verdicts: { t: number; outcome: string | null; reason: string | null }[];
}

/**
 * Runs in the page before its scripts. Watches the app's <video> frame by frame
 * (requestVideoFrameCallback): a few luma samples at the frame's centre tell the code (black or
 * white modules) from the blank frame (grey 235). Marks each result element, and taps it away
 * after `closeAfterMs` so the next showing can be judged. Reads 32 bytes a frame (WebCodecs
 * VideoFrame.copyTo of a small rect): cheap next to the app's own work.
 */
export function installProbe(closeAfterMs: number) {
  const log: Probe = { appear: [], verdicts: [] };
  (window as unknown as { __gcProbe: Probe }).__gcProbe = log;
  let present: boolean | null = null;
  let chain = Promise.resolve();
  const codeIn = async (frame: VideoFrame): Promise<boolean> => {
    const r = frame.visibleRect!;
    const rect = { x: (r.x + (r.width >> 1) - 8) & ~1, y: (r.y + (r.height >> 1)) & ~1, width: 16, height: 2 };
    const buf = new Uint8Array(frame.allocationSize({ rect }));
    await frame.copyTo(buf, { rect });
    // Plane 0 (luma) comes first, 16 bytes a row, for the 4:2:0 formats a camera gives.
    for (let i = 0; i < 32; i++) if (buf[i]! < 200 || buf[i]! > 248) return true;
    return false;
  };
  const watch = (video: HTMLVideoElement) => {
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      video.requestVideoFrameCallback(onFrame);
      let frame: VideoFrame;
      try {
        frame = new VideoFrame(video);
      } catch {
        return; // no frame to read yet
      }
      const at = meta.presentationTime;
      // In order, so transitions are seen in frame order even though each read is async.
      chain = chain.then(async () => {
        try {
          const now = await codeIn(frame);
          if (now && present === false) log.appear.push(at);
          present = now;
        } finally {
          frame.close();
        }
      });
    };
    video.requestVideoFrameCallback(onFrame);
  };
  const seen = new WeakSet<Element>();
  new MutationObserver(() => {
    const video = document.querySelector('video');
    if (video && !seen.has(video)) (seen.add(video), watch(video));
    const el = document.querySelector('[data-testid="result"]');
    if (el && !seen.has(el)) {
      seen.add(el);
      log.verdicts.push({ t: performance.now(), outcome: el.getAttribute('data-outcome'), reason: el.getAttribute('data-reason') });
      (window as unknown as { __gcEvent?: (kind: string, n: number) => void }).__gcEvent?.('verdict', log.verdicts.length);
      setTimeout(() => (el as HTMLElement).click(), closeAfterMs);
    }
  }).observe(document, { childList: true, subtree: true });
}

/** For each appearance, ms from its frame to the first result after it (before the next appearance); null when none came. */
export function appearanceToVerdict(p: Probe): (number | null)[] {
  return p.appear.map((a, i) => {
    const next = p.appear[i + 1] ?? Infinity;
    const v = p.verdicts.find((x) => x.t > a && x.t < next);
    return v ? v.t - a : null;
  });
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
export const round1 = (x: number) => Math.round(x * 10) / 10;

export type PageEventKind = 'camera-ready' | 'verdict';

export interface PageEvents {
  /** The next event of `kind` after this call whose value (verdicts so far; 1 for camera-ready) satisfies `until`. */
  next(kind: PageEventKind, until?: (n: number) => boolean, timeoutMs?: number): Promise<number>;
}

/**
 * How the timing specs wait for the page without working on its thread. Playwright's
 * waitForFunction injects its script into the page and runs the predicate every animation frame
 * on the page's main thread — the very thread the CPU throttling slows and these specs time:
 * measured at 6× (8 interleaved visits), waiting that way put the camera's start ≈ 140 ms later
 * than waiting on a binding. So the page tells: an init script watches the app's marks, the probe
 * (installProbe) reports each verdict, both through a binding that runs in Node.
 */
export async function pageEvents(context: BrowserContext): Promise<PageEvents> {
  const waiters = new Set<{ kind: PageEventKind; until: (n: number) => boolean; done: (n: number) => void }>();
  await context.exposeBinding('__gcEvent', (_source, kind: PageEventKind, n: number) => {
    for (const w of waiters) if (w.kind === kind && w.until(n)) (waiters.delete(w), w.done(n));
  });
  await context.addInitScript(() => {
    const say = (window as unknown as { __gcEvent: (kind: string, n: number) => void }).__gcEvent;
    new PerformanceObserver((list) => {
      if (list.getEntriesByName('gatecheck:camera-ready').length) void say('camera-ready', 1);
    }).observe({ type: 'mark' });
  });
  return {
    next: (kind, until = () => true, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => (waiters.delete(w), reject(new Error(`no ${kind} event within ${timeoutMs} ms`))), timeoutMs);
        const w = { kind, until, done: (n: number) => (clearTimeout(timer), resolve(n)) };
        waiters.add(w);
      }),
  };
}
