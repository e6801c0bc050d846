/**
 * Section 6: a signed bundle of 5,000 keys — verifyBundle (JSON, root signature, structural check)
 * plus indexBundle, against the floor: JSON.parse of the file and of its payload plus one raw
 * WebCrypto verify of its signature.
 */
import { fromBase64Url, fromUtf8, utf8 } from '../../src/core/encoding/bytes.ts';
import { importPublic } from '../../src/core/crypto/webcrypto.ts';
import { indexBundle } from '../../src/core/trust/trust-index.ts';
import { verifyBundle } from '../../src/core/trust/verify-bundle.ts';
import { generateEs256 } from '../../src/core/crypto/webcrypto.ts';
import { publicPart, shortKid } from '../../src/core/crypto/jwk.ts';
import { generateKeyPair, pinnedRootFrom } from '../../src/issuer/keys.ts';
import { PROVINCES } from '../../src/issuer/regions.ts';
import { buildBundle, signBundle } from '../../src/issuer/sign-bundle.ts';
import { fmt, interleave } from './timing.ts';
import type { Row } from './verify.ts';

export async function benchBundle(quick: boolean): Promise<Row[]> {
  const N = 5000;
  const root = await generateKeyPair('ES256', 'root');
  const now = new Date();
  const keys = [];
  for (let i = 0; i < N; i++) {
    const k = await generateEs256();
    keys.push({ issuer: '440000', jwk: { ...publicPart(k), kid: await shortKid(k), alg: 'ES256' as const }, validFrom: now, validUntil: new Date(now.getTime() + 86400_000 * 365) });
  }
  const bundle = buildBundle({ version: 1, issuedAt: now, expiresAt: new Date(now.getTime() + 86400_000 * 30), issuers: [{ id: '440000', kind: 'province', names: PROVINCES['440000']! }], keys });
  const file = JSON.stringify(await signBundle(bundle, root.privateJwk));
  const roots = [pinnedRootFrom(root.publicJwk)];
  const rootKey = await importPublic('ES256', root.publicJwk);
  const rates = await interleave(
    [
      {
        name: 'ours',
        async batch() {
          const r = await verifyBundle(file, roots);
          if (!r.ok) throw new Error('bench bundle rejected');
          indexBundle(r.value);
          return 1;
        },
      },
      {
        name: 'floor',
        async batch() {
          const f = JSON.parse(file);
          const s = f.signatures[0];
          await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, rootKey, fromBase64Url(s.signature) as Uint8Array<ArrayBuffer>, utf8(`${s.protected}.${f.payload}`) as Uint8Array<ArrayBuffer>);
          JSON.parse(fromUtf8(fromBase64Url(f.payload)));
          return 1;
        },
      },
    ],
    quick ? 5 : 15,
  );
  const ms = (k: string) => 1000 / rates.get(k)!;
  return [
    {
      section: '6 bundle',
      what: `${N.toLocaleString('en-US')} keys, ${(file.length / 2 ** 20).toFixed(2)} MiB: verifyBundle + indexBundle vs JSON.parse ×2 + one WebCrypto verify`,
      value: `${fmt(ms('ours'), 1)} ms vs ${fmt(ms('floor'), 1)} ms`,
      ratio: `${(ms('floor') / ms('ours')).toFixed(2)}×`,
    },
  ];
}
