import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The app pins the trust bundle's root public keys at build time: GATECHECK_ROOTS names a JSON
 * file holding one root JWK or an array of them (default: the demo world's root written by
 * `npm start`). A bundle signed by any other key is refused in the browser.
 */
function pinnedRoots(): unknown[] {
  const file = resolve(process.env.GATECHECK_ROOTS ?? '.demo-world/root.pub.jwk');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`gatecheck: cannot read pinned root keys from ${file} (set GATECHECK_ROOTS or run \`npm start\`)`);
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.map((j: any) => ({ kid: j.kid, alg: j.alg, jwk: { kty: j.kty, crv: j.crv, x: j.x, y: j.y } }));
}

export default defineConfig(({ command }) => ({
  plugins: [preact()],
  define: {
    __GATECHECK_PINNED_ROOTS__: JSON.stringify(command === 'build' ? pinnedRoots() : safeRoots()),
  },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
}));

function safeRoots(): unknown[] {
  try {
    return pinnedRoots();
  } catch {
    return [];
  }
}
