/**
 * `CNHP1:` presentations (v1.1, docs/formats/cn-health-code.md §14): base45 of the CBOR array
 * [code bytes, slot, device signature]. The code bytes are then read exactly as a bare code's
 * (decode.ts); what the device signed is rebuilt here, so the pipeline checks it like any signature.
 */
import { decodeBase45 } from '../../encoding/base45.ts';
import { bytesEqual } from '../../encoding/bytes.ts';
import { decodeCbor, encodeCbor } from '../../encoding/cbor.ts';
import { sha256Sync } from '../../encoding/sha256-sync.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Presentation } from '../format.ts';
import { PRESENTATION_CONTEXT, PRESENTATION_PREFIX, SLOT_SECONDS } from './constants.ts';

/** Slots of the years 2000..2200, the range every time of the format lies in (normalise.ts). */
const MIN_SLOT = 946684800 / SLOT_SECONDS;
const MAX_SLOT = 7258118400 / SLOT_SECONDS;
const SIGNATURE_BYTES = 64;

const shape = (why: string) => fail('MALFORMED_CBOR', `presentation: ${why}`);

export interface OpenedPresentation {
  /** The bare code's bytes (what its base45 carries: the zlib stream). */
  codeBytes: Uint8Array;
  presentation: Presentation;
}

export function openPresentation(text: string): Result<OpenedPresentation> {
  if (!text.startsWith(PRESENTATION_PREFIX)) return fail('UNSUPPORTED_FORMAT', `no ${PRESENTATION_PREFIX} prefix`);
  const b45 = decodeBase45(text.slice(PRESENTATION_PREFIX.length));
  if (!b45.ok) return b45;
  const item = decodeCbor(b45.value, { strict: true });
  if (!item.ok) return item;
  const v = item.value;
  if (!Array.isArray(v) || v.length !== 3) return shape('not an array of code bytes, slot and signature');
  const [codeBytes, slot, signature] = v as unknown[];
  if (!(codeBytes instanceof Uint8Array)) return shape('code bytes are not a byte string');
  // A bigint is a uint beyond 2^53: far outside any slot, and unsafe for time arithmetic.
  if (typeof slot !== 'number' || !Number.isInteger(slot) || slot < 0) return shape('slot is not an unsigned integer');
  if (slot < MIN_SLOT || slot > MAX_SLOT) return shape('slot is outside the years 2000..2200');
  if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_BYTES) return shape(`signature is not ${SIGNATURE_BYTES} bytes`);
  // One presentation, one byte form (strict decoding already refused non-preferred encodings).
  if (!bytesEqual(encodeCbor(v), b45.value)) return shape('not in deterministic CBOR encoding');
  return ok({
    codeBytes,
    presentation: { shownAt: slot * SLOT_SECONDS, signedBytes: encodeCbor([PRESENTATION_CONTEXT, slot, sha256Sync(codeBytes)]), signature },
  });
}
