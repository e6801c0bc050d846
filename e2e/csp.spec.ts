/**
 * Strict CSP from the page itself: with the server's CSP header stripped (as a plain static host
 * or CDN would serve the files), the built page's <meta> policy still blocks inline script, eval
 * and connections to other origins — and the app still scans and judges under it.
 */
import { expect, test } from '@playwright/test';
import { expectDemoVerdict } from './support.ts';

test('the meta CSP alone blocks inline script, eval and foreign fetches; the app works under it', async ({ page }) => {
  // A same-origin script (allowed by script-src 'self') that tries eval and new Function: code run
  // from DevTools is exempt from CSP, so the probe must run as the page's own script.
  await page.route('**/csp-probe.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: "window.__evalRan = (() => { try { return eval('true') === true || new Function('return true')() === true; } catch { return false; } })();",
    }),
  );
  // Serve every response without the CSP header: only the page's own <meta> policy is left.
  await page.route(/^(?!.*csp-probe\.js)/, async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['content-security-policy'];
    await route.fulfill({ response, headers });
  });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toBeUndefined();
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(meta).toContain("connect-src 'self'");
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-state', 'ready');
  expect(violations).toEqual([]); // starting up (worker, wasm, IndexedDB, bundle fetch) needed nothing forbidden

  const probe = await page.evaluate(async () => {
    const blocked: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => blocked.push(e.effectiveDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.append(s);
    const probe = document.createElement('script');
    probe.src = '/csp-probe.js';
    await new Promise((r) => {
      probe.onload = probe.onerror = r;
      document.head.append(probe);
    });
    const evalRan = (window as unknown as { __evalRan?: boolean }).__evalRan;
    let fetched = false;
    try {
      await fetch('https://example.com/bundle.json');
      fetched = true;
    } catch {
      fetched = false;
    }
    // Violation reports are queued as tasks: wait for the three probes' directives (bounded, so a missing one fails below).
    const deadline = performance.now() + 10_000;
    const wanted = ['script-src-elem', 'script-src', 'connect-src'];
    while (!wanted.every((d) => blocked.includes(d)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return { inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, evalRan, fetched, blocked };
  });
  expect(probe).toMatchObject({ inlineRan: false, evalRan: false, fetched: false });
  expect(probe.blocked).toEqual(expect.arrayContaining(['script-src-elem', 'script-src', 'connect-src']));

  // The app itself needs nothing the policy forbids: a scan is judged, and the app caused no violation
  // (only the three probes above did).
  const before = violations.length;
  await expectDemoVerdict(page, 'pass-guangdong-green', 'PASS');
  expect(violations.slice(before)).toEqual([]);
});
