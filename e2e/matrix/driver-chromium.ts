/** Chromium through Playwright, launched as the rest of the e2e suite launches it (Debian's build). */
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../base-config.ts';
import { byTestId, pageCall, type Driver, type OpenOptions } from './driver.ts';

export async function openChromium(opts: OpenOptions): Promise<Driver> {
  const camera = opts.fakeCameraVideo
    ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${opts.fakeCameraVideo}`]
    : [];
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, args: [...CHROMIUM_LAUNCH.args, ...camera] });
  const context = await browser.newContext({ locale: 'en-US', ...(opts.fakeCameraVideo ? { permissions: ['camera'] } : {}) });
  const page = await context.newPage();
  return {
    engine: 'chromium',
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    run: (body, ...args) => page.evaluate(pageCall(body, args)),
    click: (id) => page.locator(byTestId(id)).click(),
    setFile: (id, path) => page.locator(byTestId(id)).setInputFiles(path),
    beforeLoad: async (source) => void (await page.addInitScript(source)),
    screenshot: async (path) => void (await page.screenshot({ path })),
    close: () => browser.close(),
  };
}
