/**
 * Changes to a bundle's own settings (root rollover, freshness) that `bundle new`, `bundle set` and
 * `bundle sign` apply: checked here, so a bad kid or a re-announced retired root is refused before
 * anything is signed.
 */
import { jwkThumbprint } from '../core/crypto/jwk.ts';
import { toBase64Url } from '../core/encoding/bytes.ts';
import type { Freshness, PinnedRoot, RootRollover } from '../core/trust/bundle.ts';

/** Root rollover changes: announce next roots, retire kids (a retired kid leaves `next`). */
export async function updateRoots(current: RootRollover | undefined, change: { next?: readonly PinnedRoot[]; retire?: readonly string[]; dropNext?: readonly string[] }): Promise<RootRollover | undefined> {
  const next = new Map((current?.next ?? []).map((r) => [r.kid, r] as const));
  const retired = new Set(current?.retired ?? []);
  for (const r of change.next ?? []) {
    const tp = toBase64Url(await jwkThumbprint(r.jwk));
    if (tp !== r.kid) throw new Error(`next root ${r.kid} is not named by its RFC 7638 thumbprint (${tp}); use a key written by keygen --root`);
    if (retired.has(r.kid)) throw new Error(`root ${r.kid} is retired and cannot be announced again`);
    next.set(r.kid, { kid: r.kid, alg: r.alg, jwk: r.jwk });
  }
  for (const kid of change.dropNext ?? []) next.delete(kid);
  for (const kid of change.retire ?? []) {
    if (!/^[A-Za-z0-9_-]{43}$/.test(kid)) throw new Error(`retired root ${kid} is not a root kid (a full RFC 7638 thumbprint, 43 base64url characters)`);
    next.delete(kid);
    retired.add(kid);
  }
  if (next.size === 0 && retired.size === 0) return undefined;
  return { next: [...next.values()], retired: [...retired] };
}

/** Freshness with the given fields replaced (the result is checked by validateBundle when signed). */
export function updateFreshness(current: Freshness, change: Partial<Freshness>): Freshness {
  const out = { ...current };
  for (const [k, v] of Object.entries(change) as [keyof Freshness, Freshness[keyof Freshness] | undefined][]) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
