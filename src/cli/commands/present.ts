/**
 * `gatecheck present`: what a holder's phone shows for a device-bound code (CN v1.1), made from
 * the stored code and the device's private key — for tests and as the provinces' reference. The
 * signing is src/holder/present.ts, the same code the demo holder page runs in the browser.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { PREFIX, PRESENTATION_PREFIX } from '../../core/formats/cn-hc/constants.ts';
import { checkBinding } from '../../holder/binding.ts';
import { present as makePresentation } from '../../holder/present.ts';
import { qrPng } from '../../issuer/qr-render.node.ts';
import { parseArgs, parseTime, UsageError } from '../args.ts';
import type { Io } from '../io.ts';

export const PRESENT_USAGE =
  'present --code CODE|- --device-key PRIVATE-JWK-FILE [--at ISO] [--png FILE]\n' +
  '      (the live presentation of a device-bound CN code, signed by the device key at --at, default now;\n' +
  '       - reads the code from standard input; a device key: `keygen --alg ES256`, its private.jwk)';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The device key pair from a private JWK file: P-256 only (device keys are ES256), refused naming why. */
async function readDeviceKeyPair(path: string): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new Error(`--device-key ${path} is not JSON (the device's private P-256 JWK is expected)`);
    throw e;
  }
  if (typeof j !== 'object' || j === null || j.kty !== 'EC') throw new Error(`--device-key ${path} is not an EC JWK; device keys are ES256 (P-256)`);
  if (j.crv !== 'P-256' || (j.alg !== undefined && j.alg !== 'ES256'))
    throw new Error(`--device-key ${path} is a ${String(j.crv)}${j.alg ? ` ${String(j.alg)}` : ''} key; device keys are ES256 (P-256)`);
  if (typeof j.d !== 'string') throw new Error(`--device-key ${path} is a public key; presenting needs the device's private key`);
  const { x, y, d } = j as { x: string; y: string; d: string };
  try {
    // Not extractable, as a phone would hold it; the public half checks the code's binding.
    const privateKey = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x, y, d }, ECDSA_P256, false, ['sign']);
    const publicKey = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x, y }, ECDSA_P256, true, ['verify']);
    return { privateKey, publicKey };
  } catch {
    throw new Error(`--device-key ${path} is not a valid P-256 private key`);
  }
}

/** The code as given: one line, line ends and a BOM dropped (spaces are base45 data). */
const codeText = (s: string) => s.replace(/^[\uFEFF\r\n\t]+|[\r\n\t]+$/g, '');

export async function present(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, ['code', 'device-key', 'at', 'png']);
  if (a.positional.length) throw new UsageError(`unexpected ${a.positional[0]}: give the code with --code (or --code - for standard input)`);
  const codeArg = a.req('code');
  const keyPath = a.req('device-key');
  const at = a.one('at') ? parseTime(a.one('at')!, '--at') : new Date();
  const code = codeText(codeArg === '-' ? await io.readStdin() : codeArg);
  if (code.startsWith(PRESENTATION_PREFIX)) throw new Error(`the code is already a presentation (${PRESENTATION_PREFIX}…); give the stored code (${PREFIX}…)`);
  if (!code.startsWith(PREFIX)) throw new Error(`not a CN health code: a code starts with ${PREFIX}`);
  const keys = await readDeviceKeyPair(keyPath);
  const bound = await checkBinding(code, keys.publicKey);
  if (!bound.ok) {
    const why: Record<typeof bound.reason.code, string> = {
      NOT_A_CODE: 'the code does not decode',
      NOT_BOUND: 'the code is not device-bound (no cnf): show it as it is, or have it issued with --device-key',
      BINDING_MALFORMED: 'the code names its device key in a form this version does not read',
      OTHER_DEVICE: `the code is bound to another device, not to the key in ${keyPath}`,
    };
    throw new Error(`${why[bound.reason.code]} (${bound.reason.code}${bound.reason.detail ? `: ${bound.reason.detail}` : ''})`);
  }
  const shown = await makePresentation(code, keys.privateKey, at);
  if (!shown.ok) throw new Error(`${shown.reason.code}: ${shown.reason.detail ?? ''}`);
  if (a.one('png')) await writeFile(a.one('png')!, await qrPng(shown.value));
  io.out(shown.value);
  return 0;
}
