/**
 * The built-in demo world: a demo root, demo provinces (ES256 and SM2), a signed bundle and sample
 * codes that must PASS (`pass-*`) or FAIL (`fail-*`) under the default policy. DEMO KEYS ONLY.
 */
import { mergeDidKeys, type DidDocumentRead } from './import-did.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AlgName } from '../core/crypto/algorithms.ts';
import { encodeClaims, encodeCnCode, encodeLayers, packLayers, type CnCodeInput } from './formats/cn-hc/encode.ts';
import { encodeCoseSign1 } from '../core/encoding/cose-sign1.ts';
import type { ReasonCode } from '../core/model/reasons.ts';
import type { LocalizedName } from '../core/model/verdict.ts';
import { generateKeyPair, type KeyPair } from './keys.ts';
import { qrPng } from './qr-render.node.ts';
import { countryNames, PROVINCES } from './regions.ts';
import type { CertificateKey } from '../core/trust/x509.ts';
import { buildBundle, signBundle, type BundleKeyInput } from './sign-bundle.ts';
import { defaultFormats, ISSUER_FORMATS } from './formats/registry.ts';
import type { TrustIssuer } from '../core/trust/bundle.ts';
import { sha256, toBase64Url, toHex } from '../core/encoding/bytes.ts';
import { buildRevocationSet } from '../core/trust/revocation/build-set.ts';
import { revocationHash } from '../core/trust/revocation/revocation-hash.ts';
import { BUILTIN_POLICIES } from '../core/policy/builtin-policies.ts';

export const DEMO_WARNING = 'DEMO ONLY — generated for the gatecheck demo world; never use these keys for real codes.';
/** Where `gatecheck demo` notes the last world it wrote, under a home directory (the CLI passes its own: tests run it in-process). */
export const stateFileIn = (home: string): string => join(home, '.gatecheck', 'last-demo-world');

export interface DemoCode {
  name: string;
  expect: 'PASS' | 'FAIL';
  reason?: ReasonCode;
  issuer: string;
  alg: AlgName;
  about: LocalizedName;
}

const HOUR = 3600_000;
const randomId = () => crypto.getRandomValues(new Uint8Array(16));

/** Provinces of the demo and their signing algorithms; Xinjiang's key is deliberately left out of the bundle. */
const DEMO_ISSUERS: { region: string; alg: AlgName; trusted: boolean }[] = [
  { region: '440000', alg: 'ES256', trusted: true },
  { region: '310000', alg: 'SM2-SM3', trusted: true },
  { region: '110000', alg: 'ES256', trusted: true },
  { region: '510000', alg: 'SM2-SM3', trusted: true },
  { region: '650000', alg: 'ES256', trusted: false },
];

/**
 * What a format's demo adds to the world: its own demo issuers, their keys for the bundle, and
 * sample codes. A format's demo is src/issuer/formats/<id>/demo.node.ts, named by the `demo` of its
 * IssuerFormat (src/issuer/formats/registry.ts).
 */
export interface DemoContribution {
  issuers: TrustIssuer[];
  keys: BundleKeyInput[];
  codes: { code: DemoCode; text: string }[];
  /** Extra files the demo publishes beside the bundle (path relative to the world dir -> content). */
  files?: Record<string, string | Uint8Array>;
}
export type DemoContributor = (now: Date) => Promise<DemoContribution>;

/** Formats beyond the domestic codes that bring their own demo samples. */
export const DEMO_CONTRIBUTORS: DemoContributor[] = ISSUER_FORMATS.flatMap((f) => (f.demo ? [f.demo] : []));

export interface DemoWorldOptions {
  /** Foreign document signer certificates to trust as well (e.g. an EU DCC DSC), by country. */
  extraCerts?: { country: string; cert: CertificateKey }[];
  /** Issuers' DID documents whose assertion keys the demo bundle trusts too (e.g. the NZ COVID Pass spec's example issuer). */
  extraDids?: Pick<DidDocumentRead, 'did' | 'host' | 'keys'>[];
  /** Display names for EU DCC codes (value set id -> code -> name), carried in the signed bundle. */
  valueSets?: Record<string, Record<string, string>>;
  /** Home directory whose state file records this world (default: the user's). */
  home?: string;
}

export async function writeDemoWorld(outDir: string, now = new Date(), opts: DemoWorldOptions = {}): Promise<{ dir: string; codes: DemoCode[] }> {
  const dir = resolve(outDir);
  await mkdir(join(dir, 'keys'), { recursive: true });
  await mkdir(join(dir, 'codes'), { recursive: true });

  const root = await generateKeyPair('ES256', 'root');
  const keys = new Map<string, KeyPair>();
  for (const i of DEMO_ISSUERS) keys.set(i.region, await generateKeyPair(i.alg));

  // Revocation: one demo code is revoked, hidden among 10,000 other revoked ids in a set file
  // published beside the bundle (as a national list would be; docs/revocation.md).
  const revokedId = randomId();
  const version = Math.floor(now.getTime() / 1000);
  const revoked = [await revocationHash('440000', toHex(revokedId)), ...Array.from({ length: 10_000 }, () => crypto.getRandomValues(new Uint8Array(32)))];
  const set = buildRevocationSet(revoked);
  const setName = `demo-national-${version}.bin`;
  await mkdir(join(dir, 'revocations'), { recursive: true });
  await writeFile(join(dir, 'revocations', setName), set);
  const revocationList = { id: 'demo-national', count: revoked.length, bytes: set.length, sha256: toBase64Url(await sha256(set)), href: `revocations/${setName}` };

  const contributions = await Promise.all(DEMO_CONTRIBUTORS.map((c) => c(now)));
  const trusted = DEMO_ISSUERS.filter((i) => i.trusted);
  const bundle = buildBundle({
    revocations: [revocationList],
    policies: BUILTIN_POLICIES,
    version,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + 30 * 24 * HOUR),
    demo: true,
    ...(opts.valueSets ? { valueSets: opts.valueSets } : {}),
    issuers: [
      ...trusted.map((i) => ({ id: i.region, kind: 'province' as const, names: PROVINCES[i.region]! })),
      ...[...new Set((opts.extraCerts ?? []).map((c) => c.country))].map((id) => ({ id, kind: 'country' as const, names: countryNames(id) })),
      ...contributions.flatMap((c) => c.issuers),
    ],
    keys: [
      ...trusted.map((i) => ({
        issuer: i.region,
        jwk: keys.get(i.region)!.publicJwk,
        validFrom: new Date(now.getTime() - 30 * 24 * HOUR),
        validUntil: new Date(now.getTime() + 365 * 24 * HOUR),
      })),
      ...(opts.extraCerts ?? []).map((c) => ({ issuer: c.country, cert: c.cert })),
      ...contributions.flatMap((c) => c.keys),
    ],
  });
  // DID keys carry no validity of their own: they cover passes signed since 2020, for a year ahead.
  if (opts.extraDids?.length)
    mergeDidKeys(bundle, opts.extraDids, { formats: defaultFormats('did'), kinds: ['pass'], validFrom: new Date('2020-01-01T00:00:00Z'), validUntil: new Date(now.getTime() + 365 * 24 * HOUR) });
  const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
  await writeFile(join(dir, 'bundle.json'), json(await signBundle(bundle, root.privateJwk)));
  await writeFile(join(dir, 'root.pub.jwk'), json(root.publicJwk));
  await writeFile(join(dir, 'keys', 'root.jwk'), json({ ...root.privateJwk, note: DEMO_WARNING }));
  for (const [region, k] of keys)
    await writeFile(join(dir, 'keys', `${region}-${k.alg.toLowerCase()}.jwk`), json({ ...k.privateJwk, note: DEMO_WARNING }));
  await writeFile(join(dir, 'keys', 'README.txt'), `${DEMO_WARNING}\n`);

  const codes: { code: DemoCode; text: string }[] = [];
  const person = (name: string, idTail: string, birthDate: string) => ({ name, idTail, birthDate });
  const base = (region: string, over: Partial<CnCodeInput> = {}): CnCodeInput => ({
    issuer: region,
    codeId: randomId(),
    issuedAt: new Date(now.getTime() - 10 * 60_000),
    expiresAt: new Date(now.getTime() + 24 * HOUR),
    status: 'green',
    holder: person('张小三', '123X', '1990-05-17'),
    ...over,
  });
  const add = async (code: DemoCode, input: CnCodeInput, signer = code.issuer) =>
    codes.push({ code, text: (await encodeCnCode(input, keys.get(signer)!)).text });

  await add(
    { name: 'pass-guangdong-green', expect: 'PASS', issuer: '440000', alg: 'ES256', about: { 'zh-CN': '广东绿码，24 小时内核酸阴性', en: 'Guangdong green, negative NAT within 24 h' } },
    base('440000', { tests: [{ type: 'NAT', result: 'negative', sampledAt: new Date(now.getTime() - 20 * HOUR) }] }),
  );
  await add(
    { name: 'pass-shanghai-green-sm2', expect: 'PASS', issuer: '310000', alg: 'SM2-SM3', about: { 'zh-CN': '上海绿码（SM2 国密签名）', en: 'Shanghai green (SM2 signature)' } },
    base('310000', { holder: person('李四', '0421', '1985-11-02') }),
  );
  await add(
    { name: 'pass-beijing-green', expect: 'PASS', issuer: '110000', alg: 'ES256', about: { 'zh-CN': '北京绿码，已接种三剂', en: 'Beijing green, three vaccine doses' } },
    base('110000', {
      holder: person('王五', '7788', '1978-03-09'),
      vaccinations: [1, 2, 3].map((dose) => ({ dose, of: 3, date: `2022-0${dose * 2}-15`, product: 'CoronaVac' })),
    }),
  );
  await add(
    { name: 'pass-sichuan-green-sm2', expect: 'PASS', issuer: '510000', alg: 'SM2-SM3', about: { 'zh-CN': '四川绿码（SM2 国密签名）', en: 'Sichuan green (SM2 signature)' } },
    base('510000', { holder: person('赵六', '5566', '2001-07-30') }),
  );
  await add(
    { name: 'fail-guangdong-yellow', expect: 'FAIL', reason: 'STATUS_YELLOW', issuer: '440000', alg: 'ES256', about: { 'zh-CN': '广东黄码', en: 'Guangdong yellow code' } },
    base('440000', { status: 'yellow' }),
  );
  await add(
    { name: 'fail-shanghai-red-sm2', expect: 'FAIL', reason: 'STATUS_RED', issuer: '310000', alg: 'SM2-SM3', about: { 'zh-CN': '上海红码', en: 'Shanghai red code' } },
    base('310000', { status: 'red', holder: person('李四', '0421', '1985-11-02') }),
  );
  await add(
    { name: 'fail-expired', expect: 'FAIL', reason: 'CODE_EXPIRED', issuer: '440000', alg: 'ES256', about: { 'zh-CN': '已过期的码（截图重用）', en: 'Expired code (a reused screenshot)' } },
    base('440000', { issuedAt: new Date(now.getTime() - 30 * HOUR), expiresAt: new Date(now.getTime() - 6 * HOUR) }),
  );
  await add(
    { name: 'fail-not-yet-valid', expect: 'FAIL', reason: 'NOT_YET_VALID', issuer: '110000', alg: 'ES256', about: { 'zh-CN': '签发时间在未来', en: 'Issued in the future' } },
    base('110000', { issuedAt: new Date(now.getTime() + 2 * HOUR), expiresAt: new Date(now.getTime() + 26 * HOUR) }),
  );
  await add(
    { name: 'fail-revoked', expect: 'FAIL', reason: 'REVOKED', issuer: '440000', alg: 'ES256', about: { 'zh-CN': '已被签发方撤销的码', en: 'Code revoked by its issuer' } },
    base('440000', { codeId: revokedId }),
  );
  await add(
    { name: 'fail-unknown-issuer', expect: 'FAIL', reason: 'UNKNOWN_KEY', issuer: '650000', alg: 'ES256', about: { 'zh-CN': '签发密钥不在可信名单', en: 'Signed by a key not in the trust list' } },
    base('650000'),
  );
  await add(
    { name: 'fail-issuer-mismatch', expect: 'FAIL', reason: 'ISSUER_MISMATCH', issuer: '310000', alg: 'ES256', about: { 'zh-CN': '广东密钥冒签上海码', en: 'Guangdong key signing a Shanghai code' } },
    base('310000'),
    '440000',
  );
  // Tampered: a valid signature with one bit flipped, re-packed so every other layer is intact.
  const good = await encodeLayers(encodeClaims(base('440000')), keys.get('440000')!);
  const sig = good.signature.slice();
  sig[10]! ^= 0x01;
  codes.push({
    code: { name: 'fail-tampered-signature', expect: 'FAIL', reason: 'SIGNATURE_INVALID', issuer: '440000', alg: 'ES256', about: { 'zh-CN': '签名被篡改', en: 'Tampered signature' } },
    text: packLayers({ ...good, signature: sig, cose: encodeCoseSign1(good.protectedHeader, good.claims, sig) }).text,
  });

  for (const c of contributions) {
    codes.push(...c.codes);
    for (const [path, content] of Object.entries(c.files ?? {})) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
  }
  for (const { code, text } of codes) {
    await writeFile(join(dir, 'codes', `${code.name}.txt`), text + '\n');
    await writeFile(join(dir, 'codes', `${code.name}.png`), await qrPng(text));
  }
  const manifest = codes.map((c) => c.code);
  await writeFile(join(dir, 'codes', 'index.json'), json(manifest));
  await writeFile(join(dir, 'README.txt'), `gatecheck demo world, generated ${now.toISOString()}.\n${DEMO_WARNING}\n`);
  const state = stateFileIn(opts.home ?? homedir());
  await mkdir(join(state, '..'), { recursive: true });
  await writeFile(state, dir + '\n');
  return { dir, codes: manifest };
}
