import { writeDemoWorld } from '../../issuer/demo-world.node.ts';
import { parseArgs } from '../args.ts';
import type { Io } from '../io.ts';

export const DEMO_USAGE = 'demo --out DIR';

export async function demo(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, ['out']);
  const { dir, codes } = await writeDemoWorld(a.req('out'), new Date(), { home: io.home });
  io.out(JSON.stringify({ dir, codes: codes.map((c) => `${c.name} -> ${c.expect}${c.reason ? ` (${c.reason})` : ''}`) }, null, 2));
  return 0;
}
