/** A bundle indexed once for lookups per scan: keys by (format, kid), issuers by id. */
import type { TrustBundle, TrustIssuer, TrustKey } from './bundle.ts';

export interface Trust {
  bundle: TrustBundle;
  /** Signing keys only: CA entries never verify a code's signature themselves. */
  keysFor(format: string, kid: string): readonly TrustKey[];
  /** CA entries (role 'ca') trusted for a format: issuers of the signer certificates codes carry. */
  casFor(format: string): readonly TrustKey[];
  issuer(id: string): TrustIssuer | undefined;
  /**
   * True when a revocation set holds this revocation hash (revocationHash(issuer, codeId)).
   * `issuedAtMs`: when the code was issued, for entries that revoke only codes issued before a
   * time (docs/revocation.md); without it such an entry counts as revoked.
   */
  isRevoked(hash: Uint8Array, issuedAtMs?: number): boolean;
  /** False when no revocation set is loaded: nothing can be revoked, so a scan need not hash its code id. */
  readonly revokes: boolean;
}

/** What the index needs of an opened revocation set (revocation/read-set.ts). */
export interface RevocationLookup {
  has(hash: Uint8Array, issuedAtMs?: number): boolean;
}

export function indexBundle(bundle: TrustBundle, revocations: readonly RevocationLookup[] = []): Trust {
  const keys = new Map<string, TrustKey[]>();
  const cas = new Map<string, TrustKey[]>();
  for (const k of bundle.keys) {
    if (k.role === 'ca') {
      for (const f of k.formats) cas.set(f, [...(cas.get(f) ?? []), k]);
      continue;
    }
    for (const f of k.formats) {
      const id = `${f}\u0000${k.kid}`;
      const list = keys.get(id);
      if (list) list.push(k);
      else keys.set(id, [k]);
    }
  }
  const issuers = new Map(bundle.issuers.map((i) => [i.id, i]));
  return {
    bundle,
    keysFor: (format, kid) => keys.get(`${format}\u0000${kid}`) ?? [],
    casFor: (format) => cas.get(format) ?? [],
    issuer: (id) => issuers.get(id),
    isRevoked: (hash, issuedAtMs) => revocations.some((r) => r.has(hash, issuedAtMs)),
    revokes: revocations.length > 0,
  };
}
