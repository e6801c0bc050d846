/** gatecheck CLI: `npm run gatecheck -- <command>`; the commands are in run.ts, this wires the process. */
import { processIo } from './io.ts';
import { run } from './run.ts';

process.exitCode = await run(process.argv.slice(2), processIo());
