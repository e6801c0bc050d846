/** The only thing a revocation set ever holds about a code: a domain-separated hash of its ids (docs/revocation.md). */
import { sha256, utf8 } from '../../encoding/bytes.ts';
import { sha256Sync } from '../../encoding/sha256-sync.ts';

const DOMAIN = 'gatecheck-revocation-v1';

/**
 * SHA-256 over UTF-8 of `gatecheck-revocation-v1\u0000${issuerId}\u0000${codeId}` — 32 bytes.
 * The NUL separators keep ("ab","c") and ("a","bc") apart; the domain tag keeps these hashes from
 * meaning anything in another protocol. No raw ids ever enter a bundle, only these hashes (truncated).
 */
export async function revocationHash(issuerId: string, codeId: string): Promise<Uint8Array> {
  return sha256(utf8(revocationHashInput(issuerId, codeId)));
}

/**
 * The same hash, computed synchronously: the pipeline checks every scanned code, and a WebCrypto
 * digest of ~60 bytes costs a thread-pool round trip (in Node) that is dearer than the hash itself.
 */
export const revocationHashSync = (issuerId: string, codeId: string): Uint8Array => sha256Sync(utf8(revocationHashInput(issuerId, codeId)));

/** The exact text revocationHash hashes, for bulk tools that hash with a faster synchronous SHA-256. */
export const revocationHashInput = (issuerId: string, codeId: string): string => `${DOMAIN}\u0000${issuerId}\u0000${codeId}`;
