/**
 * The one place that knows where the external test data lives: `../shared` beside the checkout
 * (published vectors we may not or need not copy into the repository), or GATECHECK_SHARED.
 * Tests name what they need through requireShared, so missing data fails loudly, naming the file
 * and what it is for, instead of a test passing having checked nothing.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The shared folder: $GATECHECK_SHARED when set, else <repo>/../shared. */
export function sharedRoot(env: Record<string, string | undefined> = process.env): string {
  return env.GATECHECK_SHARED ? resolve(env.GATECHECK_SHARED) : resolve(REPO, '..', 'shared');
}

/** A path inside the shared folder (not checked: see requireShared). */
export function sharedDir(...parts: string[]): string {
  return join(sharedRoot(), ...parts);
}

/**
 * The absolute path of `path` (inside the shared folder unless absolute), which must exist:
 * otherwise an Error naming the missing file or folder and `what` it is for.
 */
export function requireShared(path: string, what: string): string {
  const full = isAbsolute(path) ? path : sharedDir(path);
  if (!existsSync(full))
    throw new Error(`missing test data: ${full} (${what}). External test vectors live in ../shared beside the checkout, or in the folder GATECHECK_SHARED names.`);
  return full;
}
