/** decode() from open(): the envelope with its claims read, or the first failure of either. */
import { ok, type Result } from '../result.ts';
import type { Decoded, Opened } from './format.ts';

export function withClaims<C>(opened: Result<Opened<C>>): Result<Decoded<C>> {
  if (!opened.ok) return opened;
  const claims = opened.value.claims();
  if (!claims.ok) return claims;
  return ok({ ...opened.value.envelope, claims: claims.value });
}
