/** A bundle indexed once for lookups per scan: keys by (format, kid), issuers by id. */
import type { TrustBundle, TrustIssuer, TrustKey } from './bundle.ts';

export interface Trust {
  bundle: TrustBundle;
  keysFor(format: string, kid: string): readonly TrustKey[];
  issuer(id: string): TrustIssuer | undefined;
}

export function indexBundle(bundle: TrustBundle): Trust {
  const keys = new Map<string, TrustKey[]>();
  for (const k of bundle.keys) {
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
    issuer: (id) => issuers.get(id),
  };
}
