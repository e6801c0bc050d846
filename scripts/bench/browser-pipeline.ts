/**
 * Section 1 again, in Chromium: the gate's own runtime. The same EU vectors and CN ES256 codes as
 * Node's section 1, each with its trust, are handed to a blank https page holding the pipeline
 * (page-pipeline.ts, built here with Vite, nothing of the app's build), which times verifyCode
 * against WebCrypto verify in its own interleaved rounds. 1× CPU.
 */
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM_LAUNCH } from '../../test/support/chromium.ts';
import { euDcc } from '../../src/core/formats/eu-dcc/index.ts';
import { vectorBundle, type EuVector } from '../../test/fuzz/formats/eu-dcc/vectors.ts';
import type { PageResult, PageSet, run } from './page-pipeline.ts';
import { fmt, ratio } from './timing.ts';
import { cnCodes, type Row } from './verify.ts';

async function pageScript(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'error',
    build: { write: false, minify: true, target: 'es2022', lib: { entry: 'scripts/bench/page-pipeline.ts', formats: ['iife'], name: 'gatecheckBench', fileName: 'page-pipeline' } },
  });
  const first = (Array.isArray(out) ? out[0] : out) as { output: { type: string; code?: string }[] };
  const chunk = first.output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('page-pipeline: no script built');
  return chunk.code;
}

export async function benchBrowserPipeline(vectors: EuVector[], quick: boolean): Promise<Row[]> {
  const eu = vectors.filter((v) => v.alg === 'ES256' && euDcc.decode(v.text).ok);
  const cn = await cnCodes('ES256', quick ? 40 : 100);
  const sets: PageSet[] = [
    {
      name: 'eu',
      format: 'eu',
      codes: eu.map((v) => ({
        text: v.text,
        now: v.now.toISOString(),
        jwk: v.cert.jwk,
        // The conformance runner's trust for the vector, as JSON.
        bundle: vectorBundle(v),
      })),
    },
    { name: 'cn-es', format: 'cn', codes: cn.texts.map((text) => ({ text, now: cn.now.toISOString(), jwk: cn.key.publicJwk, bundle: cn.bundle })) },
  ];
  const script = await pageScript();
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage();
    // A secure context with nothing else in it: WebCrypto needs https (or localhost).
    await page.route('https://bench.gatecheck.invalid/', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }));
    await page.goto('https://bench.gatecheck.invalid/');
    await page.addScriptTag({ content: script });
    const arg = { sets, rounds: quick ? 3 : 9, warmupMs: quick ? 400 : 2000 };
    // Typed loosely: Playwright's serialisable-type check recurses too deep into a trust bundle.
    const evaluate = page.evaluate.bind(page) as (f: (a: typeof arg) => Promise<PageResult[]>, a: unknown) => Promise<PageResult[]>;
    const results = await evaluate((a) => (window as unknown as { gatecheckBench: { run: typeof run } }).gatecheckBench.run(a.sets, a.rounds, a.warmupMs), arg);
    const what = { eu: (n: number, pass: number) => `EU suite ES256 vectors (${n}; ${pass} PASS), in Chromium — verifyCode vs WebCrypto verify`, 'cn-es': (n: number) => `CN codes ES256 (${n}), in Chromium — verifyCode vs WebCrypto verify` };
    return results.map((r) => ({
      section: '1 limit',
      what: r.name === 'eu' ? what.eu(r.n, r.pass) : what['cn-es'](r.n),
      value: `${fmt(r.ours)} vs ${fmt(r.raw)} codes/s (first batch before warm-up: ${ratio(r.coldOurs, r.coldRaw)})`,
      ratio: ratio(r.ours, r.raw),
    }));
  } finally {
    await browser.close();
  }
}
