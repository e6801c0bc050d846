/**
 * Every result fits its screen: each outcome and every reason, at phone (390×844), portrait tablet
 * (800×1280) and landscape tablet (1280×800), zh-CN and en, normal and kiosk large type. Nothing
 * may lie outside the viewport and nothing may scroll. The app's own ResultScreen and stylesheet
 * are rendered through a small harness (e2e/harness/result-screen.tsx).
 */
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { REASON_CODES, type Reason, type ReasonCode } from '../src/core/model/reasons.ts';
import { reasonClass } from '../src/core/model/reason-class.ts';
import type { Verdict } from '../src/core/model/verdict.ts';
import { BUILTIN_POLICIES } from '../src/core/policy/builtin-policies.ts';

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 800, height: 1280 },
  { width: 1280, height: 800 },
];

/** The longest rule text of any built-in policy for each policy reason (the screen shows the rule's text). */
function longestRule(code: ReasonCode): Reason['rule'] | undefined {
  const rules = BUILTIN_POLICIES.flatMap((p) => p.rules).filter((r) => r.reason === code || code === 'POLICY_RULE_ERROR');
  rules.sort((a, b) => b.texts.en.length - a.texts.en.length);
  return rules[0] ? { id: rules[0].id, texts: rules[0].texts } : undefined;
}

const base = {
  warnings: [],
  trust: null,
  policy: { id: 'international', names: { 'zh-CN': '入境：接种、72 小时核酸或康复', en: 'International arrival: vaccination, 72 h NAT or recovery' } },
  checkedAt: '2026-12-06T09:00:00Z',
};
const credential = {
  format: 'eu-dcc',
  issuer: { id: 'AT', kind: 'country' as const },
  keyId: 'AAAAAAAAAAA',
  issuedAt: '2026-12-06T08:00:00Z',
  expiresAt: '2027-12-06T08:00:00Z',
  holder: { name: 'MUSTERFRAU-GÖSSINGER, GABRIELE MARIA THERESIA', birthDate: '1964-08-12' },
  tests: [],
  vaccinations: [{ dose: 1, of: 2, date: '2026-06-01', product: 'Comirnaty' }],
  recoveries: [],
  kinds: ['vaccination' as const],
  unknown: [
    { field: 't[0].tt', value: 'PCR nasal swab (home sampling kit)' },
    { field: 'iss', value: 'Bundesministerium für Soziales, Gesundheit' },
  ],
};

function verdicts(): Verdict[] {
  const out: Verdict[] = [
    {
      ...base,
      outcome: 'PASS',
      reasons: [],
      warnings: [{ code: 'TRUST_STALE' }, { code: 'VALUE_NOT_IN_VALUE_SET' }],
      format: 'eu-dcc',
      credential,
      signatureVerified: true,
      issuerName: { 'zh-CN': '奥地利', en: 'Austria' },
    },
    // A pass (NZCP): the pass line besides the holder, an issuer named by its DID.
    {
      ...base,
      outcome: 'PASS',
      reasons: [],
      warnings: [{ code: 'TRUST_STALE' }],
      format: 'nzcp',
      credential: {
        ...credential,
        format: 'nzcp',
        issuer: { id: 'did:web:nzcp.covid19.health.nz', kind: 'did' as const },
        vaccinations: [],
        kinds: ['pass' as const],
        passes: [{ type: 'PublicCovidPass', validUntil: '2027-12-06T08:00:00Z' }],
        unknown: [],
      },
      signatureVerified: true,
      issuerName: { 'zh-CN': 'nzcp.covid19.health.nz（新西兰卫生部）', en: 'nzcp.covid19.health.nz (NZ Ministry of Health)' },
    },
  ];
  for (const code of REASON_CODES) {
    const rule = longestRule(code);
    const main: Reason = rule && (code === 'POLICY_RULE_ERROR' || BUILTIN_POLICIES.some((p) => p.rules.some((r) => r.reason === code))) ? { code, rule } : { code };
    if (reasonClass(code) === 'not-read') {
      out.push({ ...base, outcome: 'NOT_READ', reasons: [main, { code: 'TRUST_STALE' }], warnings: [{ code: 'CLOCK_SUSPECT' }], signatureVerified: false });
      continue;
    }
    // A FAIL with two more reasons and two warnings, and everything the screen can show.
    const more: Reason[] = [{ code: 'CODE_EXPIRED' }, { code: 'NAT_TOO_OLD', rule: longestRule('NAT_TOO_OLD')! }];
    out.push({
      ...base,
      outcome: 'FAIL',
      reasons: [main, ...more.filter((r) => r.code !== code)],
      warnings: [{ code: 'TRUST_STALE' }, { code: 'SCHEMA_INVALID' }],
      format: 'eu-dcc',
      credential,
      signatureVerified: !['UNKNOWN_KEY', 'SIGNATURE_INVALID', 'CERT_CHAIN_INVALID', 'NO_TRUST_BUNDLE'].includes(code),
      issuerName: { 'zh-CN': '奥地利', en: 'Austria' },
    });
  }
  return out;
}

test('every outcome and every reason fits the screen without scrolling', async ({ browser }) => {
  test.setTimeout(300_000);
  const bundle = await build({
    entryPoints: ['e2e/harness/result-screen.tsx'],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    target: 'es2022',
    // The build-time switch vite.config.ts sets: the harness shows results as a demo build would.
    define: { __GATECHECK_DEMO__: 'true' },
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]!.text;
  const css = readFileSync('src/app/styles.css', 'utf8');
  const all = verdicts();
  const problems: string[] = [];
  for (const viewport of VIEWPORTS) {
    const page = await browser.newPage({ viewport });
    await page.setContent('<!doctype html><html lang="zh-CN"><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body><div id="root"></div></body></html>');
    await page.addStyleTag({ content: css });
    await page.addScriptTag({ content: js });
    for (const lang of ['zh-CN', 'en'] as const)
      for (const large of [false, true])
        for (const v of all) {
          const found = await page.evaluate(
            ({ v, lang, large }) => {
              window.showResult(v, lang, large, true);
              const W = innerWidth;
              const H = innerHeight;
              const out: string[] = [];
              const doc = document.scrollingElement!;
              if (doc.scrollHeight > H || doc.scrollWidth > W) out.push(`page scrolls (${doc.scrollWidth}×${doc.scrollHeight})`);
              const result = document.querySelector('[data-testid="result"]') as HTMLElement;
              if (result.scrollHeight > result.clientHeight + 1 || result.scrollWidth > result.clientWidth + 1) out.push(`result scrolls (${result.scrollWidth}×${result.scrollHeight} in ${result.clientWidth}×${result.clientHeight})`);
              for (const el of Array.from(result.querySelectorAll('*'))) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 && r.height === 0) continue;
                if (r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5) out.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
              }
              return out.slice(0, 3);
            },
            { v, lang, large },
          );
          if (found.length) problems.push(`${viewport.width}×${viewport.height} ${lang} ${large ? 'large' : 'normal'} ${v.outcome} ${v.reasons[0]?.code ?? ''}: ${found.join('; ')}`);
        }
    // One long FAIL in kiosk large type, and a NOT READ, for the record.
    if (viewport.width === 1280) {
      const longFail = all.find((v) => v.reasons[0]?.code === 'NO_QUALIFYING_EVIDENCE')!;
      await page.evaluate((v) => window.showResult(v, 'en', true, true), longFail);
      await page.screenshot({ path: 'e2e/screenshots/tablet-en-kiosk-long-fail.png' });
      await page.evaluate((v) => window.showResult(v, 'zh-CN', true, true), all.find((v) => v.outcome === 'NOT_READ')!);
      await page.screenshot({ path: 'e2e/screenshots/tablet-zh-CN-kiosk-not-read.png' });
      await page.evaluate((v) => window.showResult(v, 'zh-CN', true, true), all[0]!);
      await page.screenshot({ path: 'e2e/screenshots/tablet-zh-CN-kiosk-pass.png' });
    }
    await page.close();
  }
  expect(problems.length, problems.slice(0, 40).join('\n')).toBe(0);
});
