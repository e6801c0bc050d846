/**
 * EC domain parameters written out in full (ECParameters `specifiedCurve`, X9.62 / SEC 1 §C.2)
 * instead of by name. RFC 5480 forbids them in PKIX, but some country signing CAs use them (Japan's
 * CSCA is P-384 written this way, as Doc 9303-12 allowed for a while). A gate can only use the NIST
 * curves WebCrypto implements, so explicit parameters are read as one of those only when every
 * parameter equals that curve's exactly: the prime field, a, b, the base point, the order and (if
 * written) the cofactor 1. Anything else is a curve we cannot use, and the reason names which
 * parameter differs. The optional seed is provenance (how the curve was generated), not a
 * parameter of the group, so it is not compared.
 *
 * Constants: FIPS 186-4 §D.1.2.3-5 (= SEC 2 secp256r1, secp384r1, secp521r1).
 */
import type { SpecifiedECDomain } from '@peculiar/asn1-ecc';
import { fromHex } from '../encoding/bytes.ts';
import { fail, ok, type Result } from '../result.ts';

export type NistCurve = 'P-256' | 'P-384' | 'P-521';

interface Domain {
  p: string;
  a: string;
  b: string;
  gx: string;
  gy: string;
  n: string;
}

const DOMAINS: Record<NistCurve, Domain> = {
  'P-256': {
    p: 'ffffffff00000001000000000000000000000000ffffffffffffffffffffffff',
    a: 'ffffffff00000001000000000000000000000000fffffffffffffffffffffffc',
    b: '5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b',
    gx: '6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296',
    gy: '4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5',
    n: 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
  },
  'P-384': {
    p: 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff',
    a: 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffc',
    b: 'b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef',
    gx: 'aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7',
    gy: '3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f',
    n: 'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
  },
  'P-521': {
    p: '01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    a: '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc',
    b: '0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00',
    gx: '00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66',
    gy: '011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650',
    n: '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
  },
};

/** Field size in bytes (the length of x and y in an uncompressed point). */
const SIZE: Record<NistCurve, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

const OID_PRIME_FIELD = '1.2.840.10045.1.1';

type Bytesish = ArrayBuffer | ArrayBufferView | { buffer: ArrayBuffer };
function bytes(v: Bytesish): Uint8Array {
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return new Uint8Array(v.buffer); // asn1-schema's OctetString (ECPoint)
}

/** An unsigned big-endian value without leading zero bytes, as hex: integers compare by value. */
function magnitude(b: Uint8Array): string {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  let s = '';
  for (const x of b.subarray(i)) s += x.toString(16).padStart(2, '0');
  return s;
}
const hexValue = (h: string) => magnitude(fromHex(h));

/** The content of a DER INTEGER that is the whole of `b` (the prime-field parameter), or undefined. */
function derInteger(b: Uint8Array): Uint8Array | undefined {
  if (b.length < 3 || b[0] !== 0x02) return undefined;
  let len = b[1]!;
  let at = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 2 || b.length < 2 + n) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
    at = 2 + n;
  }
  if (at + len !== b.length || len === 0) return undefined;
  // A negative prime is no prime.
  if (b[at]! & 0x80) return undefined;
  return b.subarray(at);
}

/** A NIST curve, or CERT_UNSUPPORTED_KEY with the first parameter that matches none as its detail. */
export type ExplicitCurveResult = Result<NistCurve, 'CERT_UNSUPPORTED_KEY'>;

/**
 * Which NIST curve explicit parameters are, compared field by field with each curve; or the
 * problem, naming the first parameter that matches no curve (against the curve of that prime).
 */
export function curveOfExplicit(d: SpecifiedECDomain): ExplicitCurveResult {
  const bad = (problem: string): ExplicitCurveResult => fail('CERT_UNSUPPORTED_KEY', `explicit EC parameters: ${problem}`);
  if (d.version !== 1) return bad(`version ${String(d.version)}, not 1`);
  if (d.fieldID.fieldType !== OID_PRIME_FIELD) return bad(`field type ${d.fieldID.fieldType} is not a prime field`);
  const prime = derInteger(bytes(d.fieldID.parameters));
  if (!prime) return bad('the prime is not a DER INTEGER');
  const p = magnitude(prime);
  const crv = (Object.keys(DOMAINS) as NistCurve[]).find((c) => hexValue(DOMAINS[c].p) === p);
  if (!crv) return bad(`the prime (${Math.ceil(p.length / 2)} bytes) is not that of P-256, P-384 or P-521`);
  const dom = DOMAINS[crv];
  const differs = (what: string) => bad(`the prime of ${crv} but ${what} differs from ${crv}'s`);
  if (magnitude(bytes(d.curve.a)) !== hexValue(dom.a)) return differs('coefficient a');
  if (magnitude(bytes(d.curve.b)) !== hexValue(dom.b)) return differs('coefficient b');
  // Base point: uncompressed 04||x||y, or compressed 02/03||x with y's parity (X9.62 §4.3.6).
  const g = bytes(d.base as unknown as Bytesish);
  const size = SIZE[crv];
  const gx = fromHex(dom.gx.slice(-2 * size));
  const gy = fromHex(dom.gy.slice(-2 * size));
  const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (g[0] === 0x04) {
    if (g.length !== 1 + 2 * size || !same(g.subarray(1, 1 + size), gx) || !same(g.subarray(1 + size), gy)) return differs('the base point');
  } else if (g[0] === 0x02 || g[0] === 0x03) {
    if (g.length !== 1 + size || !same(g.subarray(1), gx) || (g[0] & 1) !== (gy[size - 1]! & 1)) return differs('the base point');
  } else return bad(`base point encoding 0x${(g[0] ?? 0).toString(16).padStart(2, '0')} (neither compressed nor uncompressed)`);
  if (magnitude(bytes(d.order)) !== hexValue(dom.n)) return differs('the order');
  if (d.cofactor !== undefined) {
    const h = typeof d.cofactor === 'number' ? d.cofactor : Number.parseInt(magnitude(bytes(d.cofactor as Bytesish)) || '0', 16);
    if (h !== 1) return differs(`the cofactor (${String(h).slice(0, 12)})`);
  }
  return ok(crv);
}
