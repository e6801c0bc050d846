/**
 * SHA-256 computed synchronously (@noble/hashes, already in the app through sm-crypto-v2's SM3).
 * WebCrypto's digest is async, but a plug-in's decode step is synchronous and must name the key id
 * of the certificate a code carries (VDS-NC), and the per-scan revocation lookup should not pay a
 * thread-pool round trip for ~60 bytes.
 */
import { sha256 } from '@noble/hashes/sha2';

export const sha256Sync = (data: Uint8Array): Uint8Array => sha256(data);
