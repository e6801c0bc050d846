/**
 * Assembles codes split over several QR codes (formats with ChunkSupport, e.g. SMART Health Card
 * `shc:/i/n/…`). Parts stay in memory only — never storage — bounded in number and size, and are
 * forgotten a few minutes after the last part of their group was read. A whole code passes through.
 */
import type { FormatPlugin } from '../formats/format.ts';
import type { Reason } from '../model/reasons.ts';

export type Assembled =
  /** A whole code: either the text as read, or the parts joined. */
  | { kind: 'whole'; text: string }
  /** Some parts of a code: which (1-based) are held, of how many. Never a verdict. */
  | { kind: 'partial'; format: string; have: number[]; total: number };

interface Group {
  plugin: FormatPlugin<any>;
  total: number;
  bodies: Map<number, string>;
  touched: number;
}

export interface AssemblerOptions {
  /** A group is forgotten this long after its last part was read. */
  ttlMs?: number;
  /** Groups held at once; the stalest goes first. */
  maxGroups?: number;
}

export const PART_TTL_MS = 3 * 60_000;
const MAX_GROUPS = 4;
/** As limits.ts's MAX_INPUT_CHARS: a longer "part" is passed on whole, for verifyCode to refuse. */
const MAX_PART_CHARS = 8192;

export class ChunkAssembler {
  private readonly groups = new Map<string, Group>();
  private readonly ttl: number;
  private readonly maxGroups: number;

  /** `formats`: the registry's FORMATS (passed in, so formats may use this module's helpers without a cycle). */
  constructor(
    private readonly formats: readonly FormatPlugin<any>[],
    opts: AssemblerOptions = {},
  ) {
    this.ttl = opts.ttlMs ?? PART_TTL_MS;
    this.maxGroups = opts.maxGroups ?? MAX_GROUPS;
  }

  /** Takes one read text; `now` in ms. */
  add(text: string, now: number): Assembled {
    this.expire(now);
    const plugin = text.length > MAX_PART_CHARS ? undefined : this.formats.find((f) => f.chunks && f.detect(text));
    const part = plugin?.chunks?.part(text);
    if (!plugin || !part) return { kind: 'whole', text };
    if (part.total === 1) return { kind: 'whole', text: plugin.chunks!.join([part.body]) };
    const key = `${plugin.id}\u0000${part.group}\u0000${part.total}`;
    let g = this.groups.get(key);
    // The same part with other content: another card is being shown; start over with it.
    if (g && g.bodies.has(part.index) && g.bodies.get(part.index) !== part.body) {
      this.groups.delete(key);
      g = undefined;
    }
    if (!g) {
      g = { plugin, total: part.total, bodies: new Map(), touched: now };
      this.groups.set(key, g);
      this.evict();
    }
    g.bodies.set(part.index, part.body);
    g.touched = now;
    if (g.bodies.size < g.total) return { kind: 'partial', format: plugin.id, have: [...g.bodies.keys()].sort((a, b) => a - b), total: g.total };
    this.groups.delete(key);
    const bodies = Array.from({ length: g.total }, (_, i) => g.bodies.get(i + 1)!);
    // Joined parts longer than any code are not one: verifyCode refuses them (INPUT_TOO_LARGE).
    return { kind: 'whole', text: g.plugin.chunks!.join(bodies) };
  }

  /** Groups still waiting for parts. */
  get pending(): number {
    return this.groups.size;
  }

  clear(): void {
    this.groups.clear();
  }

  private expire(now: number): void {
    for (const [k, g] of this.groups) if (now - g.touched > this.ttl) this.groups.delete(k);
  }

  private evict(): void {
    while (this.groups.size > this.maxGroups) {
      let stalest: string | undefined;
      let at = Infinity;
      for (const [k, g] of this.groups) if (g.touched < at) [stalest, at] = [k, g.touched];
      this.groups.delete(stalest!);
    }
  }
}

/** "parts 2, 3 of 3 missing": numbers only, no content. */
export function missingDetail(have: readonly number[], total: number): string {
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !have.includes(i));
  return `part${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${total} missing`;
}

export const incompleteReason = (have: readonly number[], total: number): Reason => ({ code: 'CODE_INCOMPLETE', detail: missingDetail(have, total) });

/**
 * Several texts given at once (CLI lines): the one code they make, or what is missing. More than
 * one whole code, or parts of several, is 'mixed'.
 */
export function assembleTexts(formats: readonly FormatPlugin<any>[], texts: readonly string[]): Assembled | { kind: 'mixed'; wholes: number; incomplete: number } {
  const a = new ChunkAssembler(formats, { ttlMs: Infinity, maxGroups: Infinity });
  const wholes: string[] = [];
  let partial: Assembled | undefined;
  for (const t of texts) {
    const r = a.add(t, 0);
    if (r.kind === 'whole') wholes.push(r.text);
    else partial = r;
  }
  const pending = a.pending;
  if (wholes.length === 1 && pending === 0) return { kind: 'whole', text: wholes[0]! };
  if (wholes.length === 0 && pending === 1 && partial) return partial;
  return { kind: 'mixed', wholes: wholes.length, incomplete: pending };
}
