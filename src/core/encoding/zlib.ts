/**
 * zlib (RFC 1950) with a hard output bound, so a few hundred bytes of QR code cannot inflate to
 * gigabytes. inflate.ts does the DEFLATE work (bounded, one pass that reports where the stream
 * ended); the zlib header and Adler-32 trailer are checked here. A zlib stream is exactly header,
 * one DEFLATE stream, Adler-32: DEFLATE decoders stop at the final block and ignore what follows,
 * so bytes between its end and the checksum (a second stream, junk) are refused here — otherwise
 * one signed content would have many texts. fflate compresses (the issuer side).
 */
import { deflateSync, zlibSync } from 'fflate';
import { fail, ok, type Result } from '../result.ts';
import { inflate, type Inflated } from './inflate.ts';

/** Far above any real credential (a full QR code carries < 3 KB); far below harm. */
export const DEFAULT_MAX_INFLATED = 64 * 1024;

export function inflateZlib(data: Uint8Array, maxBytes = DEFAULT_MAX_INFLATED): Result<Uint8Array> {
  if (data.length < 6) return fail('MALFORMED_COMPRESSION', 'too short for a zlib stream');
  const cmf = data[0]!;
  const flg = data[1]!;
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7) return fail('MALFORMED_COMPRESSION', 'not a zlib DEFLATE header');
  if ((cmf * 256 + flg) % 31 !== 0) return fail('MALFORMED_COMPRESSION', 'zlib header check bits are wrong');
  if (flg & 0x20) return fail('MALFORMED_COMPRESSION', 'preset dictionary is not allowed');
  const deflate = data.subarray(2, data.length - 4);
  const inflated = inflate(deflate, maxBytes);
  if (!inflated.ok) return failure(inflated, maxBytes);
  // The stream must end in its last byte (the unused bits of that byte are padding).
  if (inflated.end !== deflate.length) return fail('MALFORMED_COMPRESSION', 'bytes after the end of the DEFLATE stream');
  const t = data.length - 4;
  const expected = ((data[t]! << 24) | (data[t + 1]! << 16) | (data[t + 2]! << 8) | data[t + 3]!) >>> 0;
  if (adler32(inflated.bytes) !== expected) return fail('MALFORMED_COMPRESSION', 'Adler-32 checksum mismatch');
  return ok(inflated.bytes);
}

/** Raw DEFLATE (RFC 1951) with the same bound; used by formats without a zlib wrapper. Bytes after the stream's end are not read. */
export function inflateRaw(data: Uint8Array, maxBytes = DEFAULT_MAX_INFLATED): Result<Uint8Array> {
  const inflated = inflate(data, maxBytes);
  return inflated.ok ? ok(inflated.bytes) : failure(inflated, maxBytes);
}

function failure(inflated: Inflated & { ok: false }, maxBytes: number): Result<never> {
  if (inflated.error === 'too-large') return fail('PAYLOAD_TOO_LARGE', `inflates beyond ${maxBytes} bytes`);
  if (inflated.error === 'truncated') return fail('MALFORMED_COMPRESSION', 'DEFLATE stream is truncated');
  return fail('MALFORMED_COMPRESSION', 'invalid DEFLATE data');
}

export function deflateZlib(data: Uint8Array): Uint8Array {
  return zlibSync(data, { level: 9 });
}

/** Raw DEFLATE (no zlib wrapper), for formats that carry it so (SMART Health Cards, `zip: DEF`). */
export function deflateRawBytes(data: Uint8Array): Uint8Array {
  return deflateSync(data, { level: 9 });
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    const end = Math.min(i + 3800, data.length); // keep sums below 2^31 before the modulo
    for (; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
