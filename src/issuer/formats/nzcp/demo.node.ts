/**
 * The demo world's NZ COVID Pass: an own demo issuer `did:web:nzcp.demo.gatecheck.invalid` (a
 * did:web DID, as NZCP issuers are; `.invalid` so it can never resolve to a real host), its ES256
 * key `#key-1` in the bundle as `bundle import-did` would put it there, and one pass valid for 30
 * days, which passes the default policy. Its DID document is published beside the bundle too
 * (dids/<host>/did.json), for trying `bundle import-did` on the demo.
 */
import { generateEs256 } from '../../../core/crypto/webcrypto.ts';
import { toBase64Url, utf8 } from '../../../core/encoding/bytes.ts';
import { FORMAT_ID } from '../../../core/formats/nzcp/constants.ts';
import type { DemoContributor } from '../../demo-world.node.ts';
import { encodeNzcpPass, newCti } from './encode.ts';

export const NZCP_DEMO_HOST = 'nzcp.demo.gatecheck.invalid';
export const NZCP_DEMO_ISSUER = `did:web:${NZCP_DEMO_HOST}`;
const KEY_REF = 'key-1';
const DAY = 86_400_000;

export const nzcpDemo: DemoContributor = async (now) => {
  const privateJwk = await generateEs256();
  const publicKeyJwk = { kty: 'EC' as const, crv: 'P-256' as const, x: privateJwk.x, y: privateJwk.y };
  const methodId = `${NZCP_DEMO_ISSUER}#${KEY_REF}`;
  const { text } = await encodeNzcpPass(
    {
      iss: NZCP_DEMO_ISSUER,
      kid: KEY_REF,
      nbf: new Date(now.getTime() - 3600_000),
      exp: new Date(now.getTime() + 30 * DAY),
      cti: newCti(),
      subject: { givenName: 'Aroha', familyName: 'Specimen', dob: '1988-03-21' },
    },
    { privateJwk },
  );
  const didDocument = {
    '@context': 'https://w3.org/ns/did/v1',
    id: NZCP_DEMO_ISSUER,
    verificationMethod: [{ id: methodId, controller: NZCP_DEMO_ISSUER, type: 'JsonWebKey2020', publicKeyJwk }],
    assertionMethod: [methodId],
  };
  return {
    issuers: [{ id: NZCP_DEMO_ISSUER, kind: 'did', names: { 'zh-CN': `${NZCP_DEMO_HOST}（新西兰新冠通行证演示签发方）`, en: `${NZCP_DEMO_HOST} (NZ COVID Pass demo issuer)` } }],
    keys: [
      {
        issuer: NZCP_DEMO_ISSUER,
        // Keys of NZCP issuers are named by their absolute DID URL (docs/formats/nzcp.md), so two issuers' "key-1" never collide.
        jwk: { ...publicKeyJwk, kid: toBase64Url(utf8(methodId)), alg: 'ES256' },
        validFrom: new Date(now.getTime() - 30 * DAY),
        validUntil: new Date(now.getTime() + 365 * DAY),
        kinds: ['pass'],
        formats: [FORMAT_ID],
      },
    ],
    codes: [
      {
        code: {
          name: 'pass-nzcp',
          expect: 'PASS',
          issuer: NZCP_DEMO_ISSUER,
          alg: 'ES256',
          about: { 'zh-CN': '新西兰新冠通行证（演示签发方，did:web）', en: 'NZ COVID Pass (demo issuer, did:web)' },
        },
        text,
      },
    ],
    files: { [`dids/${NZCP_DEMO_HOST}/did.json`]: JSON.stringify(didDocument, null, 2) + '\n' },
  };
};
