import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AlgName } from '../../core/crypto/algorithms.ts';
import { generateKeyPair } from '../../issuer/keys.ts';
import { parseArgs, UsageError } from '../args.ts';
import type { Io } from '../io.ts';

export const KEYGEN_USAGE = 'keygen --alg ES256|SM2 --out DIR [--root]';

export async function keygen(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, ['alg', 'out'], ['root']);
  const algArg = a.req('alg').toUpperCase();
  const alg: AlgName | undefined = algArg === 'ES256' ? 'ES256' : algArg === 'SM2' || algArg === 'SM2-SM3' ? 'SM2-SM3' : undefined;
  if (!alg) throw new UsageError('--alg must be ES256 or SM2');
  if (a.has('root') && alg !== 'ES256') throw new UsageError('root keys are ES256');
  const dir = a.req('out');
  const pair = await generateKeyPair(alg, a.has('root') ? 'root' : 'signer');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'private.jwk'), JSON.stringify(pair.privateJwk, null, 2) + '\n', { mode: 0o600 });
  await writeFile(join(dir, 'public.jwk'), JSON.stringify(pair.publicJwk, null, 2) + '\n');
  io.out(JSON.stringify({ alg, kid: pair.kid, private: join(dir, 'private.jwk'), public: join(dir, 'public.jwk') }));
  return 0;
}
