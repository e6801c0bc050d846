/**
 * base64url as VDS-NC seals write it: the URL-safe alphabet, with or without '=' padding (the
 * report's examples and Australia's seals pad; RFC 7515 style does not). Anything else is refused.
 */
import { base64UrlBytes } from '../../encoding/bytes.ts';

export function decodeBase64Url(s: string): Uint8Array | undefined {
  const m = /^([A-Za-z0-9_-]*)(=*)$/.exec(s);
  if (!m) return undefined;
  const body = m[1]!;
  const pad = m[2]!.length;
  if (pad > 2 || (pad > 0 && (body.length + pad) % 4 !== 0)) return undefined;
  return base64UrlBytes(body);
}
