/**
 * Firefox ESR (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi. puppeteer-core
 * never downloads a browser; it starts the one at FIREFOX_PATH with a fresh temporary profile.
 */
import puppeteer from 'puppeteer-core';
import { byTestId, pageCall, type Driver } from './driver.ts';

export async function openFirefox(): Promise<Driver> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: { 'intl.accept_languages': 'en-US' },
  });
  const page = await browser.newPage();
  return {
    engine: 'firefox',
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    run: <T>(body: string, ...args: unknown[]) => page.evaluate(pageCall(body, args)) as Promise<T>,
    click: (id) => page.locator(byTestId(id)).click(),
    async setFile(id, path) {
      const input = await page.waitForSelector(byTestId(id));
      // BiDi input.setFiles: the change event fires as for a person's pick.
      await (input as unknown as { uploadFile(...p: string[]): Promise<void> }).uploadFile(path);
    },
    beforeLoad: async (source) => void (await page.evaluateOnNewDocument(source)),
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png` })),
    close: () => browser.close(),
  };
}
