/**
 * The CLI as a function: `run(argv, io)` returns the exit code. Exit codes: 0 success/PASS, 1 FAIL
 * or failed check (or an operational failure), 2 usage error. main.ts wires it to the process.
 */
import { UsageError } from './args.ts';
import type { Io } from './io.ts';
import { BUNDLE_USAGE, bundle } from './commands/bundle.ts';
import { DEMO_USAGE, demo } from './commands/demo.ts';
import { ISSUE_USAGE, issue } from './commands/issue.ts';
import { KEYGEN_USAGE, keygen } from './commands/keygen.ts';
import { PRESENT_USAGE, present } from './commands/present.ts';
import { VERIFY_USAGE, verify } from './commands/verify.ts';

export type Command = (argv: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, Command> = { keygen, issue, present, bundle, verify, demo };
const USAGE = ['usage: gatecheck <command>', KEYGEN_USAGE, ISSUE_USAGE, PRESENT_USAGE, BUNDLE_USAGE, VERIFY_USAGE, DEMO_USAGE].join('\n  ');

export async function run(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  const command = cmd !== undefined && Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!command) {
    io.err(USAGE);
    return cmd === '--help' ? 0 : 2;
  }
  try {
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`gatecheck ${cmd}: ${e.message}\n${USAGE}`);
      return 2;
    }
    // Operational failure (unreadable file, bad key file): not a verdict, not a usage error.
    io.err(`gatecheck ${cmd}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
