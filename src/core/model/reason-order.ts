/**
 * Merges the reason codes formats declare into core's ranking. A format code ranks right after the
 * code it names (`after`); several codes after the same one keep their declaration order, and a
 * code may follow another format code, so a format can declare a run of codes. Pure: no imports.
 */

export interface Placed<C extends string> {
  order: C[];
  /** Codes that could not be placed (unknown `after`, a loop) or are declared twice; appended last. */
  problems: string[];
}

export function placeReasons<C extends string>(core: readonly C[], extra: readonly { code: C; after: string }[]): Placed<C> {
  const problems: string[] = [];
  const known = new Set<string>(core);
  const children = new Map<string, C[]>();
  for (const r of extra) {
    if (known.has(r.code)) {
      problems.push(`${r.code} is declared twice`);
      continue;
    }
    known.add(r.code);
    children.set(r.after, [...(children.get(r.after) ?? []), r.code]);
  }
  const order: C[] = [];
  const placed = new Set<string>();
  const emit = (code: C): void => {
    order.push(code);
    placed.add(code);
    for (const child of children.get(code) ?? []) emit(child);
  };
  for (const code of core) emit(code);
  for (const r of extra)
    if (!placed.has(r.code)) {
      problems.push(`${r.code} ranks after ${r.after}, which is not a reason code`);
      order.push(r.code);
      placed.add(r.code);
    }
  return { order, problems };
}
