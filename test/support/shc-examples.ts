/**
 * The SMART Health Cards specification's published examples (../shared/vectors/shc/examples) and a
 * trust bundle built from their issuer JWKS through the same code `bundle import-jwks` runs.
 */
import { readFileSync } from 'node:fs';
import { requireShared } from './shared.ts';
import { revocationHash } from '../../src/core/trust/revocation/revocation-hash.ts';
import { toHex } from '../../src/core/encoding/bytes.ts';
import { indexBundle, type RevocationLookup, type Trust } from '../../src/core/trust/trust-index.ts';
import { openRevocationLists } from '../../src/core/trust/revocation/open-lists.ts';
import { hashRevocationIds, revocationListRef, revokeInto } from '../../src/issuer/revoke.ts';
import type { TrustBundle, TrustIssuer, TrustKey } from '../../src/core/trust/bundle.ts';
import { buildBundle } from '../../src/issuer/sign-bundle.ts';
import { mergeJwksKeys, readJwks } from '../../src/issuer/import-jwks.ts';

export const SHC_DIR = requireShared('vectors/shc/examples', "the SMART Health Cards specification's published examples") + '/';
export const EXAMPLE_ISS = 'https://spec.smarthealth.cards/examples/issuer';
export const EXAMPLES = ['00', '01', '02', '03'] as const;

export const exampleFile = (name: string): string => readFileSync(SHC_DIR + name, 'utf8');
export const exampleJson = (name: string): any => JSON.parse(exampleFile(name));
/** The numeric QR texts of an example, in part order (example-02 has three). */
export function exampleQrTexts(n: string): string[] {
  const out: string[] = [];
  for (let i = 0; ; i++) {
    try {
      out.push(exampleFile(`example-${n}-f-qr-code-numeric-value-${i}.txt`).trim());
    } catch {
      return out;
    }
  }
}

/** Well after every example's nbf (June 2023), before example-03's exp (June 2024). */
export const EXAMPLE_NOW = new Date('2023-09-01T00:00:00Z');

export interface ExampleTrustOptions {
  /** Issuer id the keys are imported under (another one provokes ISSUER_MISMATCH). */
  issuer?: string;
  /** rids listed in the bundle's revocation set (hashed with the issuer, as `bundle revoke` does). */
  revokedRids?: string[];
  /**
   * CRL `rids` entries as an issuer publishes them (`rid` or `rid.TIMESTAMP`), put into a revocation
   * list the way `bundle revoke` does and opened the way a gate does (open-lists.ts).
   */
  crlEntries?: string[];
  extraIssuers?: TrustIssuer[];
  extraKeys?: TrustKey[];
}

export async function exampleTrust(opts: ExampleTrustOptions = {}): Promise<Trust> {
  const issuer = opts.issuer ?? EXAMPLE_ISS;
  const draft: TrustBundle = buildBundle({
    version: 1,
    issuedAt: new Date(EXAMPLE_NOW.getTime() - 3_600_000),
    expiresAt: new Date(EXAMPLE_NOW.getTime() + 30 * 86_400_000),
    issuers: [],
    keys: [],
  });
  const jwks = await readJwks(exampleFile('issuer/.well-known/jwks.json'));
  mergeJwksKeys(draft, jwks.keys, {
    issuer,
    formats: ['shc'],
    kinds: ['vaccination', 'test', 'recovery'],
    validFrom: new Date('2020-01-01T00:00:00Z'),
    validUntil: new Date('2030-01-01T00:00:00Z'),
  });
  draft.issuers.push(...(opts.extraIssuers ?? []));
  draft.keys.push(...(opts.extraKeys ?? []));
  const revoked = new Set(await Promise.all((opts.revokedRids ?? []).map(async (rid) => toHex(await revocationHash(issuer, rid)))));
  const lookups: RevocationLookup[] = [{ has: (h) => revoked.has(toHex(h)) }];
  if (opts.crlEntries) {
    const hashed = await hashRevocationIds(issuer, 'shc', opts.crlEntries);
    const r = revokeInto(undefined, hashed.keys.values(), { timed: hashed.timed });
    draft.revocations.lists.push(await revocationListRef('crl', r.bytes, r.set.count, 'inline', r.timedTable));
    const sets = await openRevocationLists(draft, {});
    if (!sets.ok) throw new Error(sets.reason.detail);
    lookups.push(...sets.value);
  }
  return indexBundle(draft, lookups);
}
