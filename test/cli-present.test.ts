/**
 * Device-bound codes through the CLI (issue 21): `keygen --alg ES256` makes the device key,
 * `issue --device-key` binds a code to it, `present` makes the live presentation, and `verify`
 * judges both — a presentation in its window passes, the bare code (a screenshot) and an old
 * presentation fail. In-process through run(argv, io) (test/support/cli.ts).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../src/core/model/verdict.ts';
import { mapLimit, runCli, type Run } from './support/cli.ts';

const TIMEOUT = 120_000;
/** Issued at T0, presented and verified at NOW (two hours later, well inside a 12-hour validity). */
const T0 = '2022-06-01T00:00:00.000Z';
const NOW = '2022-06-01T02:00:05.000Z';

let dir: string;
const p = (...parts: string[]) => join(dir, ...parts);
const cli = (args: string[], input?: string): Promise<Run> => runCli(dir, args, input);
const ok = (r: Run) => {
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
};

/** CODE-TEXTs: the ES256- and SM2-signed codes bound to device A, and an ES256 code bound to nothing. */
const codes = { es: '', sm: '', bare: '' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gatecheck-present-'));
  const keys = await mapLimit(
    [
      ['keygen', '--alg', 'ES256', '--root', '--out', p('root')],
      ['keygen', '--alg', 'ES256', '--out', p('gd')],
      ['keygen', '--alg', 'SM2', '--out', p('sh')],
      // Device keys are plain ES256 key pairs: what `keygen --alg ES256` writes.
      ['keygen', '--alg', 'ES256', '--out', p('device-a')],
      ['keygen', '--alg', 'ES256', '--out', p('device-b')],
    ],
    2,
    (a) => cli(a),
  );
  keys.forEach(ok);
  const common = ['--at', T0, '--valid-hours', '12'];
  const [es, sm, bare, bundle] = await mapLimit(
    [
      ['issue', '--key', p('gd', 'private.jwk'), '--issuer', '440000', ...common, '--device-key', p('device-a', 'public.jwk')],
      ['issue', '--key', p('sh', 'private.jwk'), '--issuer', '310000', ...common, '--device-key', p('device-a', 'public.jwk')],
      ['issue', '--key', p('gd', 'private.jwk'), '--issuer', '440000', ...common],
      ['bundle', 'build', '--root-key', p('root', 'private.jwk'), '--out', p('bundle.json'), '--key-valid-from', '2022-01-01T00:00:00Z', '--issuer-key', `440000:${p('gd', 'public.jwk')}`, '--issuer-key', `310000:${p('sh', 'public.jwk')}`],
    ],
    2,
    (a) => cli(a),
  );
  Object.assign(codes, { es: ok(es!), sm: ok(sm!), bare: ok(bare!) });
  ok(bundle!);
}, TIMEOUT);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const present = (code: string, device: string, at = NOW) => cli(['present', '--code', code, '--device-key', p(device, 'private.jwk'), '--at', at]);

describe('gatecheck issue --device-key', () => {
  it('binds the code: it is longer than the bare one by the key (about 100 characters) and still alphanumeric', () => {
    for (const code of [codes.es, codes.sm, codes.bare]) expect(code).toMatch(/^CNHC1:[0-9A-Z $%*+\-./:]+$/);
    expect(codes.es.length - codes.bare.length).toBeGreaterThan(90);
  });

  it('refuses any key but a P-256 public JWK, naming the problem', { timeout: TIMEOUT }, async () => {
    await writeFile(p('not-json.jwk'), 'not json');
    const cases: [string, RegExp][] = [
      [p('device-a', 'private.jwk'), /private key.*stays on the device/],
      [p('sh', 'public.jwk'), /curve SM2: device keys are ES256, P-256/],
      [p('not-json.jwk'), /not JSON/],
      [p('missing.jwk'), /ENOENT|no such file/],
    ];
    const runs = await mapLimit(cases, 2, ([file]) => cli(['issue', '--key', p('gd', 'private.jwk'), '--issuer', '440000', '--device-key', file]));
    runs.forEach((r, i) => {
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(cases[i]![1]);
    });
  });
});

describe('gatecheck present', () => {
  it('prints a CNHP1: presentation, alphanumeric, new for every slot; the code may come on standard input', { timeout: TIMEOUT }, async () => {
    const a = ok(await present(codes.es, 'device-a'));
    expect(a).toMatch(/^CNHP1:[0-9A-Z $%*+\-./:]+$/);
    // About 80 more characters than the code: the slot and the 64-byte device signature.
    expect(a.length - codes.es.length).toBeGreaterThan(80);
    expect(a.length - codes.es.length).toBeLessThan(120);
    const stdin = ok(await cli(['present', '--code', '-', '--device-key', p('device-a', 'private.jwk'), '--at', NOW], codes.es + '\n'));
    expect(stdin.startsWith('CNHP1:')).toBe(true);
    const next = ok(await present(codes.es, 'device-a', '2022-06-01T02:00:15.000Z'));
    expect(next).not.toBe(a);
  });

  it('refuses a code not bound to this device, an unbound code, and keys that cannot present, naming the problem', { timeout: TIMEOUT }, async () => {
    const cases: [string[], RegExp][] = [
      [['--code', codes.es, '--device-key', p('device-b', 'private.jwk')], /bound to another device.*OTHER_DEVICE/],
      [['--code', codes.bare, '--device-key', p('device-a', 'private.jwk')], /not device-bound.*NOT_BOUND/],
      [['--code', codes.es, '--device-key', p('device-a', 'public.jwk')], /public key; presenting needs the device's private key/],
      [['--code', codes.es, '--device-key', p('sh', 'private.jwk')], /SM2.*device keys are ES256/],
      [['--code', 'HC1:NCFOXN', '--device-key', p('device-a', 'private.jwk')], /not a CN health code/],
      [['--code', 'CNHC1:lower', '--device-key', p('device-a', 'private.jwk')], /does not decode.*NOT_A_CODE/],
    ];
    const runs = await mapLimit(cases, 2, ([args]) => cli(['present', ...args, '--at', NOW]));
    runs.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(cases[i]![1]);
    });
    const already = ok(await present(codes.es, 'device-a'));
    const again = await present(already, 'device-a');
    expect([again.code, again.stderr]).toEqual([1, expect.stringMatching(/already a presentation/)]);
    const usage = await cli(['present', '--device-key', p('device-a', 'private.jwk')]);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringMatching(/--code is required/)]);
  });
});

/**
 * The gate side (src/core: presentation decoding, device signature, window), judged by `verify`
 * on what issue and present printed. Runs last, on the work of the verifier's side of issue 21.
 */
describe('gatecheck verify on bound codes and presentations', () => {
  const verify = async (text: string, at = NOW): Promise<Verdict> => {
    const r = await cli(['verify', '--bundle', p('bundle.json'), '--root-pub', p('root', 'public.jwk'), '--at', at, text]);
    try {
      return JSON.parse(r.stdout) as Verdict;
    } catch {
      throw new Error(`verify printed no verdict (exit ${r.code}): ${r.stderr}`);
    }
  };
  const summary = (v: Verdict) => [v.outcome, v.reasons.map((r) => r.code)];

  it('a live presentation PASSes, for an ES256- and an SM2-signed code alike', { timeout: TIMEOUT }, async () => {
    for (const code of [codes.es, codes.sm]) {
      const v = await verify(ok(await present(code, 'device-a')));
      expect(summary(v)).toEqual(['PASS', []]);
      // presentedAt: the start of the slot the device signed.
      expect(v.credential?.deviceBound).toEqual({ presentedAt: '2022-06-01T02:00:00.000Z' });
    }
  });

  it('the bound code shown bare — a screenshot of the stored code — FAILs PRESENTATION_REQUIRED', { timeout: TIMEOUT }, async () => {
    const v = await verify(codes.es);
    expect(v.outcome).toBe('FAIL');
    expect(v.reasons[0]?.code).toBe('PRESENTATION_REQUIRED');
  });

  it('a presentation made 2 minutes before the gate reads it FAILs PRESENTATION_STALE', { timeout: TIMEOUT }, async () => {
    const old = ok(await present(codes.es, 'device-a', '2022-06-01T01:58:05.000Z'));
    const v = await verify(old);
    expect(v.outcome).toBe('FAIL');
    expect(v.reasons.map((r) => r.code)).toContain('PRESENTATION_STALE');
  });

  it('an unbound code still PASSes bare under the default policy', { timeout: TIMEOUT }, async () => {
    expect(summary(await verify(codes.bare))).toEqual(['PASS', []]);
  });

  it('`present --png` writes the presentation as a QR code that `verify --image` reads and passes', { timeout: TIMEOUT }, async () => {
    const r = await cli(['present', '--code', codes.es, '--device-key', p('device-a', 'private.jwk'), '--at', NOW, '--png', p('live.png')]);
    const text = ok(r);
    const png = await readFile(p('live.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const fromImage = await cli(['verify', '--bundle', p('bundle.json'), '--root-pub', p('root', 'public.jwk'), '--at', NOW, '--image', p('live.png')]);
    expect(summary(JSON.parse(fromImage.stdout) as Verdict)).toEqual(['PASS', []]);
    expect(text.startsWith('CNHP1:')).toBe(true);
  });
});
