/**
 * The issuing half of a format: what it brings to bundle edits, imports, revocation and the demo
 * world. The verifying half (detect, decode, normalise, reasons) is the core plug-in in
 * src/core/formats/<id>/; this half signs, so it lives here and the app never loads it.
 */
import type { DemoContributor } from '../demo-world.node.ts';

/**
 * Where a key comes from when the operator names no format for it: `jwk` a bare public JWK given
 * to buildBundle, `dsc` a document signer certificate (buildBundle, `bundle import-dcc`), `csca` a
 * country signing CA (`bundle import-csca`), `jwks` an issuer's published JWKS (`bundle import-jwks`),
 * `did` a DID document's assertion key without a certificate (`bundle import-did`).
 */
export type KeySource = 'jwk' | 'dsc' | 'csca' | 'jwks' | 'did';
export const KEY_SOURCES: readonly KeySource[] = ['jwk', 'dsc', 'csca', 'jwks', 'did'];

export interface IssuerFormat {
  /** The format id: its core folder's FORMAT_ID. */
  id: string;
  /** Key sources whose keys are for this format unless the operator says otherwise (one format per source). */
  defaultFor?: readonly KeySource[];
  /** Its demo issuers, keys and sample codes. */
  demo?: DemoContributor;
  /**
   * Groups a canonical revocation id for `bundle revoke`'s report, so an operator sees ids that
   * name another issuer than the one revoking (EU DCC: the country block of a UVCI).
   */
  revocationGroup?: (id: string) => string | undefined;
}
