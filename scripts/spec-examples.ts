/**
 * Generates the worked examples of docs/formats/cn-health-code.md (section "Worked examples") with
 * the repo's own encoder, and prints them as markdown:
 *
 *   npx tsx scripts/spec-examples.ts > /tmp/examples.md          (all of them)
 *   npx tsx scripts/spec-examples.ts bound > /tmp/bound.md       (only the named ones)
 *
 * Keys, times and code ids are fixed, so everything up to the Sig_structure is reproducible. ES256
 * and SM2 signatures are randomised: the signature and every later layer differ on each run. Paste
 * one run into the document; src/core/formats/cn-hc/spec-examples.test.ts then keeps the document
 * and the code in agreement; to add an example without changing the others' signatures, print and
 * paste only it. Example 3 is a device-bound code (v1.1) and its live presentation at a fixed time:
 * its device signature is randomised too. The examples' data (keys, inputs, times) is in
 * scripts/spec-examples-data.ts; the notation helpers shared with that test (input parsing, CBOR
 * diagnostic notation) live in test/support/cn-hc-spec-examples.ts.
 */
import { pathToFileURL } from 'node:url';
import { publicPart, shortKid } from '../src/core/crypto/jwk.ts';
import { decodeBase45 } from '../src/core/encoding/base45.ts';
import { decodeCbor } from '../src/core/encoding/cbor.ts';
import { PRESENTATION_PREFIX } from '../src/core/formats/cn-hc/constants.ts';
import { decode } from '../src/core/formats/cn-hc/decode.ts';
import { verifyCode } from '../src/core/pipeline/run.ts';
import { indexBundle } from '../src/core/trust/trust-index.ts';
import { present, presentationToBeSigned, slotOf } from '../src/holder/present.ts';
import { encodeClaims, encodeLayers, type EncodedLayers } from '../src/issuer/formats/cn-hc/encode.ts';
import { buildBundle } from '../src/issuer/sign-bundle.ts';
import {
  annotateClaims,
  annotateDeviceInput,
  annotateProtected,
  diag,
  inputFromJson,
  qrFacts,
  qrFactsQM,
  sm2Digest,
  wrapHex,
} from '../test/support/cn-hc-spec-examples.ts';
import { EXAMPLES, type Example } from './spec-examples-data.ts';

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

const fence = (lang: string, id: string, item: string, body: string) => `\`\`\`${lang} cn-hc-example-${id}:${item}\n${body}\n\`\`\``;

async function sign(ex: Example): Promise<EncodedLayers> {
  const claims = encodeClaims(inputFromJson(ex.input));
  for (;;) {
    const layers = await encodeLayers(claims, { alg: ex.key.alg, kid: ex.key.kid, privateJwk: ex.key });
    // Base45 has a space in its alphabet: a code that ended in one could lose it to an editor.
    if (!layers.text.endsWith(' ')) return layers;
  }
}

/** The example's presentation, made by the holder's code (src/holder/present.ts) with the device key. */
async function presentExample(ex: Example, layers: EncodedLayers): Promise<{ text: string; cbor: Uint8Array; signature: Uint8Array; tbs: Uint8Array }> {
  const device = ex.device!;
  const at = new Date(device.presentation.presentedAt);
  if (slotOf(at) !== device.presentation.slot) throw new Error(`${ex.id}: slot is ${slotOf(at)}, not ${device.presentation.slot}`);
  const { d, x, y } = device.key;
  const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x, y, d }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  for (;;) {
    const shown = await present(layers.text, key, at);
    if (!shown.ok) throw new Error(`${ex.id}: ${shown.reason.code}`);
    if (shown.value.endsWith(' ')) continue; // as for the code: a final space could be lost
    const cbor = decodeBase45(shown.value.slice(PRESENTATION_PREFIX.length));
    const parts = cbor.ok ? decodeCbor(cbor.value, { strict: true }) : undefined;
    if (!cbor.ok || !parts?.ok || !Array.isArray(parts.value)) throw new Error(`${ex.id}: presentation does not read back`);
    return { text: shown.value, cbor: cbor.value, signature: parts.value[2] as Uint8Array, tbs: await presentationToBeSigned(layers.zlib, device.presentation.slot) };
  }
}

async function selfCheck(ex: Example, layers: EncodedLayers, shown?: string): Promise<void> {
  if ((await shortKid(ex.key)) !== ex.key.kid) throw new Error(`${ex.id}: kid is not the short thumbprint`);
  const v = ex.verification;
  const bundle = buildBundle({
    version: 1,
    issuedAt: new Date(Date.parse(v.now) - 86_400_000),
    expiresAt: new Date(Date.parse(v.now) + 30 * 86_400_000),
    issuers: [{ id: v.trustedKey.issuer, kind: 'province', names: { 'zh-CN': '示例', en: 'Example' } }],
    keys: [{ issuer: v.trustedKey.issuer, jwk: { ...publicPart(ex.key), kid: ex.key.kid, alg: ex.key.alg }, validFrom: new Date(v.trustedKey.validFrom), validUntil: new Date(v.trustedKey.validUntil), kinds: v.trustedKey.kinds }],
  });
  const trust = indexBundle(bundle);
  const verdict = await verifyCode(shown ?? layers.text, { trust, now: new Date(v.now) });
  if (verdict.outcome !== v.outcome) throw new Error(`${ex.id}: ${verdict.outcome} ${JSON.stringify(verdict.reasons)}`);
  if (!shown) return;
  // The bound code shown bare is what a screenshot of the stored code is.
  const bare = await verifyCode(layers.text, { trust, now: new Date(v.now) });
  if (bare.reasons[0]?.code !== 'PRESENTATION_REQUIRED') throw new Error(`${ex.id}: bare bound code gives ${JSON.stringify(bare.reasons)}`);
}

export async function renderExample(ex: Example, n: number): Promise<string> {
  const layers = await sign(ex);
  const shown = ex.device ? await presentExample(ex, layers) : undefined;
  await selfCheck(ex, layers, shown?.text);
  const decoded = decode(layers.text);
  if (!decoded.ok) throw new Error(`${ex.id}: ${decoded.reason.code}`);
  const { d: _d, ...publicJwk } = ex.key;
  // Pretty JSON, with arrays of strings kept on one line.
  const json = (v: unknown) =>
    JSON.stringify(v, null, 2).replace(/\[\n\s+("[^"\n]*"(?:,\n\s+"[^"\n]*")*)\n\s+\]/g, (_m, items: string) => `[${items.split(/,\n\s+/).join(', ')}]`);
  const id = ex.id;
  const out: string[] = [];
  const add = (...parts: string[]) => out.push(...parts);
  const bytes = (b: Uint8Array) => `${b.length} bytes`;

  add(`### Example ${n}: ${ex.title}`, '');
  add(
    `> **EXAMPLE ONLY.** The private key below is published in this document. It exists so that`,
    `> implementers can reproduce the signature input; no trust bundle may ever contain it.`,
    '',
  );
  add(`Signing key (private JWK, ${ex.key.alg === 'ES256' ? 'P-256' : 'SM2 curve, gatecheck label `crv: "SM2"`'}):`, '');
  add(fence('json', id, 'private-jwk', json(ex.key)), '');
  add('Public JWK as a trust bundle carries it; `kid` is the first 8 bytes of its RFC 7638 thumbprint, base64url:', '');
  add(fence('json', id, 'public-jwk', json(publicJwk)), '');
  add('Input values (times in UTC; the code id is hex):', '');
  add(fence('json', id, 'input', json(ex.input)), '');
  add(`**Claims** (CWT claims map, the COSE payload, ${bytes(layers.claims)}):`, '');
  add(fence('hex', id, 'claims', wrapHex(layers.claims)), '');
  add(fence('cbor-diag', id, 'claims-diag', diag(decoded.value.claims, annotateClaims)), '');
  add(`**Protected header** (${bytes(layers.protectedHeader)}):`, '');
  add(fence('hex', id, 'protected', wrapHex(layers.protectedHeader)), '');
  const ph = decodeCbor(layers.protectedHeader, { strict: true });
  if (!ph.ok) throw new Error('protected header does not decode');
  add(fence('cbor-diag', id, 'protected-diag', diag(ph.value, annotateProtected)), '');
  add(`**Sig_structure** \`["Signature1", protected, h'', payload]\`, the bytes that are signed (${bytes(layers.sigStructure)}):`, '');
  add(fence('hex', id, 'sig-structure', wrapHex(layers.sigStructure)), '');
  if (ex.key.alg === 'SM2-SM3') {
    const { za, e } = sm2Digest(ex.key, layers.sigStructure);
    add('Z_A = SM3(ENTL_A || "1234567812345678" || a || b || x_G || y_G || x_A || y_A), with ENTL_A = 0x0080:', '');
    add(fence('hex', id, 'sm2-za', wrapHex(za)), '');
    add('e = SM3(Z_A || Sig_structure), the value the SM2 signature is computed over:', '');
    add(fence('hex', id, 'sm2-e', wrapHex(e)), '');
  }
  add(`**Signature** r || s (${bytes(layers.signature)}; ${ex.key.alg === 'ES256' ? 'ECDSA' : 'SM2'} is randomised, so a re-run gives other bytes from here on):`, '');
  add(fence('hex', id, 'signature', wrapHex(layers.signature)), '');
  add(`**COSE_Sign1**, tag 18, \`18([protected, {}, payload, signature])\` (${bytes(layers.cose)}):`, '');
  add(fence('hex', id, 'cose', wrapHex(layers.cose)), '');
  add(`**zlib** (RFC 1950, level 9 as fflate writes it; ${bytes(layers.zlib)}):`, '');
  add(fence('hex', id, 'zlib', wrapHex(layers.zlib)), '');
  add(`**Base45** (${layers.base45.length} characters, one line; spaces belong to the text):`, '');
  add(fence('text', id, 'base45', layers.base45), '');
  add('**The code**, the text the QR code carries:', '');
  add(fence('text', id, 'code', layers.text), '');
  add('QR symbol of the code:', '');
  add(fence('text', id, 'qr', qrFacts(layers.text)), '');
  if (shown && ex.device) {
    const p = ex.device.presentation;
    const tbs = decodeCbor(shown.tbs, { strict: true });
    if (!tbs.ok) throw new Error('device signature input does not decode');
    add(`**The live presentation** (§14). The holder's phone shows this instead of the code. Device key (private JWK, P-256; EXAMPLE ONLY):`, '');
    add(fence('json', id, 'device-private-jwk', json(ex.device.key)), '');
    add('Presented at (its slot = floor(Unix seconds / 10)):', '');
    add(fence('json', id, 'presentation', json(p)), '');
    add(`**Device signature input** \`["CNHP1", slot, SHA-256(code bytes)]\`, the code bytes being the zlib bytes above (${bytes(shown.tbs)}):`, '');
    add(fence('hex', id, 'device-tbs', wrapHex(shown.tbs)), '');
    add(fence('cbor-diag', id, 'device-tbs-diag', diag(tbs.value, annotateDeviceInput)), '');
    add(`**Device signature**, ES256 r || s (${bytes(shown.signature)}; randomised, so a re-run gives other bytes from here on):`, '');
    add(fence('hex', id, 'device-signature', wrapHex(shown.signature)), '');
    add(`**Presentation** \`[code bytes, slot, device signature]\` as CBOR (${bytes(shown.cbor)}):`, '');
    add(fence('hex', id, 'presentation-cbor', wrapHex(shown.cbor)), '');
    add(`**Base45** of it (${shown.text.length - PRESENTATION_PREFIX.length} characters, one line):`, '');
    add(fence('text', id, 'presentation-base45', shown.text.slice(PRESENTATION_PREFIX.length)), '');
    add('**The presentation**, the text the QR code on the phone carries during that slot:', '');
    add(fence('text', id, 'presentation-text', shown.text), '');
    add('QR symbol of the presentation:', '');
    add(fence('text', id, 'presentation-qr', qrFactsQM(shown.text)), '');
    add(
      `**Verification.** With the issuer key above in the trust bundle (issuer ${ex.verification.trustedKey.issuer}), the presentation is verified at`,
      `\`now\` with outcome PASS (live code verified, presented in the slot starting ${new Date(p.slot * 10_000).toISOString()}); from more than 60 s`,
      `after that slot start (or before it) it FAILs with PRESENTATION_STALE. The code above shown bare FAILs with PRESENTATION_REQUIRED.`,
      '',
    );
  } else {
    add(
      `**Verification.** With the public key above in the trust bundle (issuer ${ex.verification.trustedKey.issuer}), the code is verified at`,
      `\`now\` with outcome PASS. At or after exp (${ex.input.expiresAt}) it FAILs with CODE_EXPIRED.`,
      '',
    );
  }
  add(fence('json', id, 'verification', json(ex.verification)));
  return out.join('\n');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const parts: string[] = [];
  for (const [i, ex] of EXAMPLES.entries()) if (only.length === 0 || only.includes(ex.id)) parts.push(await renderExample(ex, i + 1));
  process.stdout.write(parts.join('\n\n') + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
