/**
 * `npm start`: generate a fresh demo world, build the app pinned to its root key, serve both.
 * PORT (default 4173) and HOST (default 127.0.0.1) choose where.
 */
import { resolve } from 'node:path';
import { build } from 'vite';
import { writeDemoWorld } from '../src/issuer/demo-world.node.ts';
import { serve } from './serve.ts';

const demoDir = resolve(process.env.GATECHECK_DEMO_DIR ?? '.demo-world');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

const world = await writeDemoWorld(demoDir);
console.log(`demo world: ${world.dir} (${world.codes.length} sample codes; DEMO KEYS ONLY)`);
process.env.GATECHECK_ROOTS = resolve(demoDir, 'root.pub.jwk');
await build({ logLevel: 'warn' });
await serve({ distDir: 'dist', demoDir, port, host });
console.log(`gatecheck is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/  (demo codes: /demo)`);
