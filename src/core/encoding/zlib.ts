/**
 * zlib (RFC 1950) with a hard output bound, so a few hundred bytes of QR code cannot inflate to
 * gigabytes. fflate does the DEFLATE work; the zlib header and Adler-32 trailer are checked here
 * because fflate's one-shot helpers do not verify the checksum. A zlib stream is exactly header,
 * one DEFLATE stream, Adler-32: DEFLATE decoders stop at the final block and ignore what follows,
 * so bytes between its end and the checksum (a second stream, junk) are refused here — otherwise
 * one signed content would have many texts.
 */
import { deflateSync, Inflate, inflateSync, zlibSync } from 'fflate';
import { fail, ok, type Result } from '../result.ts';

/** Far above any real credential (a full QR code carries < 3 KB); far below harm. */
export const DEFAULT_MAX_INFLATED = 64 * 1024;

class LimitExceeded extends Error {}

/** DEFLATE expands at most ~1032:1, so a slice this size inflates to at most ~260 KB per step. */
const INPUT_SLICE = 256;

export function inflateZlib(data: Uint8Array, maxBytes = DEFAULT_MAX_INFLATED): Result<Uint8Array> {
  if (data.length < 6) return fail('MALFORMED_COMPRESSION', 'too short for a zlib stream');
  const cmf = data[0]!;
  const flg = data[1]!;
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7) return fail('MALFORMED_COMPRESSION', 'not a zlib DEFLATE header');
  if ((cmf * 256 + flg) % 31 !== 0) return fail('MALFORMED_COMPRESSION', 'zlib header check bits are wrong');
  if (flg & 0x20) return fail('MALFORMED_COMPRESSION', 'preset dictionary is not allowed');
  const deflate = data.subarray(2, data.length - 4);
  if (deflate.length === 0) return fail('MALFORMED_COMPRESSION', 'DEFLATE stream is truncated');
  const inflated = inflateRaw(deflate, maxBytes);
  if (!inflated.ok) return inflated;
  // The stream must end in its last byte: without that byte it must be truncated. (Were there
  // bytes after its end, it would still inflate, to the same output: a prefix of a stream inflates
  // to at most what the whole does, so this stays within the bound.)
  if (endsEarly(deflate, maxBytes)) return fail('MALFORMED_COMPRESSION', 'bytes after the end of the DEFLATE stream');
  const t = data.length - 4;
  const expected = ((data[t]! << 24) | (data[t + 1]! << 16) | (data[t + 2]! << 8) | data[t + 3]!) >>> 0;
  if (adler32(inflated.value) !== expected) return fail('MALFORMED_COMPRESSION', 'Adler-32 checksum mismatch');
  return inflated;
}

/**
 * Inputs up to this size (every QR code: ≤ 3 KB of payload) inflate in one call into a fixed
 * buffer of maxBytes + 1: fflate writes nothing past a given buffer's end and the work stays bounded
 * by the input (≤ ~1032 × 4 KiB). Only a clean result is taken from it; anything else (an error, a
 * full buffer) is classified by the streaming path. Larger inputs always stream. The streaming path
 * alone cost more than the rest of a code's verification (a 160 KB window buffer per slice).
 */
const ONE_SHOT_MAX_INPUT = 4096;

/** Raw DEFLATE (RFC 1951) with the same bound; used by formats without a zlib wrapper. */
export function inflateRaw(data: Uint8Array, maxBytes = DEFAULT_MAX_INFLATED): Result<Uint8Array> {
  if (data.length <= ONE_SHOT_MAX_INPUT) return inflateOneShot(data, maxBytes);
  return inflateStreaming(data, maxBytes);
}

/** One scratch buffer per bound, reused across calls (results are copied out of it). */
const scratch = new Map<number, Uint8Array>();
const scratchFor = (maxBytes: number): Uint8Array => {
  let buf = scratch.get(maxBytes);
  if (!buf) scratch.set(maxBytes, (buf = new Uint8Array(maxBytes + 1)));
  return buf;
};

/**
 * Whether a DEFLATE stream that inflated within maxBytes already ends before its last byte: its
 * prefix without that byte still inflates. One one-shot pass into the scratch buffer (the prefix
 * inflates to no more than the whole did); every good code takes this path, and it fails there
 * (truncated), so the streaming classifier is never needed: it cost a third of a code's verification.
 */
function endsEarly(deflate: Uint8Array, maxBytes: number): boolean {
  // The expected outcome is fflate's "unexpected EOF" throw; without a stack to capture (V8 reads
  // this limit; other engines ignore it) the throw costs little next to the inflating itself.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    inflateSync(deflate.subarray(0, deflate.length - 1), { out: scratchFor(maxBytes) });
    return true;
  } catch {
    return false;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function inflateOneShot(data: Uint8Array, maxBytes: number): Result<Uint8Array> {
  const buf = scratchFor(maxBytes);
  let out: Uint8Array;
  try {
    out = inflateSync(data, { out: buf });
  } catch {
    // fflate reports bad data only by throwing. Bad data, truncation, or a stored block that
    // overflows the fixed buffer: the streaming path tells these apart (rare inputs, so its cost
    // does not matter here).
    return inflateStreaming(data, maxBytes);
  }
  // Filled the buffer: too large — or damaged data fflate ran past; the streaming path decides which.
  if (out.length > maxBytes) return inflateStreaming(data, maxBytes);
  // fflate returns a view of the buffer it wrote: copy it out of the shared scratch.
  return ok(out.slice());
}

function inflateStreaming(data: Uint8Array, maxBytes: number): Result<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) throw new LimitExceeded();
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    // Fed in small slices: fflate inflates a whole pushed chunk before reporting it, so one push of
    // a bomb would allocate its full output before the bound above could stop it.
    let i = 0;
    do {
      const end = Math.min(i + INPUT_SLICE, data.length);
      inflater.push(data.subarray(i, end), end === data.length);
      i = end;
    } while (i < data.length);
  } catch (e) {
    // fflate reports bad data by throwing, and a throw from its callback is the only way to stop it at the bound.
    if (e instanceof LimitExceeded) return fail('PAYLOAD_TOO_LARGE', `inflates beyond ${maxBytes} bytes`);
    return fail('MALFORMED_COMPRESSION', 'invalid DEFLATE data');
  }
  if (!ended) return fail('MALFORMED_COMPRESSION', 'DEFLATE stream is truncated');
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return ok(out);
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
