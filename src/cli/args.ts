/** A small argv parser: `--flag value` (repeatable), `--switch`, positionals. Unknown flags are usage errors. */

export class UsageError extends Error {}

export interface Args {
  positional: string[];
  one(name: string): string | undefined;
  req(name: string): string;
  all(name: string): string[];
  has(name: string): boolean;
}

export function parseArgs(argv: string[], valued: string[], switches: string[] = []): Args {
  const values = new Map<string, string[]>();
  const on = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (switches.includes(name)) on.add(name);
      else if (valued.includes(name)) {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new UsageError(`--${name} needs a value`);
        values.set(name, [...(values.get(name) ?? []), v]);
      } else throw new UsageError(`unknown option --${name}`);
    } else positional.push(a);
  }
  return {
    positional,
    one: (n) => values.get(n)?.at(-1),
    req: (n) => {
      const v = values.get(n)?.at(-1);
      if (v === undefined) throw new UsageError(`--${n} is required`);
      return v;
    },
    all: (n) => values.get(n) ?? [],
    has: (n) => on.has(n),
  };
}

export function parseTime(s: string, what: string): Date {
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new UsageError(`${what} is not an ISO time: ${s}`);
  return new Date(t);
}

export function parseNumber(s: string, what: string): number {
  const n = Number(s);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${what} must be a positive number`);
  return n;
}
