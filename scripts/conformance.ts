/**
 * `npm run conformance -- --dir DIR [--verbose]`: the EU DCC test suite (dgc-testdata layout) as the
 * judge of our chain, through the one harness (test/conformance/eu-dcc/harness.ts) the unit suite
 * also runs. Value sets are read from DIR/../eu-dcc-valuesets when present. Exit 0 only when every
 * judged flag matches and no erratum has gone stale.
 */
import { relative, resolve } from 'node:path';
import { mismatches, report, runConformance, staleExcuses } from '../test/conformance/eu-dcc/harness.ts';

const args = process.argv.slice(2);
const dirArg = args[args.indexOf('--dir') + 1];
if (!args.includes('--dir') || !dirArg) {
  console.error('usage: npm run conformance -- --dir DIR [--verbose]');
  process.exit(2);
}
const dir = resolve(dirArg);
const result = await runConformance(dir);
console.log(report(result, relative(process.cwd(), dir) || dir, args.includes('--verbose')));
process.exitCode = mismatches(result.rows).length || staleExcuses(result.rows, 'erratum').length || result.unusedErrata.length ? 1 : 0;
