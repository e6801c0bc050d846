/**
 * gatecheck CLI: `npm run gatecheck -- <command>`. Exit codes: 0 success/PASS, 1 FAIL or failed
 * check, 2 usage error.
 */
import { UsageError } from './args.ts';
import { BUNDLE_USAGE, bundle } from './commands/bundle.ts';
import { DEMO_USAGE, demo } from './commands/demo.ts';
import { ISSUE_USAGE, issue } from './commands/issue.ts';
import { KEYGEN_USAGE, keygen } from './commands/keygen.ts';
import { VERIFY_USAGE, verify } from './commands/verify.ts';

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = { keygen, issue, bundle, verify, demo };
const USAGE = ['usage: gatecheck <command>', KEYGEN_USAGE, ISSUE_USAGE, BUNDLE_USAGE, VERIFY_USAGE, DEMO_USAGE].join('\n  ');

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const run = cmd ? COMMANDS[cmd] : undefined;
  if (!run) {
    console.error(USAGE);
    return cmd === '--help' ? 0 : 2;
  }
  try {
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`gatecheck ${cmd}: ${e.message}\n${USAGE}`);
      return 2;
    }
    // Operational failure (unreadable file, bad key file): not a verdict, not a usage error.
    console.error(`gatecheck ${cmd}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
