/**
 * A CBOR value as short text for Credential.unknown: JSON cannot write every CBOR value (bigint
 * throws, bytes and maps come out as noise), and an unknown value must never break the reading.
 */
import { toHex } from '../../encoding/bytes.ts';
import { Tagged } from '../../encoding/cbor.ts';

/** Long enough for UnknownValues to cut it short; deeper nesting is elided. */
const MAX_DEPTH = 4;

export function shown(v: unknown, depth = 0): string {
  if (typeof v === 'string') return depth === 0 ? v : JSON.stringify(v);
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (v === undefined) return '(missing)';
  if (depth >= MAX_DEPTH) return '…';
  if (v instanceof Uint8Array) return `h'${toHex(v.subarray(0, 24))}${v.length > 24 ? '…' : ''}'`;
  if (v instanceof Tagged) return `${v.tag}(${shown(v.value, depth + 1)})`;
  if (Array.isArray(v)) return `[${v.slice(0, 8).map((x) => shown(x, depth + 1)).join(', ')}${v.length > 8 ? ', …' : ''}]`;
  if (v instanceof Map) return `{${[...v].slice(0, 8).map(([k, x]) => `${shown(k, depth + 1)}: ${shown(x, depth + 1)}`).join(', ')}${v.size > 8 ? ', …' : ''}}`;
  return typeof v;
}
