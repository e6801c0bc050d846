/**
 * The holder's side of a device-bound CN health code (v1.1): a live presentation of the stored
 * code, signed by the device key the code names. Runs in Node (CLI `present`) and the browser (the
 * demo holder page), with WebCrypto only: in a browser the device key is a non-extractable CryptoKey.
 */
import { decodeBase45, encodeBase45 } from '../core/encoding/base45.ts';
import { sha256 } from '../core/encoding/bytes.ts';
import { encodeCbor } from '../core/encoding/cbor.ts';
import { PREFIX, PRESENTATION_CONTEXT, PRESENTATION_PREFIX, SLOT_SECONDS } from '../core/formats/cn-hc/constants.ts';
import { fail, ok, type Result } from '../core/result.ts';

/** The slot a presentation made at `at` carries. */
export const slotOf = (at: Date): number => Math.floor(at.getTime() / 1000 / SLOT_SECONDS);

/** The bytes the device signs for `slot` over `codeBytes`: CBOR [ "CNHP1", slot, SHA-256(code bytes) ]. */
export async function presentationToBeSigned(codeBytes: Uint8Array, slot: number): Promise<Uint8Array> {
  return encodeCbor([PRESENTATION_CONTEXT, slot, await sha256(codeBytes)]);
}

/** `CNHP1:` + base45(CBOR [code bytes, slot, signature]). */
export const presentationText = (codeBytes: Uint8Array, slot: number, signature: Uint8Array): string =>
  PRESENTATION_PREFIX + encodeBase45(encodeCbor([codeBytes, slot, signature]));

/**
 * A presentation of the bare code `code` (`CNHC1:…`) at `at`, signed with `deviceKey` (an ECDSA
 * P-256 private CryptoKey). Fails when `code` is not a CN health code's text.
 */
export async function present(code: string, deviceKey: CryptoKey, at = new Date()): Promise<Result<string, 'NOT_A_CODE'>> {
  if (!code.startsWith(PREFIX)) return fail('NOT_A_CODE', `a CN health code starts with ${PREFIX}`);
  const bytes = decodeBase45(code.slice(PREFIX.length));
  if (!bytes.ok) return fail('NOT_A_CODE', 'the code is not base45');
  const slot = slotOf(at);
  const tbs = await presentationToBeSigned(bytes.value, slot);
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, deviceKey, tbs as BufferSource));
  return ok(presentationText(bytes.value, slot, signature));
}
