/**
 * `npx tsx scripts/make-self-test.ts`: writes src/app/lazy/self-test-data.ts, the code the app
 * verifies once at start-up to warm its verifier (src/app/lazy/warm-up.ts), and that code's QR
 * matrix, src/app/scan/warm-code.ts, which the decode worker reads to warm its reader
 * (src/app/scan/reader-warm-up.ts). A throwaway key signs
 * it; the key's public half is in a one-key bundle of its own, so the self-test needs no demo
 * world and no real trust list, and nothing it says can pass at a gate (no bundle a gate loads
 * holds that key). Run again only when the CN format's encoding changes.
 */
import { writeFileSync } from 'node:fs';
import { encodeCnCode } from '../src/issuer/formats/cn-hc/encode.ts';
import { qrMatrix } from '../src/issuer/qr-render.node.ts';
import { generateKeyPair } from '../src/issuer/keys.ts';
import { PROVINCES } from '../src/issuer/regions.ts';
import { buildBundle } from '../src/issuer/sign-bundle.ts';

const AT = new Date('2026-01-01T12:00:00Z');
const HOUR = 3600_000;
const key = await generateKeyPair('ES256');
const code = await encodeCnCode(
  {
    issuer: '440000',
    codeId: new Uint8Array(16).fill(7),
    issuedAt: new Date(AT.getTime() - HOUR),
    expiresAt: new Date(AT.getTime() + HOUR),
    status: 'green',
    holder: { name: '自检', birthDate: '2000-01-01' },
    tests: [{ type: 'NAT', result: 'negative', sampledAt: new Date(AT.getTime() - 2 * HOUR) }],
  },
  key,
);
const bundle = buildBundle({
  version: 1,
  issuedAt: new Date(AT.getTime() - HOUR),
  expiresAt: new Date(AT.getTime() + 24 * HOUR),
  issuers: [{ id: '440000', kind: 'province', names: PROVINCES['440000']! }],
  keys: [{ issuer: '440000', jwk: key.publicJwk, validFrom: new Date(AT.getTime() - 24 * HOUR), validUntil: new Date(AT.getTime() + 24 * HOUR) }],
});
writeFileSync(
  'src/app/lazy/self-test-data.ts',
  `/** Written by scripts/make-self-test.ts: a CN code signed by a throwaway key, and a bundle holding only that key. */
import type { TrustBundle } from '../../core/trust/bundle.ts';

export const SELF_TEST_AT = '${AT.toISOString()}';
export const SELF_TEST_CODE = ${JSON.stringify(code.text)};
export const SELF_TEST_BUNDLE: TrustBundle = ${JSON.stringify(bundle)};
`,
);
// One row per line, hex, most significant bit the leftmost module (padded to whole hex digits).
const qr = qrMatrix(code.text);
const rows = Array.from({ length: qr.size }, (_, y) => {
  let bits = 0n;
  for (let x = 0; x < qr.size; x++) bits = (bits << 1n) | (qr.dark(x, y) ? 1n : 0n);
  return bits.toString(16).padStart(Math.ceil(qr.size / 4), '0');
});
writeFileSync(
  'src/app/scan/warm-code.ts',
  `/** Written by scripts/make-self-test.ts: the QR matrix of SELF_TEST_CODE (src/app/lazy/self-test-data.ts), ${qr.size}×${qr.size}, a row per line in hex, the leftmost module the most significant bit. */
export const WARM_CODE_ROWS: readonly string[] = [
${rows.map((r) => `  '${r}',`).join('\n')}
];
`,
);
console.log(`self-test code: ${code.text.length} characters`);
