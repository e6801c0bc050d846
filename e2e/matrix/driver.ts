/**
 * The little each engine's driver must do for the smoke checks (e2e/matrix/smoke.spec.ts), so one
 * spec runs unchanged in Chromium (Playwright), Firefox ESR (puppeteer-core over WebDriver BiDi)
 * and WebKitGTK (W3C WebDriver over plain HTTP). Everything else — waiting, reading attributes,
 * pasting — is page script through `run`, identical in all three.
 */
export type Engine = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: readonly Engine[] = ['chromium', 'firefox', 'webkit'];

export interface Driver {
  readonly engine: Engine;
  /** Navigates and waits for the load event. */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs an async function body in the page (`args` as `args[0]`, …) and returns its JSON result. */
  run<T = unknown>(body: string, ...args: unknown[]): Promise<T>;
  /** A real click (the driver's input events) on the element with this data-testid. */
  click(testid: string): Promise<void>;
  /** Chooses a file in the <input type=file> with this data-testid, as a person picking it would. */
  setFile(testid: string, path: string): Promise<void>;
  /**
   * Page script run before the page's own in every new document, where the protocol can
   * (Playwright, BiDi); undefined where it cannot (classic WebDriver, i.e. WebKit here).
   */
  readonly beforeLoad?: (source: string) => Promise<void>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Chromium only: a .y4m file its fake camera device shows (Firefox and WebKit get a synthetic stream). */
  fakeCameraVideo?: string;
}

/** The page-side expression for an async function body called with JSON-serialisable args. */
export const pageCall = (body: string, args: unknown[]): string => `(async (...args) => { ${body} })(...${JSON.stringify(args)})`;

export const byTestId = (id: string): string => `[data-testid="${id}"]`;

/** Starts the engine's browser (one fresh profile each time). */
export async function openDriver(engine: Engine, opts: OpenOptions = {}): Promise<Driver> {
  if (engine === 'chromium') return (await import('./driver-chromium.ts')).openChromium(opts);
  if (engine === 'firefox') return (await import('./driver-firefox.ts')).openFirefox();
  return (await import('./driver-webkit.ts')).openWebKit();
}
