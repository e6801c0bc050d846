/** JSON in a JWS must be unambiguous (RFC 7515 §4, RFC 7519 §4): regressions found by test/fuzz. */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEs256 } from '../../crypto/webcrypto.ts';
import { jwkThumbprint } from '../../crypto/jwk.ts';
import { toBase64Url, utf8 } from '../../encoding/bytes.ts';
import { deflateRawBytes } from '../../encoding/zlib.ts';
import { decodeJws } from './decode.ts';
import { healthCardClaims, signShcJws, type ShcSigningKey } from '../../../issuer/formats/shc/encode.ts';

const ISS = 'https://demo.gatecheck.invalid/test';
const claims = healthCardClaims(ISS, 1_740_000_000, [{ resourceType: 'Patient', name: [{ family: 'Zhang', given: ['San'] }], birthDate: '1990-02-03' }]);
const json = JSON.stringify(claims);

let key: ShcSigningKey;
beforeAll(async () => {
  const privateJwk = await generateEs256();
  key = { kid: toBase64Url(await jwkThumbprint(privateJwk)), privateJwk };
});

const reason = (jws: string) => {
  const d = decodeJws(jws);
  return d.ok ? 'ok' : d.reason.code;
};

describe('strict JSON in health cards', () => {
  it('a validly signed card decodes (control)', async () => {
    expect(reason(await signShcJws(claims, key))).toBe('ok');
  });

  it('duplicate claim names are MALFORMED_JSON, even with the same value', async () => {
    expect(reason(await signShcJws(`{"iss":"https://other.invalid",${json.slice(1)}`, key))).toBe('MALFORMED_JSON');
    expect(reason(await signShcJws(`{"nbf":1740000000,${json.slice(1)}`, key))).toBe('MALFORMED_JSON');
  });

  it('duplicate header members are MALFORMED_JSON', async () => {
    const header = `{"zip":"DEF","alg":"none","alg":"ES256","kid":"${key.kid}"}`;
    const jws = await signShcJws(claims, key);
    expect(reason(`${toBase64Url(utf8(header))}.${jws.split('.').slice(1).join('.')}`)).toBe('MALFORMED_JSON');
  });

  it('deep nesting and lone surrogates are MALFORMED_JSON', async () => {
    expect(reason(await signShcJws(`{"x":${'['.repeat(600)}${']'.repeat(600)},${json.slice(1)}`, key))).toBe('MALFORMED_JSON');
    expect(reason(await signShcJws(json.replace('Zhang', 'Zh\\ud800ang'), key))).toBe('MALFORMED_JSON');
  });

  it('invalid UTF-8 in the inflated payload is MALFORMED_JSON', async () => {
    const bytes = utf8(json);
    const at = json.indexOf('Zhang');
    const bad = Uint8Array.from([...bytes.subarray(0, at), 0xc0, 0x80, ...bytes.subarray(at)]);
    expect(reason(await signShcJws(claims, key, { payloadBytes: deflateRawBytes(bad) }))).toBe('MALFORMED_JSON');
  });
});
