/**
 * CBOR with map entries in insertion order. Core's encodeCbor sorts keys deterministically
 * (RFC 8949 §4.2.1), but NZCP passes in the wild — the spec's worked example — list them as
 * written (kid before alg; iss, nbf, exp, vc, cti), and the signature covers those bytes. Integers
 * and lengths are still written in their shortest form (cborg), which the verifier's strict mode needs.
 */
import { encode } from 'cborg';

export const writeOrderedCbor = (value: unknown): Uint8Array => encode(value, { mapSorter: () => 0 });
