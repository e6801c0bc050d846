/**
 * Generates the worked examples of docs/formats/cn-health-code.md (section "Worked examples") with
 * the repo's own encoder, and prints them as markdown:
 *
 *   npx tsx scripts/spec-examples.ts > /tmp/examples.md
 *
 * Keys, times and code ids are fixed, so everything up to the Sig_structure is reproducible. ES256
 * and SM2 signatures are randomised: the signature and every later layer differ on each run. Paste
 * one run into the document; src/core/formats/cn-hc/spec-examples.test.ts then keeps the document
 * and the code in agreement. The notation helpers it shares with that test (input parsing, CBOR
 * diagnostic notation) live in test/support/cn-hc-spec-examples.ts.
 *
 * EXAMPLE KEYS ONLY: the private keys below are published in the specification. Never trust them.
 */
import { pathToFileURL } from 'node:url';
import type { AlgName } from '../src/core/crypto/algorithms.ts';
import { publicPart, shortKid, type EcPrivateJwk } from '../src/core/crypto/jwk.ts';
import { decodeCbor } from '../src/core/encoding/cbor.ts';
import { decode } from '../src/core/formats/cn-hc/decode.ts';
import { verifyCode } from '../src/core/pipeline/run.ts';
import { indexBundle } from '../src/core/trust/trust-index.ts';
import { encodeClaims, encodeLayers, type EncodedLayers } from '../src/issuer/formats/cn-hc/encode.ts';
import { buildBundle, DOMESTIC_KINDS } from '../src/issuer/sign-bundle.ts';
import {
  annotateClaims,
  annotateProtected,
  diag,
  inputFromJson,
  qrFacts,
  sm2Digest,
  wrapHex,
  type ExampleInput,
  type ExampleVerification,
} from '../test/support/cn-hc-spec-examples.ts';

// ---------------------------------------------------------------------------------------------
// The examples' fixed data
// ---------------------------------------------------------------------------------------------

type ExampleJwk = EcPrivateJwk & { kid: string; alg: AlgName };

export interface Example {
  id: 'es256' | 'sm2';
  title: string;
  key: ExampleJwk;
  input: ExampleInput;
  verification: ExampleVerification;
}

/** Generated once with src/issuer/keys.ts generateKeyPair. EXAMPLE ONLY. */
const ES256_KEY: ExampleJwk = {
  kty: 'EC',
  crv: 'P-256',
  x: 'MYDf1TYyvIv1Gqk5U55MiJBbnk277T7vCN-Lm3LbUEw',
  y: 'AVj7sluXCpK_c3BryxdWGY_h25Y88Ui7d3trQRi87GA',
  d: 'rmjPQnODjyQbyOEeEbByLOEBnzdvMC1-CGQViGIDBz4',
  kid: 'q8zkqay4HY0',
  alg: 'ES256',
};

/** Generated once with src/issuer/keys.ts generateKeyPair. EXAMPLE ONLY. */
const SM2_KEY: ExampleJwk = {
  kty: 'EC',
  crv: 'SM2',
  x: '2vHt6I10U1QUan7Y5o7lddGQrb8Hq9tb9az7EFPo3Nw',
  y: '9OQEtfjn18_m9mIJdC7Mmp1KB_rTn07YGnqLbJABPrQ',
  d: 'iurbcedqSXgPa5h_YboE4HNX3c3RPIMqZbrgSy_a9JY',
  kid: 'SLDP7yMK69s',
  alg: 'SM2-SM3',
};

const KEY_VALIDITY = { validFrom: '2022-01-01T00:00:00.000Z', validUntil: '2023-01-01T00:00:00.000Z' };

export const EXAMPLES: Example[] = [
  {
    id: 'es256',
    title: 'ES256, Guangdong (440000), green, one negative NAT',
    key: ES256_KEY,
    input: {
      issuer: '440000',
      codeId: '5f1c0a2e9b7d43a18e6f20c4d1b3a795',
      issuedAt: '2022-06-01T00:00:00.000Z',
      expiresAt: '2022-06-02T00:00:00.000Z',
      status: 'green',
      holder: { name: '张小三', birthDate: '1990-05-17', idTail: '123X' },
      tests: [{ type: 'NAT', result: 'negative', sampledAt: '2022-05-31T02:15:00.000Z' }],
    },
    verification: {
      trustedKey: { issuer: '440000', kid: ES256_KEY.kid, alg: 'ES256', ...KEY_VALIDITY, kinds: DOMESTIC_KINDS },
      now: '2022-06-01T02:00:00.000Z',
      outcome: 'PASS',
    },
  },
  {
    id: 'sm2',
    title: 'SM2 with SM3, Shanghai (310000), green, three vaccine doses',
    key: SM2_KEY,
    input: {
      issuer: '310000',
      codeId: '0d8e7a4c3b2f41e6a9c5b1d7e3f80246',
      issuedAt: '2022-06-01T01:30:00.000Z',
      expiresAt: '2022-06-01T13:30:00.000Z',
      status: 'green',
      holder: { name: '李四', birthDate: '1985-11-02', idTail: '0421' },
      vaccinations: [
        { dose: 1, of: 3, date: '2021-04-10', product: 'CoronaVac' },
        { dose: 2, of: 3, date: '2021-05-08', product: 'CoronaVac' },
        { dose: 3, of: 3, date: '2021-11-20', product: 'CoronaVac' },
      ],
    },
    verification: {
      trustedKey: { issuer: '310000', kid: SM2_KEY.kid, alg: 'SM2-SM3', ...KEY_VALIDITY, kinds: DOMESTIC_KINDS },
      now: '2022-06-01T03:00:00.000Z',
      outcome: 'PASS',
    },
  },
];


// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

const fence = (lang: string, id: string, item: string, body: string) => `\`\`\`${lang} cn-hc-example-${id}:${item}\n${body}\n\`\`\``;

async function sign(ex: Example): Promise<EncodedLayers> {
  const claims = encodeClaims(inputFromJson(ex.input));
  for (;;) {
    const layers = await encodeLayers(claims, { alg: ex.key.alg, kid: ex.key.kid, privateJwk: ex.key });
    // Base45 has a space in its alphabet: a code that ended in one could lose it to an editor.
    if (!layers.text.endsWith(' ')) return layers;
  }
}

async function selfCheck(ex: Example, layers: EncodedLayers): Promise<void> {
  if ((await shortKid(ex.key)) !== ex.key.kid) throw new Error(`${ex.id}: kid is not the short thumbprint`);
  const v = ex.verification;
  const bundle = buildBundle({
    version: 1,
    issuedAt: new Date(Date.parse(v.now) - 86_400_000),
    expiresAt: new Date(Date.parse(v.now) + 30 * 86_400_000),
    issuers: [{ id: v.trustedKey.issuer, kind: 'province', names: { 'zh-CN': '示例', en: 'Example' } }],
    keys: [{ issuer: v.trustedKey.issuer, jwk: { ...publicPart(ex.key), kid: ex.key.kid, alg: ex.key.alg }, validFrom: new Date(v.trustedKey.validFrom), validUntil: new Date(v.trustedKey.validUntil), kinds: v.trustedKey.kinds }],
  });
  const verdict = await verifyCode(layers.text, { trust: indexBundle(bundle), now: new Date(v.now) });
  if (verdict.outcome !== v.outcome) throw new Error(`${ex.id}: ${verdict.outcome} ${JSON.stringify(verdict.reasons)}`);
}

export async function renderExample(ex: Example, n: number): Promise<string> {
  const layers = await sign(ex);
  await selfCheck(ex, layers);
  const decoded = decode(layers.text);
  if (!decoded.ok) throw new Error(`${ex.id}: ${decoded.reason.code}`);
  const { d: _d, ...publicJwk } = ex.key;
  // Pretty JSON, with arrays of strings kept on one line.
  const json = (v: unknown) =>
    JSON.stringify(v, null, 2).replace(/\[\n\s+("[^"\n]*"(?:,\n\s+"[^"\n]*")*)\n\s+\]/g, (_m, items: string) => `[${items.split(/,\n\s+/).join(', ')}]`);
  const id = ex.id;
  const out: string[] = [];
  const add = (...parts: string[]) => out.push(...parts);
  const bytes = (b: Uint8Array) => `${b.length} bytes`;

  add(`### Example ${n}: ${ex.title}`, '');
  add(
    `> **EXAMPLE ONLY.** The private key below is published in this document. It exists so that`,
    `> implementers can reproduce the signature input; no trust bundle may ever contain it.`,
    '',
  );
  add(`Signing key (private JWK, ${ex.key.alg === 'ES256' ? 'P-256' : 'SM2 curve, gatecheck label `crv: "SM2"`'}):`, '');
  add(fence('json', id, 'private-jwk', json(ex.key)), '');
  add('Public JWK as a trust bundle carries it; `kid` is the first 8 bytes of its RFC 7638 thumbprint, base64url:', '');
  add(fence('json', id, 'public-jwk', json(publicJwk)), '');
  add('Input values (times in UTC; the code id is hex):', '');
  add(fence('json', id, 'input', json(ex.input)), '');
  add(`**Claims** (CWT claims map, the COSE payload, ${bytes(layers.claims)}):`, '');
  add(fence('hex', id, 'claims', wrapHex(layers.claims)), '');
  add(fence('cbor-diag', id, 'claims-diag', diag(decoded.value.claims, annotateClaims)), '');
  add(`**Protected header** (${bytes(layers.protectedHeader)}):`, '');
  add(fence('hex', id, 'protected', wrapHex(layers.protectedHeader)), '');
  const ph = decodeCbor(layers.protectedHeader, { strict: true });
  if (!ph.ok) throw new Error('protected header does not decode');
  add(fence('cbor-diag', id, 'protected-diag', diag(ph.value, annotateProtected)), '');
  add(`**Sig_structure** \`["Signature1", protected, h'', payload]\`, the bytes that are signed (${bytes(layers.sigStructure)}):`, '');
  add(fence('hex', id, 'sig-structure', wrapHex(layers.sigStructure)), '');
  if (ex.key.alg === 'SM2-SM3') {
    const { za, e } = sm2Digest(ex.key, layers.sigStructure);
    add('Z_A = SM3(ENTL_A || "1234567812345678" || a || b || x_G || y_G || x_A || y_A), with ENTL_A = 0x0080:', '');
    add(fence('hex', id, 'sm2-za', wrapHex(za)), '');
    add('e = SM3(Z_A || Sig_structure), the value the SM2 signature is computed over:', '');
    add(fence('hex', id, 'sm2-e', wrapHex(e)), '');
  }
  add(`**Signature** r || s (${bytes(layers.signature)}; ${ex.key.alg === 'ES256' ? 'ECDSA' : 'SM2'} is randomised, so a re-run gives other bytes from here on):`, '');
  add(fence('hex', id, 'signature', wrapHex(layers.signature)), '');
  add(`**COSE_Sign1**, tag 18, \`18([protected, {}, payload, signature])\` (${bytes(layers.cose)}):`, '');
  add(fence('hex', id, 'cose', wrapHex(layers.cose)), '');
  add(`**zlib** (RFC 1950, level 9 as fflate writes it; ${bytes(layers.zlib)}):`, '');
  add(fence('hex', id, 'zlib', wrapHex(layers.zlib)), '');
  add(`**Base45** (${layers.base45.length} characters, one line; spaces belong to the text):`, '');
  add(fence('text', id, 'base45', layers.base45), '');
  add('**The code**, the text the QR code carries:', '');
  add(fence('text', id, 'code', layers.text), '');
  add('QR symbol of the code:', '');
  add(fence('text', id, 'qr', qrFacts(layers.text)), '');
  add(
    `**Verification.** With the public key above in the trust bundle (issuer ${ex.verification.trustedKey.issuer}), the code is verified at`,
    `\`now\` with outcome PASS. At or after exp (${ex.input.expiresAt}) it FAILs with CODE_EXPIRED.`,
    '',
  );
  add(fence('json', id, 'verification', json(ex.verification)));
  return out.join('\n');
}

async function main(): Promise<void> {
  const parts: string[] = [];
  for (const [i, ex] of EXAMPLES.entries()) parts.push(await renderExample(ex, i + 1));
  process.stdout.write(parts.join('\n\n') + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
